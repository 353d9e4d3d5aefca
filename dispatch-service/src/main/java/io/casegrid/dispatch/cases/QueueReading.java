package io.casegrid.dispatch.cases;

import io.casegrid.dispatch.reference.ReferenceNames;
import io.casegrid.events.Urgency;
import io.casegrid.kit.config.CityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The queues as their readers page through them: a department's (with those below it for its lead),
 * the verifiers', the dispatchers' arbitration queue and their approval queue.
 */
@ApplicationScoped
public class QueueReading {

  /** One page of a queue, with the total for paging. */
  public record Page(long total, int page, int size, List<QueueItem> items) {}

  /** How a department narrows its queue; null leaves a criterion out. */
  public record Filter(
      CaseState state,
      Urgency urgency,
      String category,
      String area,
      Instant dueBefore,
      String caseNumber) {}

  private static final List<CaseState> OPEN =
      List.of(CaseState.DISPATCHED, CaseState.SIGNED, CaseState.PARKED, CaseState.RESOLVED);

  private final EntityManager entityManager;
  private final ZoneId zone;
  private final ReferenceNames names;

  QueueReading(EntityManager entityManager, CityConfig city, ReferenceNames names) {
    this.entityManager = entityManager;
    this.zone = city.zone();
    this.names = names;
  }

  /** A case as readers see it, with the names of its category, place and department. */
  public QueueItem item(DispatchCase c) {
    return QueueItem.of(c, zone, names);
  }

  /**
   * The cases of the departments, open ones unless the filter names a state, the most urgent
   * deadline first.
   */
  public Page queue(List<String> departments, Filter filter, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE c.departmentCode IN :d AND c.state IN :s");
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("d", departments);
    parameters.put("s", filter.state() != null ? List.of(filter.state()) : OPEN);
    if (filter.urgency() != null) {
      where.append(" AND c.urgency = :u");
      parameters.put("u", filter.urgency());
    }
    if (filter.category() != null) {
      where.append(" AND c.categoryCode = :cat");
      parameters.put("cat", filter.category());
    }
    narrow(where, parameters, filter.area(), filter.caseNumber());
    if (filter.dueBefore() != null) {
      where.append(" AND COALESCE(c.extendedUntil, c.resolveDueAt) < :due");
      parameters.put("due", filter.dueBefore());
    }
    return page(
        where.toString(),
        parameters,
        "COALESCE(c.extendedUntil, c.resolveDueAt) ASC NULLS LAST, c.dispatchedAt, c.caseId",
        page,
        size);
  }

  /** How many of the departments' cases are in each state, every state named. */
  public Map<CaseState, Long> counts(List<String> departments) {
    Map<CaseState, Long> counts = new EnumMap<>(CaseState.class);
    for (CaseState state : CaseState.values()) {
      counts.put(state, 0L);
    }
    entityManager
        .createQuery(
            "SELECT c.state, count(c) FROM DispatchCase c WHERE c.departmentCode IN :d"
                + " GROUP BY c.state",
            Object[].class)
        .setParameter("d", departments)
        .getResultStream()
        .forEach(row -> counts.put((CaseState) row[0], (Long) row[1]));
    return counts;
  }

  /** Repairs waiting for the verifier, oldest first, in an area and of a case number if given. */
  public Page verificationTasks(
      Verifier verifier, String area, String caseNumber, int page, int size) {
    StringBuilder where = new StringBuilder(" WHERE c.state = :s AND c.verifier = :v");
    Map<String, Object> parameters = new HashMap<>(Map.of("s", CaseState.RESOLVED, "v", verifier));
    narrow(where, parameters, area, caseNumber);
    return page(where.toString(), parameters, "c.resolvedAt, c.caseId", page, size);
  }

  // Narrows a queue to an area and to a case by its number, each if given.
  private static void narrow(
      StringBuilder where, Map<String, Object> parameters, String area, String caseNumber) {
    if (area != null) {
      // Area codes nest: a grid's code starts with its community's, street's and district's.
      where.append(" AND c.gridCode LIKE :area");
      parameters.put("area", area + "%");
    }
    if (caseNumber != null) {
      where.append(" AND c.caseNumber = :number");
      parameters.put("number", caseNumber);
    }
  }

  /** Cases no rule could place, oldest first. */
  public Page arbitration(int page, int size) {
    return page(
        " WHERE c.state = :s",
        Map.of("s", CaseState.AWAITING_ARBITRATION),
        "c.reportedAt, c.caseId",
        page,
        size);
  }

  /** A request, with the number of its case, which the dispatcher knows the case by. */
  public record NumberedRequest(ApprovalRequest request, String caseNumber) {}

  /** The dispatchers' approval queue: requests in a status, oldest first. */
  public List<NumberedRequest> approvalRequests(ApprovalRequest.Status status, int size) {
    return entityManager
        .createQuery(
            "SELECT r, c.caseNumber FROM ApprovalRequest r JOIN DispatchCase c ON c.caseId ="
                + " r.caseId WHERE r.status = :s ORDER BY r.requestedAt, r.id",
            Object[].class)
        .setParameter("s", status)
        .setMaxResults(size)
        .getResultStream()
        .map(row -> new NumberedRequest((ApprovalRequest) row[0], (String) row[1]))
        .toList();
  }

  /** The number of a request's case. */
  public String caseNumberOf(ApprovalRequest request) {
    return entityManager.find(DispatchCase.class, request.caseId).caseNumber();
  }

  // One page of cases matching a JPQL condition on "c", with the total for paging.
  private Page page(
      String where, Map<String, Object> parameters, String orderBy, int page, int size) {
    TypedQuery<DispatchCase> items =
        entityManager.createQuery(
            "FROM DispatchCase c" + where + " ORDER BY " + orderBy, DispatchCase.class);
    parameters.forEach(items::setParameter);
    // Read whole before naming: looking names up while the rows stream would close them.
    List<DispatchCase> rows = items.setFirstResult(page * size).setMaxResults(size).getResultList();
    // A page that is not full ends the queue, so it tells the total without counting (a queue
    // narrowed to one case, or a department's short queue); past the end, only a count can.
    long total =
        rows.size() < size && (page == 0 || !rows.isEmpty())
            ? (long) page * size + rows.size()
            : count(where, parameters);
    return new Page(total, page, size, rows.stream().map(this::item).toList());
  }

  private long count(String where, Map<String, Object> parameters) {
    TypedQuery<Long> count =
        entityManager.createQuery("SELECT count(c) FROM DispatchCase c" + where, Long.class);
    parameters.forEach(count::setParameter);
    return count.getSingleResult();
  }
}
