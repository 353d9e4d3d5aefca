package io.casegrid.supervision.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseResumed;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.DeadlineWarning;
import io.casegrid.events.RequestKind;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Urgency;
import io.casegrid.supervision.accountability.Accountability;
import io.casegrid.supervision.accountability.EscalationLadder;
import io.casegrid.supervision.deadline.DeadlineCalculator;
import io.casegrid.supervision.deadline.DeadlineUnit;
import io.casegrid.supervision.deadline.WorkingCalendar;
import io.casegrid.supervision.deadline.WorkingPeriod;
import io.casegrid.supervision.metrics.CaseFacts;
import io.casegrid.supervision.metrics.CaseFacts.Return;
import io.casegrid.supervision.policy.DeadlinePolicy;
import io.casegrid.supervision.policy.Limit;
import io.casegrid.supervision.policy.PolicyBook;
import io.casegrid.supervision.policy.SupervisionRules;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The case's clock as events and timers move it, in plain Java. */
class CaseDeadlineTest {

  private static final UUID ID = UUID.randomUUID();
  private static final UUID CAMPAIGN = UUID.randomUUID();
  // 2026-10-09 10:00 in Shanghai; an urgent cover: 30 minutes to sign, 6 hours to resolve.
  private static final Instant DISPATCHED = Instant.parse("2026-10-09T02:00:00Z");
  private static final Instant DUE = DISPATCHED.plus(Duration.ofHours(6));
  private static final SupervisionRules.Rules RULES =
      new SupervisionRules.Rules(
          new PolicyBook(
              List.of(
                  new DeadlinePolicy(
                      "0101",
                      Urgency.URGENT,
                      hours("0.5"),
                      null,
                      hours("6"),
                      new BigDecimal("0.8")))),
          new DeadlineCalculator(
              new WorkingCalendar(
                  List.of(
                      new WorkingPeriod(LocalTime.of(8, 30), LocalTime.of(12, 0)),
                      new WorkingPeriod(LocalTime.of(13, 30), LocalTime.of(17, 30))),
                  Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                  Set.of(),
                  Set.of()),
              ZoneId.of("Asia/Shanghai")),
          new Limit(BigDecimal.ONE, DeadlineUnit.WORKING_DAYS),
          new EscalationLadder(List.of()),
          Accountability.Period.MONTH,
          Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));

  private static Limit hours(String amount) {
    return new Limit(new BigDecimal(amount), DeadlineUnit.NATURAL_HOURS);
  }

  private static CaseDispatched dispatched(String department, Instant at) {
    return new CaseDispatched(
        ID,
        "202610090000001",
        department,
        RoutingBasis.ROUTING_CATALOGUE,
        "catalogue:0101",
        "0101",
        Urgency.URGENT,
        null,
        DISPATCHED.minusSeconds(60),
        at,
        List.of());
  }

  private static CaseDeadline inHand() {
    CaseDeadline c = CaseDeadline.of(ID, false);
    c.apply(dispatched("WATER", DISPATCHED), RULES);
    return c;
  }

  private static io.casegrid.events.CaseReported foundByCampaign(java.time.LocalDate lastDay) {
    return io.casegrid.events.CaseReported.builder()
        .caseId(ID)
        .caseNumber("202610090000001")
        .kind(io.casegrid.events.CaseKind.DEFECT)
        .channel(io.casegrid.events.Channel.GRID_INSPECTOR)
        .categoryCode("0101")
        .urgency(Urgency.URGENT)
        .description("【窨井盖专项整治】BROKEN")
        .reportedAt(DISPATCHED.minusSeconds(60))
        .campaign(new io.casegrid.events.CampaignLink(CAMPAIGN, "窨井盖专项整治", 3, lastDay))
        .build();
  }

  @Test
  void aDefectFoundByACampaignIsResolvedWithinTheCampaignsWorkingDaysWhicheverEventComesFirst() {
    // Friday 2026-10-09 10:00 plus three working days: Wednesday 2026-10-14 10:00.
    Instant threeWorkingDays = Instant.parse("2026-10-14T02:00:00Z");
    CaseDeadline reportedFirst = CaseDeadline.of(ID, false);
    CaseDeadline dispatchedFirst = CaseDeadline.of(ID, false);

    reportedFirst.apply(foundByCampaign(java.time.LocalDate.of(2026, 10, 31)), RULES);
    List<CaseEvent> set = reportedFirst.apply(dispatched("WATER", DISPATCHED), RULES);
    dispatchedFirst.apply(dispatched("WATER", DISPATCHED), RULES);
    List<CaseEvent> moved =
        dispatchedFirst.apply(foundByCampaign(java.time.LocalDate.of(2026, 10, 31)), RULES);

    assertThat(set).hasSize(1);
    assertThat(((DeadlineSet) set.get(0)).resolveDueAt()).isEqualTo(threeWorkingDays);
    assertThat(((DeadlineSet) set.get(0)).signDueAt())
        .isEqualTo(DISPATCHED.plus(Duration.ofMinutes(30)));
    assertThat(moved).isEqualTo(set);
    assertThat(dispatchedFirst.timers()).isEqualTo(reportedFirst.timers());
  }

  @Test
  void aCampaignDefectIsDueAtTheLatestAtTheEndOfTheCampaignsLastDay() {
    CaseDeadline c = CaseDeadline.of(ID, false);
    c.apply(foundByCampaign(java.time.LocalDate.of(2026, 10, 12)), RULES);

    List<CaseEvent> set = c.apply(dispatched("WATER", DISPATCHED), RULES);

    assertThat(((DeadlineSet) set.get(0)).resolveDueAt())
        .isEqualTo(Instant.parse("2026-10-12T16:00:00Z"));
  }

  @Test
  void startsItsClockAtTheFirstDispatchAndAnswersTheDeadlinesItSet() {
    CaseDeadline c = CaseDeadline.of(ID, false);

    List<CaseEvent> caused = c.apply(dispatched("WATER", DISPATCHED), RULES);

    assertThat(caused)
        .containsExactly(
            new DeadlineSet(
                ID,
                "WATER",
                "0101/URGENT",
                DISPATCHED,
                DISPATCHED.plus(Duration.ofMinutes(30)),
                null,
                DUE));
    // Warned at 80 % of the six hours.
    assertThat(c.timers())
        .isEqualTo(new CaseDeadline.Timers(DISPATCHED.plus(Duration.ofMinutes(288)), DUE));
  }

  @Test
  void keepsItsClockWhenDispatchedAgainAfterAReturn() {
    CaseDeadline c = inHand();
    c.apply(new CaseReturned(ID, "WATER", "NOT_OURS", "非本单位", "GAS", "clerk", DUE, null), RULES);

    assertThat(c.apply(dispatched("GAS", DISPATCHED.plusSeconds(600)), RULES)).isEmpty();
    assertThat(c.timers().overdue()).isEqualTo(DUE);
    assertThat(c.facts().departmentCode()).isEqualTo("GAS");
  }

  @Test
  void tellsAnUpheldReturnFromARefusedOneByTheDispatchThatFollows() {
    CaseDeadline c = inHand();
    c.apply(new CaseReturned(ID, "WATER", "NOT_OURS", "非本单位", null, "clerk", DUE, null), RULES);
    c.apply(dispatched("GAS", DISPATCHED.plusSeconds(600)), RULES);
    c.apply(new CaseReturned(ID, "GAS", "NOT_OURS", "非本单位", null, "clerk", DUE, null), RULES);
    assertThat(c.facts().dispatches())
        .containsExactly(
            new CaseFacts.Dispatch("WATER", Return.UPHELD),
            new CaseFacts.Dispatch("GAS", Return.PENDING));

    c.apply(dispatched("GAS", DISPATCHED.plusSeconds(1200)), RULES);

    assertThat(c.facts().dispatches())
        .containsExactly(
            new CaseFacts.Dispatch("WATER", Return.UPHELD),
            new CaseFacts.Dispatch("GAS", Return.REFUSED),
            new CaseFacts.Dispatch("GAS", Return.NONE));
  }

  @Test
  void hasNoTimersWhileParkedAndGetsBackTheTimeThatWasLeftWhenResumed() {
    CaseDeadline c = inHand();
    Instant parkedAt = DISPATCHED.plus(Duration.ofHours(1));
    c.apply(
        new ApprovalDecided(
            ID, UUID.randomUUID(), RequestKind.PARKING, "WATER", true, "雨季", null, "d", parkedAt),
        RULES);
    assertThat(c.timers()).isEqualTo(CaseDeadline.Timers.NONE);

    c.apply(new CaseResumed(ID, "WATER", "clerk", parkedAt.plus(Duration.ofHours(2))), RULES);

    assertThat(c.timers().overdue()).isEqualTo(DUE.plus(Duration.ofHours(2)));
  }

  @Test
  void warnsAndBreachesOnceEachAndDatesTheBreachAtItsDeadlineHoweverLateItIsFound() {
    CaseDeadline c = inHand();
    Instant found = DUE.plus(Duration.ofDays(2));

    assertThat(c.warn(found)).contains(new DeadlineWarning(ID, "WATER", DUE, found));
    assertThat(c.breach(found)).contains(new DeadlineBreached(ID, "WATER", DUE, DUE));
    assertThat(c.breachDetectedAt).isEqualTo(found);

    assertThat(c.warn(found.plusSeconds(1))).isEmpty();
    assertThat(c.breach(found.plusSeconds(1))).isEmpty();
    assertThat(c.timers()).isEqualTo(CaseDeadline.Timers.NONE);
  }

  @Test
  void theMarksOfItsTimersChangeNoneOfTheFactsTheMetricsCount() {
    CaseDeadline c = inHand();
    var before = c.facts();

    c.warn(DUE.minus(Duration.ofHours(1)));
    c.breach(DUE.plusSeconds(1));

    // The timers write no metric change: were a mark ever counted, this would tell.
    assertThat(c.facts()).isEqualTo(before);
  }

  @Test
  void readAsItsTimersSeeItACaseWarnsAndBreachesAsTheWholeCaseDoes() {
    Instant found = DUE.plus(Duration.ofDays(2));
    CaseDeadline fresh = CaseDeadline.asItsTimersSeeIt(ID, "WATER", DUE, null, null);

    assertThat(fresh.warn(found)).contains(new DeadlineWarning(ID, "WATER", DUE, found));
    assertThat(fresh.breach(found)).contains(new DeadlineBreached(ID, "WATER", DUE, DUE));
    assertThat(fresh.breachDetectedAt).isEqualTo(found);

    CaseDeadline marked = CaseDeadline.asItsTimersSeeIt(ID, "WATER", DUE, DUE, DUE);
    assertThat(marked.warn(found)).isEmpty();
    assertThat(marked.breach(found)).isEmpty();
    assertThat(marked.breachDetectedAt).isNull();

    CaseDeadline withoutDeadline = CaseDeadline.asItsTimersSeeIt(ID, "WATER", null, null, null);
    assertThat(withoutDeadline.warn(found)).isEmpty();
    assertThat(withoutDeadline.breach(found)).isEmpty();
  }

  @Test
  void anExtensionMovesTheDeadlineAndTakesBackTheBreachOfTheOldOne() {
    CaseDeadline c = inHand();
    c.breach(DUE);
    Instant extended = DUE.plus(Duration.ofDays(3));

    c.apply(
        new ApprovalDecided(
            ID, UUID.randomUUID(), RequestKind.EXTENSION, "WATER", true, "施工", extended, "d", DUE),
        RULES);

    assertThat(c.breachedAt).isNull();
    assertThat(c.timers().overdue()).isEqualTo(extended);
    assertThat(c.facts().extended()).isTrue();
  }

  @Test
  void aCaseReopenedAfterClosureIsInHandAgainAndNotClosed() {
    CaseDeadline c = inHand();
    c.apply(new CaseResolved(ID, "WATER", "已修复", "clerk", DUE.minusSeconds(7200)), RULES);
    assertThat(c.timers()).isEqualTo(CaseDeadline.Timers.NONE);
    c.apply(new CaseClosed(ID, "WATER", "inspector", DUE.minusSeconds(3600)), RULES);
    assertThat(c.facts().closedOnTime()).isTrue();

    c.apply(new CaseReopened(ID, "WATER", "回访不满意", 1, "operator1", DUE), RULES);

    assertThat(c.status).isEqualTo(CaseProgress.IN_HAND);
    assertThat(c.facts().closedAt()).isNull();
    assertThat(c.timers().overdue()).isEqualTo(DUE);
  }

  @Test
  void aCaseMergedIntoAnotherNeverStartsItsClock() {
    CaseDeadline merged = CaseDeadline.of(ID, true);

    assertThat(merged.apply(dispatched("WATER", DISPATCHED), RULES)).isEmpty();
    assertThat(merged.timers()).isEqualTo(CaseDeadline.Timers.NONE);

    CaseDeadline later = inHand();
    later.mergedIntoAnother();
    assertThat(later.timers()).isEqualTo(CaseDeadline.Timers.NONE);
    assertThat(later.facts().resolveDueAt()).isNull();
  }
}
