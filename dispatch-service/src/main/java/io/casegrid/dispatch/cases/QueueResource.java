package io.casegrid.dispatch.cases;

import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Urgency;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
      Verifier verifier,
      RoutingBasis basis,
      String ruleReference,
      OffsetDateTime reportedAt,
      OffsetDateTime dispatchedAt,
      OffsetDateTime signedAt,
      OffsetDateTime resolvedAt,
      OffsetDateTime closedAt,
      OffsetDateTime signDueAt,
      OffsetDateTime resolveDueAt,
      OffsetDateTime extendedUntil,
      OffsetDateTime overdueSince,
      UUID supervisionOrderId,
      OffsetDateTime orderRespondBy,
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
          c.verifier,
          c.basis,
          c.ruleReference,
          local(c.reportedAt, zone),
          local(c.dispatchedAt, zone),
          local(c.signedAt, zone),
          local(c.resolvedAt, zone),
          local(c.closedAt, zone),
          local(c.signDueAt, zone),
          local(c.resolveDueAt, zone),
          local(c.extendedUntil, zone),
          local(c.overdueSince, zone),
          c.supervisionOrderId,
          local(c.orderRespondBy, zone),
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
  private final CaseReading reading;

  QueueResource(EntityManager entityManager, CityConfig city, CaseReading reading) {
    this.entityManager = entityManager;
    this.zone = city.zone();
    this.reading = reading;
  }

  /** How a department may narrow its queue. */
  public static final class QueueFilter {
    @QueryParam("state")
    CaseState state;

    @QueryParam("urgency")
    Urgency urgency;

    @QueryParam("category")
    @Pattern(regexp = "[A-Z0-9]{2,16}")
    String category;

    @QueryParam("area")
    @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}|\\d{15}")
    String area;

    @QueryParam("dueBefore")
    OffsetDateTime dueBefore;
  }

  /**
   * Whose cases a queue shows: the department's own, or with those of every department below it
   * (its branches, bureaus or streets), for its lead, dispatchers and the supervision centre.
   */
  public enum Scope {
    OWN,
    WITH_SUB_DEPARTMENTS
  }

  private static final List<CaseState> OPEN =
      List.of(CaseState.DISPATCHED, CaseState.SIGNED, CaseState.PARKED, CaseState.RESOLVED);

  @GET
  @Path("/departments/{code}/queue")
  @Operation(
      summary =
          "A department's queue, most urgent deadline first; open cases unless a state is given."
              + " Filter by urgency, category, area (district, street, community or grid code) and"
              + " due time; scope WITH_SUB_DEPARTMENTS adds the queues of the departments below it")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD, Roles.DISPATCHER, Roles.SUPERVISOR})
  public Page queue(
      @PathParam("code") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @BeanParam @Valid QueueFilter filter,
      @QueryParam("scope") @DefaultValue("OWN") Scope scope,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
    StringBuilder where = new StringBuilder(" WHERE c.departmentCode IN :d AND c.state IN :s");
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("d", reading.queuesOf(department, scope == Scope.WITH_SUB_DEPARTMENTS));
    parameters.put("s", filter.state != null ? List.of(filter.state) : OPEN);
    if (filter.urgency != null) {
      where.append(" AND c.urgency = :u");
      parameters.put("u", filter.urgency);
    }
    if (filter.category != null) {
      where.append(" AND c.categoryCode = :cat");
      parameters.put("cat", filter.category);
    }
    if (filter.area != null) {
      // Area codes nest: a grid's code starts with its community's, street's and district's.
      where.append(" AND c.gridCode LIKE :area");
      parameters.put("area", filter.area + "%");
    }
    if (filter.dueBefore != null) {
      where.append(" AND COALESCE(c.extendedUntil, c.resolveDueAt) < :due");
      parameters.put("due", filter.dueBefore.toInstant());
    }
    return page(
        where.toString(),
        parameters,
        "COALESCE(c.extendedUntil, c.resolveDueAt) ASC NULLS LAST, c.dispatchedAt, c.caseId",
        page,
        size);
  }

  @GET
  @Path("/departments/{code}/queue/counts")
  @Operation(
      summary =
          "How many of a department's cases are in each state, with those of the departments"
              + " below it for scope WITH_SUB_DEPARTMENTS")
  @RolesAllowed({Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD, Roles.DISPATCHER, Roles.SUPERVISOR})
  public Map<CaseState, Long> counts(
      @PathParam("code") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @QueryParam("scope") @DefaultValue("OWN") Scope scope) {
    Map<CaseState, Long> counts = new EnumMap<>(CaseState.class);
    for (CaseState state : CaseState.values()) {
      counts.put(state, 0L);
    }
    entityManager
        .createQuery(
            "SELECT c.state, count(c) FROM DispatchCase c WHERE c.departmentCode IN :d"
                + " GROUP BY c.state",
            Object[].class)
        .setParameter("d", reading.queuesOf(department, scope == Scope.WITH_SUB_DEPARTMENTS))
        .getResultStream()
        .forEach(row -> counts.put((CaseState) row[0], (Long) row[1]));
    return counts;
  }

  @GET
  @Path("/verification-tasks")
  @Operation(
      summary =
          "Repairs waiting for verification, oldest first: the hotline's (citizens' cases) or a"
              + " grid inspector's (by grid or area code)")
  @RolesAllowed({Roles.INSPECTOR, Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR})
  public Page verificationTasks(
      @QueryParam("verifier") @DefaultValue("GRID_INSPECTOR") Verifier verifier,
      @QueryParam("area") @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}|\\d{15}") String area,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
    Map<String, Object> parameters = new HashMap<>(Map.of("s", CaseState.RESOLVED, "v", verifier));
    if (area != null) {
      parameters.put("a", area + "%");
    }
    return page(
        " WHERE c.state = :s AND c.verifier = :v" + (area == null ? "" : " AND c.gridCode LIKE :a"),
        parameters,
        "c.resolvedAt, c.caseId",
        page,
        size);
  }

  @GET
  @Path("/arbitration")
  @Operation(summary = "Cases no rule could place, waiting for a dispatcher")
  @RolesAllowed({Roles.DISPATCHER, Roles.SUPERVISOR})
  public Page arbitration(
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
    return page(
        " WHERE c.state = :s",
        Map.of("s", CaseState.AWAITING_ARBITRATION),
        "c.reportedAt, c.caseId",
        page,
        size);
  }

  // One page of cases matching a JPQL condition on "c", with the total for paging.
  private Page page(
      String where, Map<String, Object> parameters, String orderBy, int page, int size) {
    TypedQuery<Long> count =
        entityManager.createQuery("SELECT count(c) FROM DispatchCase c" + where, Long.class);
    TypedQuery<DispatchCase> items =
        entityManager.createQuery(
            "FROM DispatchCase c" + where + " ORDER BY " + orderBy, DispatchCase.class);
    parameters.forEach(
        (name, value) -> {
          count.setParameter(name, value);
          items.setParameter(name, value);
        });
    return new Page(
        count.getSingleResult(),
        page,
        size,
        items
            .setFirstResult(page * size)
            .setMaxResults(size)
            .getResultStream()
            .map(c -> QueueItem.of(c, zone))
            .toList());
  }

  @GET
  @Path("/cases/{id}")
  @Operation(summary = "Where a case went and why")
  @RolesAllowed({
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.DISPATCHER,
    Roles.SUPERVISOR,
    Roles.INSPECTOR,
    Roles.OPERATOR
  })
  public QueueItem get(@PathParam("id") UUID id) {
    return QueueItem.of(reading.readable(id), zone);
  }
}
