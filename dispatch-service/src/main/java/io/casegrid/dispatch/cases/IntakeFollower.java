package io.casegrid.dispatch.cases;

import io.casegrid.dispatch.reference.RoutingTable;
import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.kit.inbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows intake's topic, an adapter around the case: a registered case is routed into its
 * department's queue (or the arbitration queue), a dissatisfied citizen's callback reopens a closed
 * case, and a merge takes the merged case out of the queues. Each event is applied once, in its
 * batch's transaction; an event about a case dispatch does not hold, or that its state makes moot,
 * changes nothing and is not refused: it is recorded as applied, never set aside.
 */
@ApplicationScoped
public class IntakeFollower {

  static final String CONSUMER = "dispatch";
  private static final Logger LOG = Logger.getLogger(IntakeFollower.class);

  private final EventInbox inbox;
  private final EventCodec codec;
  private final Cases cases;
  private final RoutingTable routing;
  private final EarlyMerges earlyMerges;

  IntakeFollower(
      EventInbox inbox,
      EventCodec codec,
      Cases cases,
      RoutingTable routing,
      EarlyMerges earlyMerges) {
    this.inbox = inbox;
    this.codec = codec;
    this.cases = cases;
    this.routing = routing;
    this.earlyMerges = earlyMerges;
  }

  @Incoming("intake-cases")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    inbox.consume(CONSUMER, records, this::apply);
  }

  // Other types on intake's topic, known or not, are not dispatch's business: each is recorded as
  // processed and left alone.
  private void apply(CloudEvent event) {
    if (EventType.CASE_REPORTED.type().equals(event.type())) {
      reported(codec.payload(event, CaseReported.class));
    } else if (EventType.CALLBACK_RECORDED.type().equals(event.type())) {
      calledBack(codec.payload(event, CallbackRecorded.class));
    } else if (EventType.CASE_MERGED.type().equals(event.type())) {
      merged(codec.payload(event, CaseMerged.class));
    }
  }

  private void reported(CaseReported reported) {
    if (reported.closedAtFirstContact()) {
      // Answered and closed on the call: no department is to handle it.
      LOG.debugf("case %s was closed at first contact, not routed", reported.caseNumber());
      return;
    }
    DispatchCase c = DispatchCase.reported(reported);
    Outcome outcome =
        earlyMerges
            .of(reported.caseId())
            .map(m -> c.mergedBeforeRouting(m.survivingCaseNumber(), m.mergedBy(), m.mergedAt()))
            .orElseGet(() -> c.route(routing.router(), Cases.now()));
    cases.add(c);
    cases.keep(c, outcome);
  }

  // A citizen dissatisfied at the callback: back to the department for rework, when intake says
  // so. A case dispatch does not hold (closed on the call) or that is not closed stays as it is.
  private void calledBack(CallbackRecorded callback) {
    if (!callback.reopen()) {
      return;
    }
    Optional<DispatchCase> found = cases.find(callback.caseId());
    if (found.isEmpty() || !found.get().allows(Action.REOPEN_AFTER_CALLBACK)) {
      LOG.infof(
          "callback asks to reopen case %s, which is %s: left as it is",
          callback.caseId(), found.map(c -> (Object) c.state()).orElse("unknown to dispatch"));
      return;
    }
    DispatchCase c = found.get();
    cases.keep(
        c,
        c.reopenAfterCallback(
            "callback " + callback.callbackId() + ": citizen " + callback.satisfaction(),
            callback.actor(),
            Cases.now()));
  }

  // Intake decided the merge: the merged case leaves the queues (or, not read yet, is kept out of
  // them), and the surviving case's timeline says that more people reported it.
  private void merged(CaseMerged merge) {
    if (merge.mergedCaseId() != null) {
      earlyMerges.remember(merge);
      cases
          .find(merge.mergedCaseId())
          .ifPresent(
              c -> {
                Outcome outcome = c.mergedInto(merge, Cases.now());
                if (outcome.isEmpty()) {
                  LOG.infof(
                      "case %s merged into %s is %s: left as it is",
                      c.caseId(), merge.caseId(), c.state());
                }
                cases.keep(c, outcome);
              });
    }
    cases
        .find(merge.caseId())
        .ifPresent(surviving -> cases.keep(surviving, surviving.joinedBy(merge)));
  }
}
