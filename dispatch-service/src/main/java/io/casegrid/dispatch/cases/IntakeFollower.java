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
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
    inbox.consumeAsSet(CONSUMER, records, this::apply);
  }

  /**
   * A batch's reports are routed as a set: their early merges looked up in one statement, each case
   * routed by itself (its events announced in its report's span), and the new cases kept together
   * (see {@link Cases#addAll}). A callback or a merge may concern a case reported earlier in the
   * batch, so the reports before it are kept first, and the order of the batch holds.
   */
  private void apply(List<CloudEvent> events, EventInbox.Spans spans) {
    Map<CloudEvent, CaseReported> reports = new IdentityHashMap<>();
    for (CloudEvent event : events) {
      if (EventType.CASE_REPORTED.type().equals(event.type())) {
        reports.put(event, codec.payload(event, CaseReported.class));
      }
    }
    Map<UUID, EarlyMerges.Merge> merges =
        earlyMerges.of(reports.values().stream().map(CaseReported::caseId).toList());
    List<Cases.Reported> reported = new ArrayList<>();
    for (CloudEvent event : events) {
      CaseReported report = reports.get(event);
      if (report != null) {
        spans.within(event, () -> reported(report, merges).ifPresent(reported::add));
        continue;
      }
      cases.addAll(reported);
      reported.clear();
      // Other types on intake's topic, known or not, are not dispatch's business: each is recorded
      // as processed and left alone.
      if (EventType.CALLBACK_RECORDED.type().equals(event.type())) {
        spans.within(event, () -> calledBack(codec.payload(event, CallbackRecorded.class)));
      } else if (EventType.CASE_MERGED.type().equals(event.type())) {
        spans.within(event, () -> merged(codec.payload(event, CaseMerged.class), merges));
      }
    }
    cases.addAll(reported);
  }

  private Optional<Cases.Reported> reported(
      CaseReported reported, Map<UUID, EarlyMerges.Merge> merges) {
    if (reported.closedAtFirstContact()) {
      // Answered and closed on the call: no department is to handle it.
      LOG.debugf("case %s was closed at first contact, not routed", reported.caseNumber());
      return Optional.empty();
    }
    DispatchCase c = DispatchCase.reported(reported);
    EarlyMerges.Merge merge = merges.get(reported.caseId());
    Outcome outcome =
        merge != null
            ? c.mergedBeforeRouting(merge.survivingCaseNumber(), merge.mergedBy(), merge.mergedAt())
            : c.route(routing.router(), Cases.now());
    cases.announce(outcome);
    return Optional.of(new Cases.Reported(c, outcome));
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
  // them: the batch's later reports see the merge too), and the surviving case's timeline says that
  // more people reported it.
  private void merged(CaseMerged merge, Map<UUID, EarlyMerges.Merge> merges) {
    if (merge.mergedCaseId() != null) {
      earlyMerges.remember(merge);
      // As the table keeps it: the first merge of a case.
      merges.putIfAbsent(merge.mergedCaseId(), EarlyMerges.of(merge));
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
