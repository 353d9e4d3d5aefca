package io.casegrid.dispatch.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.dispatch.DemoCases;
import io.casegrid.dispatch.routing.Router;
import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.ApprovalRequested;
import io.casegrid.events.CaseClosed;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CaseReferred;
import io.casegrid.events.CaseReopened;
import io.casegrid.events.CaseResolved;
import io.casegrid.events.CaseReturned;
import io.casegrid.events.CaseSigned;
import io.casegrid.events.CoHandlingReported;
import io.casegrid.events.Location;
import io.casegrid.events.RequestKind;
import io.casegrid.events.RoutingBasis;
import io.casegrid.kit.domain.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The case's moves in plain Java: what each changes, what it announces, what it refuses. */
class DispatchCaseTest {

  private static final Location HUBIN = DemoCases.HUBIN;
  // The cover DemoCases reports with an owner.
  private static final String COVER = "3399010102000001";
  private static final Instant NOW = Instant.parse("2026-03-02T01:00:00Z");

  private static final Router ROUTER =
      new Router(
          List.of(
              new Router.Rule("0102", null, "DRAINAGE", List.of()),
              new Router.Rule("0114", "339901", "CITY_MANAGEMENT", List.of("CM-339901"))),
          Map.of("339901001", "ST-339901001"),
          Set.of("DRAINAGE", "HEATING", "GAS", "CITY_MANAGEMENT", "CM-339901", "ST-339901001"));

  private static DispatchCase reported(String category, String owner) {
    return DispatchCase.reported(DemoCases.reported(category, HUBIN, owner));
  }

  /** A cover of the drainage company's, dispatched to it. */
  private static DispatchCase atDrainage() {
    DispatchCase c = reported("0102", "DRAINAGE");
    c.route(ROUTER, NOW);
    return c;
  }

  private static DispatchCase signedByDrainage() {
    DispatchCase c = atDrainage();
    c.sign("drainage1", NOW);
    return c;
  }

  private static DomainException refusal(Runnable move) {
    try {
      move.run();
    } catch (DomainException refused) {
      return refused;
    }
    throw new AssertionError("the move was not refused");
  }

  @Test
  void routesACoverToItsRegisteredOwnerAndAnnouncesTheDispatchWithWhereTheCaseLies() {
    DispatchCase c = reported("0102", "HEATING");

    Outcome outcome = c.route(ROUTER, NOW);

    assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
    assertThat(c.departmentCode()).isEqualTo("HEATING");
    assertThat(c.basis()).isEqualTo(RoutingBasis.ASSET_OWNER);
    assertThat(outcome.events()).hasSize(1);
    CaseDispatched dispatched = outcome.event(CaseDispatched.class).orElseThrow();
    assertThat(dispatched.departmentCode()).isEqualTo("HEATING");
    assertThat(dispatched.ruleReference()).isEqualTo("asset-owner:HEATING");
    assertThat(dispatched.location()).isEqualTo(HUBIN);
    assertThat(dispatched.dispatchedAt()).isEqualTo(NOW);
    assertThat(outcome.entries())
        .containsExactly(
            new Outcome.Entry(
                NOW,
                "routing",
                "DISPATCH",
                "HEATING",
                null,
                CaseState.DISPATCHED,
                dispatched.ruleReference()));
  }

  @Test
  void givesTheCoHandlersOfTheCataloguesRuleATaskEach() {
    DispatchCase c = reported("0114", null);

    Outcome outcome = c.route(ROUTER, NOW);

    assertThat(c.departmentCode()).isEqualTo("CITY_MANAGEMENT");
    assertThat(outcome.coHandlers()).containsExactly("CM-339901");
    assertThat(outcome.event(CaseDispatched.class).orElseThrow().coHandlerCodes())
        .containsExactly("CM-339901");
  }

  @Test
  void leavesACaseNoRulePlacesToTheDispatchersAndAnnouncesNothing() {
    DispatchCase c = reported("E0199", null);
    Router nowhere = new Router(List.of(), Map.of(), Set.of());

    Outcome outcome = c.route(nowhere, NOW);

    assertThat(c.state()).isEqualTo(CaseState.AWAITING_ARBITRATION);
    assertThat(c.departmentCode()).isNull();
    assertThat(outcome.events()).isEmpty();
    assertThat(outcome.entries()).extracting(Outcome.Entry::reason).containsExactly("no-rule");
  }

  @Test
  void signsResolvesAndClosesAnnouncingEachMoveOnce() {
    DispatchCase c = atDrainage();

    assertThat(c.sign("drainage1", NOW).events())
        .containsExactly(new CaseSigned(c.caseId(), "DRAINAGE", "drainage1", NOW));
    Outcome resolved = c.resolve("已补装新井盖", "drainage1", NOW);
    assertThat(resolved.events())
        .containsExactly(new CaseResolved(c.caseId(), "DRAINAGE", "已补装新井盖", "drainage1", NOW));
    assertThat(resolved.endsPendingRequest()).isTrue();
    assertThat(c.passVerification(null, "operator1", NOW).events())
        .containsExactly(new CaseClosed(c.caseId(), "DRAINAGE", "operator1", NOW));

    assertThat(c.state()).isEqualTo(CaseState.CLOSED);
    assertThat(c.closedAt()).isEqualTo(NOW);
    assertThat(c.result()).isEqualTo("已补装新井盖");
  }

  @Test
  void refusesToResolveACaseNeverSignedForAndStaysAsItWas() {
    DispatchCase c = atDrainage();

    DomainException refused = refusal(() -> c.resolve("done", "drainage1", NOW));

    assertThat(refused.refusal()).isEqualTo(DomainException.Refusal.CONFLICT);
    assertThat(refused.type()).isEqualTo("illegal-transition");
    assertThat(refused.getMessage()).contains("DISPATCHED").contains("SIGN");
    assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
    assertThat(c.resolvedAt()).isNull();
  }

  @Test
  void refusesADepartmentThatDoesNotHoldTheCase() {
    DispatchCase c = atDrainage();

    assertThat(refusal(() -> c.requireHeldBy("HEATING")).refusal())
        .isEqualTo(DomainException.Refusal.FORBIDDEN);
    c.requireHeldBy("DRAINAGE");
  }

  @Test
  void sendsAFailedVerificationBackForReworkAndCountsIt() {
    DispatchCase c = signedByDrainage();
    c.resolve("done", "drainage1", NOW);

    Outcome outcome = c.failVerification("井盖仍松动", "inspector1", NOW);

    assertThat(c.state()).isEqualTo(CaseState.SIGNED);
    assertThat(c.reworkCount()).isEqualTo(1);
    assertThat(c.resolvedAt()).isNull();
    assertThat(outcome.events())
        .containsExactly(new CaseReopened(c.caseId(), "DRAINAGE", "井盖仍松动", 1, "inspector1", NOW));
  }

  @Test
  void reopensOnlyAClosedCaseAfterACallback() {
    DispatchCase open = signedByDrainage();
    assertThat(open.allows(Action.REOPEN_AFTER_CALLBACK)).isFalse();
    assertThat(refusal(() -> open.reopenAfterCallback("dissatisfied", "operator1", NOW)).type())
        .isEqualTo("illegal-transition");

    DispatchCase closed = signedByDrainage();
    closed.resolve("done", "drainage1", NOW);
    closed.passVerification(null, "operator1", NOW);
    assertThat(closed.allows(Action.REOPEN_AFTER_CALLBACK)).isTrue();
    Outcome outcome = closed.reopenAfterCallback("dissatisfied", "operator1", NOW);

    assertThat(closed.state()).isEqualTo(CaseState.SIGNED);
    assertThat(closed.closedAt()).isNull();
    assertThat(outcome.event(CaseReopened.class).orElseThrow().reworkCount()).isEqualTo(1);
  }

  @Test
  void sendsAReturnedCaseToTheOwnerTheDepartmentNames() {
    DispatchCase c = atDrainage();

    Outcome outcome = c.giveBack("NOT_OUR_ASSET", "燃气井", "GAS", ROUTER, Set.of(), "drainage1", NOW);

    assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
    assertThat(c.departmentCode()).isEqualTo("GAS");
    assertThat(c.returnCount()).isEqualTo(1);
    assertThat(outcome.endsCoHandling()).isTrue();
    assertThat(outcome.endsPendingRequest()).isTrue();
    assertThat(outcome.events()).hasSize(2);
    assertThat(outcome.events().get(0)).isInstanceOf(CaseReturned.class);
    CaseDispatched dispatched = (CaseDispatched) outcome.events().get(1);
    assertThat(dispatched.departmentCode()).isEqualTo("GAS");
    assertThat(dispatched.basis()).isEqualTo(RoutingBasis.NAMED_ON_RETURN);
    assertThat(outcome.entries())
        .extracting(Outcome.Entry::action)
        .containsExactly("RETURN", "REROUTE");
  }

  @Test
  void leavesToTheDispatchersACaseRoutingWouldOnlySendBack() {
    DispatchCase c = reported("0102", null);
    c.route(ROUTER, NOW);

    Outcome outcome = c.giveBack("NOT_OUR_DUTY", "不归我们", null, ROUTER, Set.of(), "drainage1", NOW);

    assertThat(c.state()).isEqualTo(CaseState.AWAITING_ARBITRATION);
    assertThat(c.departmentCode()).isNull();
    assertThat(c.ruleReference()).isEqualTo("returned-by:DRAINAGE");
    assertThat(outcome.events()).hasOnlyElementsOfType(CaseReturned.class);
  }

  @Test
  void refersACaseStraightToTheAssetsOwnerWithoutCountingAReturn() {
    DispatchCase c = signedByDrainage();

    Outcome outcome = c.refer("GAS", null, "燃气公司的井", Set.of(), "drainage1", NOW);

    assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
    assertThat(c.departmentCode()).isEqualTo("GAS");
    assertThat(c.returnCount()).isZero();
    assertThat(c.signedAt()).isNull();
    CaseReferred referred = outcome.event(CaseReferred.class).orElseThrow();
    assertThat(referred.assetCode()).isEqualTo(COVER);
    assertThat(referred.registeredOwnerCode()).isEqualTo("DRAINAGE");
    CaseDispatched dispatched = outcome.event(CaseDispatched.class).orElseThrow();
    assertThat(dispatched.basis()).isEqualTo(RoutingBasis.ASSET_OWNER);
    assertThat(dispatched.ruleReference()).isEqualTo("referral:DRAINAGE:" + COVER);
  }

  @Test
  void refusesAReferralToADepartmentThatGaveTheCaseAwayAndStaysAsItWas() {
    DispatchCase c = signedByDrainage();

    DomainException refused = refusal(() -> c.refer("GAS", null, "x", Set.of("GAS"), "a", NOW));

    assertThat(refused.type()).isEqualTo("owner-disputed");
    assertThat(c.departmentCode()).isEqualTo("DRAINAGE");
    assertThat(c.state()).isEqualTo(CaseState.SIGNED);
  }

  @Test
  void refusesAReferralOfACaseWithoutAnAssetUnlessTheDepartmentNamesOne() {
    DispatchCase withoutAsset = reported("0102", null);
    withoutAsset.route(ROUTER, NOW);

    DomainException refused =
        refusal(() -> withoutAsset.refer("GAS", null, "x", Set.of(), "a", NOW));

    assertThat(refused.refusal()).isEqualTo(DomainException.Refusal.INVALID);
    assertThat(refused.violations())
        .extracting(DomainException.Violation::field)
        .containsExactly("assetCode");
    assertThat(withoutAsset.refer("GAS", COVER, "x", Set.of(), "a", NOW).events()).hasSize(2);
  }

  @Test
  void asksForOneApprovalAtATimeAndAnExtensionOnlyToALaterDate() {
    DispatchCase c = signedByDrainage();

    assertThat(
            refusal(() -> c.requestApproval(RequestKind.PARKING, "x", null, true, "a", NOW)).type())
        .isEqualTo("request-pending");
    assertThat(
            refusal(() -> c.requestApproval(RequestKind.EXTENSION, "x", NOW, false, "a", NOW))
                .type())
        .isEqualTo("extension-date");
    Instant later = NOW.plus(Duration.ofDays(3));
    ApprovalRequested requested =
        c.requestApproval(RequestKind.EXTENSION, "等材料", later, false, "drainage1", NOW)
            .event(ApprovalRequested.class)
            .orElseThrow();

    assertThat(requested.until()).isEqualTo(later);
    assertThat(requested.departmentCode()).isEqualTo("DRAINAGE");
    assertThat(c.state()).isEqualTo(CaseState.SIGNED);
  }

  // The request the department asks for, as CaseWork keeps it.
  private static ApprovalRequest asked(DispatchCase c, RequestKind kind, Instant until) {
    return ApprovalRequest.of(
        c.requestApproval(kind, "等材料", until, false, "drainage1", NOW)
            .event(ApprovalRequested.class)
            .orElseThrow());
  }

  @Test
  void movesTheDateOnAnApprovedExtensionAndParksOnAnApprovedParking() {
    DispatchCase extended = signedByDrainage();
    Instant later = NOW.plus(Duration.ofDays(3));
    ApprovalRequest extension = asked(extended, RequestKind.EXTENSION, later);

    Outcome decided = extended.decide(extension, true, "同意", "dispatcher1", NOW);

    assertThat(extended.extendedUntil()).isEqualTo(later);
    assertThat(extended.state()).isEqualTo(CaseState.SIGNED);
    assertThat(extension.status).isEqualTo(ApprovalRequest.Status.APPROVED);
    assertThat(decided.event(ApprovalDecided.class).orElseThrow().approved()).isTrue();
    assertThat(refusal(() -> extended.decide(extension, false, "x", "d", NOW)).type())
        .isEqualTo("already-decided");

    DispatchCase parked = signedByDrainage();
    parked.decide(asked(parked, RequestKind.PARKING, null), true, "同意", "dispatcher1", NOW);
    assertThat(parked.state()).isEqualTo(CaseState.PARKED);
    parked.resume("drainage1", NOW);
    assertThat(parked.state()).isEqualTo(CaseState.SIGNED);
  }

  @Test
  void placesACaseByHandWithTheDispatcherAsItsRule() {
    DispatchCase c = reported("E0199", null);
    c.route(new Router(List.of(), Map.of(), Set.of()), NOW);

    Outcome outcome = c.assign("CITY_MANAGEMENT", "属地城管", "dispatcher1", NOW);

    assertThat(c.state()).isEqualTo(CaseState.DISPATCHED);
    CaseDispatched dispatched = outcome.event(CaseDispatched.class).orElseThrow();
    assertThat(dispatched.basis()).isEqualTo(RoutingBasis.MANUAL);
    assertThat(dispatched.ruleReference()).isEqualTo("dispatcher:dispatcher1");
  }

  @Test
  void refusesToAnswerASupervisionOrderThereIsNot() {
    DispatchCase c = signedByDrainage();

    assertThat(refusal(() -> c.answerSupervisionOrder("已处理", "drainage1", NOW)).type())
        .isEqualTo("no-open-order");
  }

  @Test
  void takesAMergedCaseOutOfTheQueueAndLeavesAClosedOneAsItIs() {
    DispatchCase c = signedByDrainage();
    CaseMerged merge =
        new CaseMerged(
            UUID.randomUUID(), "20260302000002", c.caseId(), c.caseNumber(), 2, "operator1", NOW);

    Outcome outcome = c.mergedInto(merge, NOW);

    assertThat(c.state()).isEqualTo(CaseState.MERGED);
    assertThat(outcome.events()).isEmpty();
    assertThat(outcome.endsPendingRequest()).isTrue();
    assertThat(outcome.endsCoHandling()).isTrue();
    assertThat(c.allows(Action.SIGN)).isFalse();
    assertThat(c.mergedInto(merge, NOW).isEmpty()).isTrue();
  }

  @Test
  void keepsACoHandlersReportInTheLeadCaseOnceItsTaskIsOpen() {
    DispatchCase c = atDrainage();
    CoHandlingTask task = new CoHandlingTask();
    task.id = UUID.randomUUID();
    task.caseId = c.caseId();
    task.departmentCode = "HOUSING";
    task.state = CoHandlingTask.State.OPEN;

    Outcome outcome = c.coHandlerReported(task, "已排查", "housing1", NOW);

    assertThat(task.state).isEqualTo(CoHandlingTask.State.REPORTED);
    assertThat(outcome.event(CoHandlingReported.class).orElseThrow().leadDepartmentCode())
        .isEqualTo("DRAINAGE");
    assertThat(refusal(() -> c.coHandlerReported(task, "again", "housing1", NOW)).type())
        .isEqualTo("task-not-open");
  }
}
