package io.casegrid.supervision.policy;

import io.casegrid.events.Urgency;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.reference.ReferenceVersion;
import io.casegrid.supervision.accountability.Accountability;
import io.casegrid.supervision.accountability.AccountabilityStep;
import io.casegrid.supervision.accountability.EscalationLadder;
import io.casegrid.supervision.deadline.DeadlineCalculator;
import io.casegrid.supervision.deadline.DeadlineUnit;
import io.casegrid.supervision.deadline.WorkingCalendar;
import io.casegrid.supervision.deadline.WorkingPeriod;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The deadline policies and the working calendar, in memory between loads. */
@ApplicationScoped
public class SupervisionRules {

  /** What the rules are at one moment. */
  public record Rules(
      PolicyBook policies,
      DeadlineCalculator calculator,
      Limit supervisionOrderResponse,
      EscalationLadder ladder,
      Accountability.Period escalationPeriod,
      Set<DayOfWeek> weekend) {}

  private final EntityManager entityManager;
  private final ZoneId zone;
  private final ReferenceVersion.Cached<Rules> rules;

  SupervisionRules(EntityManager entityManager, CityConfig city, ReferenceVersion version) {
    this.entityManager = entityManager;
    this.zone = city.zone();
    this.rules = version.cache(Duration.ofSeconds(5), v -> load());
  }

  /** Call inside a transaction. */
  public Rules current() {
    return rules.get();
  }

  public Optional<DeadlinePolicy> policyFor(String categoryCode, Urgency urgency) {
    return current().policies().policyFor(categoryCode, urgency);
  }

  void invalidate() {
    rules.invalidate();
  }

  @SuppressWarnings("unchecked")
  private Rules load() {
    List<DeadlinePolicy> policies =
        ((List<Object[]>)
                entityManager
                    .createNativeQuery(
                        "SELECT category_code, urgency, sign_amount, sign_unit, make_safe_amount,"
                            + " make_safe_unit, resolve_amount, resolve_unit, warning_share FROM"
                            + " deadline_policy")
                    .getResultList())
            .stream()
                .map(
                    r ->
                        new DeadlinePolicy(
                            (String) r[0],
                            Urgency.valueOf((String) r[1]),
                            limit(r[2], r[3]),
                            r[4] == null ? null : limit(r[4], r[5]),
                            limit(r[6], r[7]),
                            (BigDecimal) r[8]))
                .toList();
    List<WorkingPeriod> periods =
        ((List<Object[]>)
                entityManager
                    .createNativeQuery("SELECT starts, ends FROM working_period ORDER BY starts")
                    .getResultList())
            .stream().map(r -> new WorkingPeriod((LocalTime) r[0], (LocalTime) r[1])).toList();
    Object[] settings =
        (Object[])
            entityManager
                .createNativeQuery(
                    "SELECT weekend, order_response_amount, order_response_unit,"
                        + " escalation_period FROM calendar_setting WHERE id = 1")
                .getSingleResult();
    Limit orderResponse = limit(settings[1], settings[2]);
    Accountability.Period escalationPeriod = Accountability.Period.valueOf((String) settings[3]);
    EscalationLadder ladder =
        new EscalationLadder(
            ((List<Object[]>)
                    entityManager
                        .createNativeQuery("SELECT overdue_cases, step FROM escalation_rung")
                        .getResultList())
                .stream()
                    .map(
                        r ->
                            new EscalationLadder.Rung(
                                ((Number) r[0]).intValue(),
                                AccountabilityStep.valueOf((String) r[1])))
                    .toList());
    Set<DayOfWeek> weekend =
        Arrays.stream(((String) settings[0]).split(","))
            .filter(s -> !s.isBlank())
            .map(DayOfWeek::valueOf)
            .collect(Collectors.toSet());
    Set<LocalDate> holidays = days("HOLIDAY");
    Set<LocalDate> makeUps = days("MAKE_UP_WORKDAY");
    if (periods.isEmpty()) {
      // Until an administrator loads a calendar, only natural-hour limits can be computed.
      return new Rules(
          new PolicyBook(policies), null, orderResponse, ladder, escalationPeriod, weekend);
    }
    return new Rules(
        new PolicyBook(policies),
        new DeadlineCalculator(new WorkingCalendar(periods, weekend, holidays, makeUps), zone),
        orderResponse,
        ladder,
        escalationPeriod,
        weekend);
  }

  private Set<LocalDate> days(String kind) {
    @SuppressWarnings("unchecked")
    List<LocalDate> days =
        entityManager
            .createNativeQuery("SELECT day FROM calendar_day WHERE kind = ?1", LocalDate.class)
            .setParameter(1, kind)
            .getResultList();
    return new HashSet<>(days);
  }

  private static Limit limit(Object amount, Object unit) {
    return new Limit((BigDecimal) amount, DeadlineUnit.valueOf((String) unit));
  }
}
