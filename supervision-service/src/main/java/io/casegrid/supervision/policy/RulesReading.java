package io.casegrid.supervision.policy;

import io.casegrid.supervision.accountability.Accountability;
import io.casegrid.supervision.accountability.EscalationLadder;
import io.casegrid.supervision.deadline.WorkingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Date;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Supervision's rules read back as loaded: policies, the calendar with its days, the ladder. */
@ApplicationScoped
public class RulesReading {

  /** A named day of the calendar: a holiday, or a make-up working day (调休). */
  public record Day(LocalDate date, String kind, String name) {}

  /** The working calendar: working periods, weekend, and its holidays and make-up days. */
  public record Calendar(
      List<WorkingPeriod> workingPeriods, Set<DayOfWeek> weekend, List<Day> days) {}

  /** The escalation ladder: the period it counts overdue cases in, and its rungs. */
  public record Ladder(Accountability.Period period, List<EscalationLadder.Rung> rungs) {}

  /** The deadline policies, the default for each urgency first, and the orders' response limit. */
  public record Policies(List<DeadlinePolicy> policies, Limit supervisionOrderResponse) {}

  private final EntityManager entityManager;
  private final SupervisionRules rules;

  RulesReading(EntityManager entityManager, SupervisionRules rules) {
    this.entityManager = entityManager;
    this.rules = rules;
  }

  /** Call inside a transaction. */
  public Policies policies() {
    SupervisionRules.Rules now = rules.current();
    return new Policies(
        now.policies().all().stream()
            .sorted(
                Comparator.comparing(
                        (DeadlinePolicy p) -> p.categoryCode() == null ? "" : p.categoryCode())
                    .thenComparing(DeadlinePolicy::urgency))
            .toList(),
        now.supervisionOrderResponse());
  }

  /** The calendar, with the named days of one year or of every year. Call inside a transaction. */
  @SuppressWarnings("unchecked")
  public Calendar calendar(Integer year) {
    SupervisionRules.Rules now = rules.current();
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT day, kind, name FROM calendar_day WHERE (CAST(?1 AS INTEGER) IS NULL OR"
                    + " extract(year FROM day) = CAST(?1 AS INTEGER)) ORDER BY day")
            .setParameter(1, year)
            .getResultList();
    return new Calendar(
        now.calculator() == null ? List.of() : now.calculator().calendar().periods(),
        new TreeSet<>(now.weekend()),
        rows.stream()
            .map(
                r ->
                    new Day(
                        r[0] instanceof Date d ? d.toLocalDate() : (LocalDate) r[0],
                        (String) r[1],
                        (String) r[2]))
            .toList());
  }

  /** The ladder in force. Call inside a transaction. */
  public Ladder ladder() {
    SupervisionRules.Rules now = rules.current();
    return new Ladder(now.escalationPeriod(), now.ladder().rungs());
  }
}
