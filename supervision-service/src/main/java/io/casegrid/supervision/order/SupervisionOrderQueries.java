package io.casegrid.supervision.order;

import io.casegrid.kit.config.CityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/** Reads the supervision orders (督办单) as the supervision centre lists them. */
@ApplicationScoped
public class SupervisionOrderQueries {

  /** An order as the supervision centre sees it, its moments in the city's zone. */
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

  SupervisionOrderQueries(EntityManager entityManager, CityConfig city) {
    this.entityManager = entityManager;
    this.zone = city.zone();
  }

  /**
   * The answered orders or the open ones, of one department or all ({@code department} null), by
   * response deadline, at most {@code size}.
   */
  public List<OrderView> list(boolean answered, String department, int size) {
    Query query =
        entityManager
            .createNativeQuery(
                "SELECT o.id, o.case_id, d.case_number, o.department_code, o.issued_at,"
                    + " o.respond_by, o.answered_at, o.answered_by, o.answer FROM"
                    + " supervision_order o JOIN case_deadline d ON d.case_id = o.case_id WHERE"
                    + " (o.answered_at IS NOT NULL) = ?1"
                    + (department == null ? "" : " AND o.department_code = ?3")
                    + " ORDER BY o.respond_by LIMIT ?2")
            .setParameter(1, answered)
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
