package io.casegrid.dispatch.cases;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WorkflowTest {

  @Test
  void followsTheClosedLoopFromDispatchToClosure() {
    CaseState state = CaseState.DISPATCHED;
    state = Workflow.next(state, Action.SIGN).orElseThrow();
    state = Workflow.next(state, Action.RESOLVE).orElseThrow();
    state = Workflow.next(state, Action.PASS_VERIFICATION).orElseThrow();

    assertThat(state).isEqualTo(CaseState.CLOSED);
  }

  @Test
  void sendsAFailedVerificationBackToTheDepartmentsHands() {
    assertThat(Workflow.next(CaseState.RESOLVED, Action.FAIL_VERIFICATION))
        .contains(CaseState.SIGNED);
  }

  @Test
  void refusesToResolveACaseNeverSignedFor() {
    assertThat(Workflow.next(CaseState.DISPATCHED, Action.RESOLVE)).isEmpty();
  }

  @Test
  void refusesToSignTwice() {
    assertThat(Workflow.next(CaseState.SIGNED, Action.SIGN)).isEmpty();
  }

  @Test
  void letsADepartmentReturnACaseBeforeOrAfterSigningButNotAfterReportingBack() {
    assertThat(Workflow.next(CaseState.DISPATCHED, Action.RETURN))
        .contains(CaseState.AWAITING_ARBITRATION);
    assertThat(Workflow.next(CaseState.SIGNED, Action.RETURN))
        .contains(CaseState.AWAITING_ARBITRATION);
    assertThat(Workflow.next(CaseState.RESOLVED, Action.RETURN)).isEmpty();
  }

  @Test
  void letsADepartmentReferACaseItHoldsToTheOwnersQueueToBeSignedForAnew() {
    assertThat(Workflow.next(CaseState.DISPATCHED, Action.REFER)).contains(CaseState.DISPATCHED);
    assertThat(Workflow.next(CaseState.SIGNED, Action.REFER)).contains(CaseState.DISPATCHED);
    assertThat(Workflow.next(CaseState.PARKED, Action.REFER)).isEmpty();
    assertThat(Workflow.next(CaseState.RESOLVED, Action.REFER)).isEmpty();
    assertThat(Workflow.next(CaseState.AWAITING_ARBITRATION, Action.REFER)).isEmpty();
  }

  @Test
  void onlyADispatcherOrRoutingPlacesACaseWaitingForArbitration() {
    assertThat(Workflow.allowed(CaseState.AWAITING_ARBITRATION))
        .containsExactlyInAnyOrder(Action.ASSIGN, Action.REROUTE);
  }

  @Test
  void parksOnlyACaseInHandAndResumesItFromParking() {
    assertThat(Workflow.next(CaseState.SIGNED, Action.PARK)).contains(CaseState.PARKED);
    assertThat(Workflow.next(CaseState.DISPATCHED, Action.PARK)).isEmpty();
    assertThat(Workflow.allowed(CaseState.PARKED)).containsExactly(Action.RESUME);
  }

  @Test
  void letsOnlyACaseInHandAskForApproval() {
    assertThat(Workflow.next(CaseState.SIGNED, Action.REQUEST_APPROVAL)).contains(CaseState.SIGNED);
    assertThat(Workflow.next(CaseState.DISPATCHED, Action.REQUEST_APPROVAL)).isEmpty();
    assertThat(Workflow.next(CaseState.RESOLVED, Action.REQUEST_APPROVAL)).isEmpty();
  }

  @Test
  void leavesAClosedCaseAloneUnlessTheCitizenIsDissatisfiedAtTheCallback() {
    assertThat(Workflow.allowed(CaseState.CLOSED)).containsExactly(Action.REOPEN_AFTER_CALLBACK);
    assertThat(Workflow.next(CaseState.CLOSED, Action.REOPEN_AFTER_CALLBACK))
        .contains(CaseState.SIGNED);
  }

  @ParameterizedTest
  @EnumSource(CaseState.class)
  void allowsExactlyTheActionsThatLeadSomewhere(CaseState state) {
    for (Action action : Action.values()) {
      assertThat(Workflow.next(state, action).isPresent())
          .as("%s in %s", action, state)
          .isEqualTo(Workflow.allowed(state).contains(action));
    }
  }
}
