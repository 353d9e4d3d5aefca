package io.casegrid.dispatch.queue;

import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Urgency;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.problem.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A department reads its own queue; anyone may look up where a case went. */
@Path("/api")
@Tag(name = "queues")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

  /** A case in a queue. */
  public record QueueItem(
      UUID caseId,
      String caseNumber,
      String categoryCode,
      Urgency urgency,
      String description,
      String gridCode,
      String departmentCode,
      CaseState state,
      RoutingBasis basis,
      String ruleReference,
      OffsetDateTime reportedAt,
      OffsetDateTime dispatchedAt,
      OffsetDateTime signedAt,
      OffsetDateTime resolvedAt,
      OffsetDateTime closedAt,
      OffsetDateTime extendedUntil,
      String result,
      int returnCount,
      int reworkCount) {

    public static QueueItem of(DispatchCase c, ZoneId zone) {
      return new QueueItem(
          c.caseId,
          c.caseNumber,
          c.categoryCode,
          c.urgency,
          c.description,
          c.gridCode,
          c.departmentCode,
          c.state,
          c.basis,
          c.ruleReference,
          local(c.reportedAt, zone),
          local(c.dispatchedAt, zone),
          local(c.signedAt, zone),
          local(c.resolvedAt, zone),
          local(c.closedAt, zone),
          local(c.extendedUntil, zone),
          c.result,
          c.returnCount,
          c.reworkCount);
    }

    private static OffsetDateTime local(java.time.Instant instant, ZoneId zone) {
      return instant == null ? null : instant.atZone(zone).toOffsetDateTime();
    }
  }

  /** One page of a queue, with the total for paging. */
  public record Page(long total, int page, int size, List<QueueItem> items) {}

  private final EntityManager entityManager;
  private final ZoneId zone;

  QueueResource(EntityManager entityManager, CityConfig city) {
    this.entityManager = entityManager;
    this.zone = city.zone();
  }

  @GET
  @Path("/departments/{code}/queue")
  @Operation(
      summary = "A department's queue, oldest dispatch first; open cases unless a state is given")
  public Page queue(
      @PathParam("code") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @QueryParam("state") CaseState state,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
    List<CaseState> states =
        state != null
            ? List.of(state)
            : List.of(CaseState.DISPATCHED, CaseState.SIGNED, CaseState.PARKED, CaseState.RESOLVED);
    long total =
        entityManager
            .createQuery(
                "SELECT count(c) FROM DispatchCase c WHERE c.departmentCode = :d AND c.state IN :s",
                Long.class)
            .setParameter("d", department)
            .setParameter("s", states)
            .getSingleResult();
    List<QueueItem> items =
        entityManager
            .createQuery(
                "FROM DispatchCase c WHERE c.departmentCode = :d AND c.state IN :s"
                    + " ORDER BY c.dispatchedAt, c.caseId",
                DispatchCase.class)
            .setParameter("d", department)
            .setParameter("s", states)
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultList()
            .stream()
            .map(c -> QueueItem.of(c, zone))
            .toList();
    return new Page(total, page, size, items);
  }

  @GET
  @Path("/arbitration")
  @Operation(summary = "Cases no rule could place, waiting for a dispatcher")
  public Page arbitration(
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
    List<DispatchCase> cases =
        entityManager
            .createQuery(
                "FROM DispatchCase c WHERE c.state = :s ORDER BY c.reportedAt, c.caseId",
                DispatchCase.class)
            .setParameter("s", CaseState.AWAITING_ARBITRATION)
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultList();
    long total =
        entityManager
            .createQuery("SELECT count(c) FROM DispatchCase c WHERE c.state = :s", Long.class)
            .setParameter("s", CaseState.AWAITING_ARBITRATION)
            .getSingleResult();
    return new Page(total, page, size, cases.stream().map(c -> QueueItem.of(c, zone)).toList());
  }

  @GET
  @Path("/cases/{id}")
  @Operation(summary = "Where a case went and why")
  public QueueItem get(@PathParam("id") UUID id) {
    DispatchCase c = entityManager.find(DispatchCase.class, id);
    if (c == null) {
      throw ProblemException.notFound("case " + id);
    }
    return QueueItem.of(c, zone);
  }
}
