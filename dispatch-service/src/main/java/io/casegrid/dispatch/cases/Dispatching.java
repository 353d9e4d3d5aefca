package io.casegrid.dispatch.cases;

import io.casegrid.dispatch.reference.RoutingTable;
import io.casegrid.dispatch.routing.Router;
import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CaseReported;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.Location;
import io.casegrid.kit.inbox.EventInbox;
import io.casegrid.kit.outbox.Outbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes each registered case from intake, routes it and puts it in its department's queue (or the
 * arbitration queue), announcing {@code CaseDispatched} in the same transaction.
 */
@ApplicationScoped
public class Dispatching {

  static final String CONSUMER = "dispatch";
  private static final Logger LOG = Logger.getLogger(Dispatching.class);

  private final EventInbox inbox;
  private final EventCodec codec;
  private final EntityManager entityManager;
  private final RoutingTable routing;
  private final Outbox outbox;
  private final Timeline timeline;
  private final CoHandling coHandling;
  private final CaseCommands commands;
  private final MergedCases merges;

  Dispatching(
      EventInbox inbox,
      EventCodec codec,
      EntityManager entityManager,
      RoutingTable routing,
      Outbox outbox,
      Timeline timeline,
      CoHandling coHandling,
      CaseCommands commands,
      MergedCases merges) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
    this.routing = routing;
    this.outbox = outbox;
    this.timeline = timeline;
    this.coHandling = coHandling;
    this.commands = commands;
    this.merges = merges;
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
      dispatch(codec.payload(event, CaseReported.class));
    } else if (EventType.CALLBACK_RECORDED.type().equals(event.type())) {
      calledBack(codec.payload(event, CallbackRecorded.class));
    } else if (EventType.CASE_MERGED.type().equals(event.type())) {
      merges.merged(codec.payload(event, CaseMerged.class));
    }
  }

  // A citizen dissatisfied at the callback: back to the department for rework, when intake says so.
  private void calledBack(CallbackRecorded callback) {
    if (!callback.reopen()) {
      return;
    }
    commands.reopenAfterCallback(
        callback.caseId(),
        "callback " + callback.callbackId() + ": citizen " + callback.satisfaction(),
        callback.actor());
  }

  void dispatch(CaseReported reported) {
    if (reported.closedAtFirstContact()) {
      // Answered and closed on the call: no department is to handle it.
      LOG.debugf("case %s was closed at first contact, not routed", reported.caseNumber());
      return;
    }
    Location at = reported.location();
    DispatchCase c = new DispatchCase();
    c.caseId = reported.caseId();
    c.caseNumber = reported.caseNumber();
    c.categoryCode = reported.categoryCode();
    c.urgency = reported.urgency();
    c.description = reported.description();
    if (at != null) {
      c.districtCode = at.districtCode();
      c.streetCode = at.streetCode();
      c.communityCode = at.communityCode();
      c.gridCode = at.gridCode();
    }
    c.channel = reported.channel();
    c.verifier = Verifier.of(reported.channel());
    c.assetCode = reported.assetCode();
    c.assetOwnerCode = reported.assetOwnerCode();
    c.reportedAt = reported.reportedAt();
    if (merges.keptOut(c)) {
      return; // Merged into another case before its report was read.
    }

    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it
    Router.Decision decision =
        routing
            .router()
            .route(
                new Router.CaseFacts(
                    c.categoryCode, c.districtCode, c.streetCode, c.assetOwnerCode),
                now);
    c.basis = decision.basis();
    c.ruleReference = decision.ruleReference();
    if (decision.departmentCode().isEmpty()) {
      c.state = CaseState.AWAITING_ARBITRATION;
      entityManager.persist(c);
      timeline.record(c.caseId, now, "routing", "DISPATCH", null, null, c.state, c.ruleReference);
      return;
    }
    c.departmentCode = decision.departmentCode().get();
    c.state = CaseState.DISPATCHED;
    c.dispatchedAt = now;
    entityManager.persist(c);
    timeline.record(
        c.caseId, now, "routing", "DISPATCH", c.departmentCode, null, c.state, c.ruleReference);
    coHandling.open(c.caseId, decision.coHandlers(), now);
    outbox.announce(
        new CaseDispatched(
            c.caseId,
            c.caseNumber,
            c.departmentCode,
            c.basis,
            c.ruleReference,
            c.categoryCode,
            c.urgency,
            at,
            c.reportedAt,
            c.dispatchedAt,
            decision.coHandlers()));
  }
}
