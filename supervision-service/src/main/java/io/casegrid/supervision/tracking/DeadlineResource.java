package io.casegrid.supervision.tracking;

import io.casegrid.events.Urgency;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A case's deadlines, in the city's time zone. */
@Path("/api/cases/{id}/deadline")
@Tag(name = "deadlines")
@Produces(MediaType.APPLICATION_JSON)
public class DeadlineResource {

  /**
   * A case's deadlines; all null until the clock starts at dispatch. A breach is at the deadline it
   * passed; {@code breachDetectedAt} is when the timers found it.
   */
  public record DeadlineView(
      UUID caseId,
      String caseNumber,
      String categoryCode,
      Urgency urgency,
      String departmentCode,
      String policy,
      CaseProgress status,
      boolean extended,
      int reworkCount,
      OffsetDateTime clockStartedAt,
      OffsetDateTime signedAt,
      OffsetDateTime parkedSince,
      OffsetDateTime resolvedAt,
      OffsetDateTime closedAt,
      OffsetDateTime warnedAt,
      OffsetDateTime breachedAt,
      OffsetDateTime breachDetectedAt,
      OffsetDateTime signDueAt,
      OffsetDateTime makeSafeDueAt,
      OffsetDateTime warningAt,
      OffsetDateTime resolveDueAt) {}

  private final CaseDeadlines deadlines;
  private final ZoneId zone;

  private final Caller caller;

  DeadlineResource(CaseDeadlines deadlines, CityConfig city, Caller caller) {
    this.deadlines = deadlines;
    this.caller = caller;
    this.zone = city.zone();
  }

  @GET
  @Operation(summary = "The deadlines of a case: sign for, make safe, warning, resolve")
  @RolesAllowed({
    Roles.SUPERVISOR,
    Roles.DISPATCHER,
    Roles.OPERATOR,
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD
  })
  public DeadlineView get(@PathParam("id") UUID id) {
    CaseDeadline c = deadlines.find(id).orElseThrow(() -> DomainException.notFound("case " + id));
    if (!caller.maySee(c.departmentCode, List.of())) {
      throw caller.hiddenCase(id);
    }
    return new DeadlineView(
        c.caseId,
        c.caseNumber,
        c.categoryCode,
        c.urgency,
        c.departmentCode,
        c.policyReference,
        c.status,
        c.extended,
        c.reworkCount,
        local(c.clockStartedAt),
        local(c.signedAt),
        local(c.parkedSince),
        local(c.resolvedAt),
        local(c.closedAt),
        local(c.warnedAt),
        local(c.breachedAt),
        local(c.breachDetectedAt),
        local(c.signDueAt),
        local(c.makeSafeDueAt),
        local(c.warningAt),
        local(c.resolveDueAt));
  }

  private OffsetDateTime local(Instant instant) {
    return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
  }
}
