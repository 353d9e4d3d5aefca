package io.casegrid.supervision.accountability;

import io.casegrid.kit.config.CityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Reads the accountability record: each step of the ladder taken, with the cases behind it. */
@ApplicationScoped
public class AccountabilityQueries {

  /** One step taken against a department, at a moment in the city's zone. */
  public record Entry(
      UUID id,
      String departmentCode,
      LocalDate periodStart,
      AccountabilityStep step,
      OffsetDateTime takenAt,
      int overdueCases,
      List<UUID> caseIds) {}

  private final EntityManager entityManager;
  private final ZoneId zone;

  AccountabilityQueries(EntityManager entityManager, CityConfig city) {
    this.entityManager = entityManager;
    this.zone = city.zone();
  }

  /**
   * The steps taken in periods from {@code since} on (all if null), of one department or all
   * ({@code department} null), newest first and, taken together, heaviest first; 500 at most.
   */
  public List<Entry> steps(String department, LocalDate since) {
    Query query =
        entityManager.createNativeQuery(
            "SELECT id, department_code, period_start, step, taken_at, overdue_cases, case_ids"
                + " FROM accountability_record WHERE period_start >= ?1"
                + (department == null ? "" : " AND department_code = ?2")
                + " ORDER BY taken_at DESC, "
                + AccountabilityStep.weightIn("step")
                + " DESC LIMIT 500");
    query.setParameter(1, since == null ? LocalDate.of(1970, 1, 1) : since);
    if (department != null) {
      query.setParameter(2, department);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream()
        .map(
            r ->
                new Entry(
                    (UUID) r[0],
                    (String) r[1],
                    (LocalDate) r[2],
                    AccountabilityStep.valueOf((String) r[3]),
                    instant(r[4]).atZone(zone).toOffsetDateTime(),
                    ((Number) r[5]).intValue(),
                    Arrays.stream(((String) r[6]).split(","))
                        .filter(s -> !s.isBlank())
                        .map(UUID::fromString)
                        .toList()))
        .toList();
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
  }
}
