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

  @Test
  void givesAYellowCardForTheFirstOverdueCase() {
    assertThat(ladder.stepDue(1, Set.of())).contains(YELLOW_CARD);
  }

  @Test
  void takesEachStepOnceInAPeriod() {
    assertThat(ladder.stepDue(2, Set.of(YELLOW_CARD))).isEmpty();
    assertThat(ladder.stepDue(3, Set.of(YELLOW_CARD))).contains(ACCOUNTABILITY_NOTICE);
    assertThat(ladder.stepDue(4, Set.of(YELLOW_CARD, ACCOUNTABILITY_NOTICE))).isEmpty();
  }

  @Test
  void goesStraightToTheHeaviestStepReached() {
    assertThat(ladder.stepDue(6, Set.of())).contains(LEADERSHIP_REPORT);
  }

  @Test
  void isClimbedOnlyOnceEveryStepWasTaken() {
    assertThat(ladder.climbed(Set.of(LEADERSHIP_REPORT, ACCOUNTABILITY_NOTICE))).isFalse();
    assertThat(ladder.climbed(Set.of(LEADERSHIP_REPORT, ACCOUNTABILITY_NOTICE, YELLOW_CARD)))
        .isTrue();
    for (int overdue = 0; overdue < 100; overdue++) {
      assertThat(ladder.stepDue(overdue, Set.of(AccountabilityStep.values()))).isEmpty();
    }
  }

  @Test
  void takesNoStepWithoutOverdueCasesOrRungs() {
    assertThat(ladder.stepDue(0, Set.of())).isEmpty();
    assertThat(new EscalationLadder(List.of()).stepDue(10, Set.of())).isEmpty();
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
