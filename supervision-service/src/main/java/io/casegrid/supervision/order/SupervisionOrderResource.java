package io.casegrid.supervision.order;

import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The supervision centre's list of orders, unanswered first by when they are due. */
@Path("/api/supervision-orders")
@Tag(name = "supervision orders")
@Produces(MediaType.APPLICATION_JSON)
public class SupervisionOrderResource {

  /** An order as the supervision centre sees it. */
  public record OrderView(
      UUID id,
      UUID caseId,
      String caseNumber,
      String departmentCode,
      OffsetDateTime issuedAt,
      OffsetDateTime respondBy,
      OffsetDateTime answeredAt,
      String answeredBy,
      String answer) {}

  private final EntityManager entityManager;
  private final ZoneId zone;

  private final Caller caller;

  SupervisionOrderResource(EntityManager entityManager, CityConfig city, Caller caller) {
    this.entityManager = entityManager;
    this.caller = caller;
    this.zone = city.zone();
  }

  @GET
  @Operation(
      summary =
          "Supervision orders, open ones unless answered=true, by response deadline; department"
              + " staff see their own department's only")
  @RolesAllowed({
    Roles.SUPERVISOR,
    Roles.LEADER,
    Roles.DISPATCHER,
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD
  })
  public List<OrderView> list(
      // Not a boolean parameter: JAX-RS would read anything but "true" as false.
      @QueryParam("answered") @DefaultValue("false") @Pattern(regexp = "true|false")
          String answered,
      @QueryParam("department") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
    if (caller.isBoundToDepartment()) {
      if (department != null) {
        caller.requireOwnDepartment(department);
      }
      department = caller.ownDepartment();
    }
    jakarta.persistence.Query query =
        entityManager
            .createNativeQuery(
                "SELECT o.id, o.case_id, d.case_number, o.department_code, o.issued_at,"
                    + " o.respond_by, o.answered_at, o.answered_by, o.answer FROM"
                    + " supervision_order o JOIN case_deadline d ON d.case_id = o.case_id WHERE"
                    + " (o.answered_at IS NOT NULL) = ?1"
                    + (department == null ? "" : " AND o.department_code = ?3")
                    + " ORDER BY o.respond_by LIMIT ?2")
            .setParameter(1, Boolean.parseBoolean(answered))
            .setParameter(2, size);
    if (department != null) {
      query.setParameter(3, department);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new OrderView(
                    (UUID) r[0],
                    (UUID) r[1],
                    (String) r[2],
                    (String) r[3],
                    local(r[4]),
                    local(r[5]),
                    local(r[6]),
                    (String) r[7],
                    (String) r[8]))
        .toList();
  }

  private OffsetDateTime local(Object value) {
    if (value == null) {
      return null;
    }
    Instant instant = value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
    return instant.atZone(zone).toOffsetDateTime();
  }
}
