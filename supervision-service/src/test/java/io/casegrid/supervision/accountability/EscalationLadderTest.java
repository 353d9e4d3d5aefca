package io.casegrid.supervision.accountability;

import static io.casegrid.supervision.accountability.AccountabilityStep.ACCOUNTABILITY_NOTICE;
import static io.casegrid.supervision.accountability.AccountabilityStep.LEADERSHIP_REPORT;
import static io.casegrid.supervision.accountability.AccountabilityStep.YELLOW_CARD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EscalationLadderTest {

  // First time a yellow card, second time accountability, third time leadership (the speeches).
  private final EscalationLadder ladder =
      new EscalationLadder(
          List.of(
              new EscalationLadder.Rung(3, ACCOUNTABILITY_NOTICE),
              new EscalationLadder.Rung(1, YELLOW_CARD),
              new EscalationLadder.Rung(5, LEADERSHIP_REPORT)));

  private List<AccountabilityStep> stepsDue(int overdue, Set<AccountabilityStep> taken) {
    return ladder.rungsDue(overdue, taken).stream().map(EscalationLadder.Rung::step).toList();
  }

  @Test
  void givesAYellowCardForTheFirstOverdueCase() {
    assertThat(stepsDue(1, Set.of())).containsExactly(YELLOW_CARD);
  }

  @Test
  void takesEachStepOnceInAPeriod() {
    assertThat(stepsDue(2, Set.of(YELLOW_CARD))).isEmpty();
    assertThat(stepsDue(3, Set.of(YELLOW_CARD))).containsExactly(ACCOUNTABILITY_NOTICE);
    assertThat(stepsDue(4, Set.of(YELLOW_CARD, ACCOUNTABILITY_NOTICE))).isEmpty();
  }

  @Test
  void takesEveryRungReachedAtOnceLightestFirst() {
    assertThat(stepsDue(6, Set.of()))
        .containsExactly(YELLOW_CARD, ACCOUNTABILITY_NOTICE, LEADERSHIP_REPORT);
    assertThat(stepsDue(5, Set.of(YELLOW_CARD)))
        .containsExactly(ACCOUNTABILITY_NOTICE, LEADERSHIP_REPORT);
  }

  @Test
  void isClimbedOnlyOnceEveryStepWasTaken() {
    assertThat(ladder.climbed(Set.of(LEADERSHIP_REPORT, ACCOUNTABILITY_NOTICE))).isFalse();
    assertThat(ladder.climbed(Set.of(LEADERSHIP_REPORT, ACCOUNTABILITY_NOTICE, YELLOW_CARD)))
        .isTrue();
    for (int overdue = 0; overdue < 100; overdue++) {
      assertThat(stepsDue(overdue, Set.of(AccountabilityStep.values()))).isEmpty();
    }
  }

  @Test
  void takesNoStepWithoutOverdueCasesOrRungs() {
    assertThat(stepsDue(0, Set.of())).isEmpty();
    assertThat(new EscalationLadder(List.of()).rungsDue(10, Set.of())).isEmpty();
  }

  @Test
  void refusesALadderWhoseStepsDoNotGrowWithTheCount() {
    assertThatThrownBy(
            () ->
                new EscalationLadder(
                    List.of(
                        new EscalationLadder.Rung(1, ACCOUNTABILITY_NOTICE),
                        new EscalationLadder.Rung(2, YELLOW_CARD))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EscalationLadder.Rung(0, YELLOW_CARD))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
