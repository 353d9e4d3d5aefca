package io.casegrid.supervision.accountability;

import io.casegrid.events.DeadlineBreached;
import io.casegrid.kit.config.CityConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Climbs the escalation ladder when a department's case goes overdue: counts the department's
 * overdue cases in the period and records every step due, lightest first, with the cases behind it.
 */
@ApplicationScoped
public class Accountability {

  /** The period the ladder counts in: the calendar week or month, in the city's zone. */
  public enum Period {
    WEEK,
    MONTH;

    LocalDate startOf(LocalDate day) {
      return this == WEEK
          ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
          : day.withDayOfMonth(1);
    }

    ChronoUnit unit() {
      return this == WEEK ? ChronoUnit.WEEKS : ChronoUnit.MONTHS;
    }
  }

  private final EntityManager entityManager;
  private final ZoneId zone;

  Accountability(EntityManager entityManager, CityConfig city) {
    this.entityManager = entityManager;
    this.zone = city.zone();
  }

  /**
   * Call in the transaction that declares cases of the department overdue (once per department and
   * batch, departments in their natural order), with the moments of their breaches: each breach
   * counts in the period of its deadline, even when found later (in the next period, after an
   * outage). The ids behind a step are read only when a step is due, and nothing is counted once
   * the whole ladder was climbed in the period, so a storm of breaches stays cheap.
   */
  public void afterBreaches(
      String department, Collection<Instant> breaches, EscalationLadder ladder, Period period) {
    if (department == null || ladder.rungs().isEmpty() || breaches.isEmpty()) {
      return;
    }
    Set<LocalDate> periods = new TreeSet<>();
    breaches.forEach(at -> periods.add(period.startOf(at.atZone(zone).toLocalDate())));
    // A step once taken stays taken: where the whole ladder was climbed in every period of these
    // breaches there is nothing to count, and no need to wait for the other workers' counts. In a
    // storm that is every batch after the first few.
    if (periods.stream().allMatch(start -> ladder.climbed(taken(department, start)))) {
      return;
    }
    // Timer workers fire batches side by side: each must count the other's committed breaches, or
    // two batches could each stay below a rung that together they reach. The lock, held until
    // commit, makes the department's counts take turns (callers lock departments in one order).
    entityManager
        .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('ladder:' || ?1))")
        .setParameter(1, department)
        .getSingleResult();
    // A step is taken when it is counted, under the lock: dated at the start of the batch, a
    // worker that waited for the lock would date the heavier step it takes before the lighter one
    // the other worker took meanwhile, and the record would list them out of order.
    Instant takenAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    for (LocalDate start : periods) {
      climb(department, start, start.plus(1, period.unit()), ladder, takenAt);
    }
  }

  private Set<AccountabilityStep> taken(String department, LocalDate periodStart) {
    Set<AccountabilityStep> taken = new HashSet<>();
    entityManager
        .createNativeQuery(
            "SELECT step FROM accountability_record WHERE department_code = ?1 AND period_start ="
                + " ?2")
        .setParameter(1, department)
        .setParameter(2, periodStart)
        .getResultList()
        .forEach(step -> taken.add(AccountabilityStep.valueOf((String) step)));
    return taken;
  }

  /**
   * Answers for a breach the name of the heaviest step of the ladder taken for its department in
   * the period of the breach, or null if none (or no department); each department and period is
   * read once, however many of its cases breach together. For one transaction's breaches.
   */
  public Function<DeadlineBreached, String> stepsReached(Period period) {
    Map<List<Object>, Optional<String>> known = new HashMap<>();
    return breach ->
        breach.departmentCode() == null
            ? null
            : known
                .computeIfAbsent(
                    List.of(
                        breach.departmentCode(),
                        period.startOf(breach.breachedAt().atZone(zone).toLocalDate())),
                    k -> heaviestStep((String) k.get(0), (LocalDate) k.get(1)))
                .orElse(null);
  }

  private Optional<String> heaviestStep(String department, LocalDate periodStart) {
    List<?> steps =
        entityManager
            .createNativeQuery(
                "SELECT step FROM accountability_record WHERE department_code = ?1 AND"
                    + " period_start = ?2 ORDER BY "
                    + AccountabilityStep.weightIn("step")
                    + " DESC LIMIT 1")
            .setParameter(1, department)
            .setParameter(2, periodStart)
            .getResultList();
    return steps.stream().map(String.class::cast).findFirst();
  }

  private void climb(
      String department, LocalDate start, LocalDate end, EscalationLadder ladder, Instant now) {
    Set<AccountabilityStep> taken = taken(department, start);
    if (ladder.climbed(taken)) {
      return;
    }
    Instant from = start.atStartOfDay(zone).toInstant();
    Instant until = end.atStartOfDay(zone).toInstant();
    int overdue =
        ((Number)
                entityManager
                    .createNativeQuery(
                        "SELECT count(*) FROM case_deadline WHERE department_code = ?1 AND"
                            + " breached_at >= ?2 AND breached_at < ?3")
                    .setParameter(1, department)
                    .setParameter(2, from)
                    .setParameter(3, until)
                    .getSingleResult())
            .intValue();
    for (EscalationLadder.Rung rung : ladder.rungsDue(overdue, taken)) {
      record(department, start, from, until, rung, now);
    }
  }

  // The cases behind a step are those that reached its rung: the period's first breaches, as many
  // as the rung counts.
  @SuppressWarnings("unchecked")
  private void record(
      String department,
      LocalDate start,
      Instant from,
      Instant until,
      EscalationLadder.Rung rung,
      Instant now) {
    List<Object> overdue =
        entityManager
            .createNativeQuery(
                "SELECT case_id FROM case_deadline WHERE department_code = ?1 AND breached_at >="
                    + " ?2 AND breached_at < ?3 ORDER BY breached_at, case_id LIMIT ?4")
            .setParameter(1, department)
            .setParameter(2, from)
            .setParameter(3, until)
            .setParameter(4, rung.overdueCases())
            .getResultList();
    entityManager
        .createNativeQuery(
            "INSERT INTO accountability_record (id, department_code, period_start, step, taken_at,"
                + " overdue_cases, case_ids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO"
                + " NOTHING")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, department)
        .setParameter(3, start)
        .setParameter(4, rung.step().name())
        .setParameter(5, now)
        .setParameter(6, overdue.size())
        .setParameter(7, overdue.stream().map(String::valueOf).collect(Collectors.joining(",")))
        .executeUpdate();
  }
}
