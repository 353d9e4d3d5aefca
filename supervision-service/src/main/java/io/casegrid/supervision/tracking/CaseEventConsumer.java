package io.casegrid.supervision.tracking;

import io.casegrid.events.CaseEvent;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.SupervisionOrderAnswered;
import io.casegrid.kit.inbox.EventInbox;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.supervision.metrics.CaseFacts;
import io.casegrid.supervision.metrics.MetricsProjection;
import io.casegrid.supervision.order.SupervisionOrders;
import io.casegrid.supervision.policy.SupervisionRules;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows the cases of intake's and dispatch's topics: an adapter around {@link CaseDeadline}. For
 * each event, once (the inbox), it loads the case (or opens it, from a report or a dispatch: the
 * two topics are not ordered against each other, so either may come first), applies the event,
 * stores the case and its timers, announces the events the case answers through the outbox, and
 * gives the metrics projection the case's facts before and after, all in one transaction; the
 * projection writes the batch's changes at its end.
 */
@ApplicationScoped
public class CaseEventConsumer {

  private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);

  /** The inbox's name for this consumer: events recorded as processed under it. */
  static final String CONSUMER = "supervision";

  private final EventInbox inbox;
  private final EventCodec codec;
  private final CaseDeadlines deadlines;
  private final SupervisionRules rules;
  private final Outbox outbox;
  private final MetricsProjection metrics;
  private final SupervisionOrders orders;

  CaseEventConsumer(
      EventInbox inbox,
      EventCodec codec,
      CaseDeadlines deadlines,
      SupervisionRules rules,
      Outbox outbox,
      MetricsProjection metrics,
      SupervisionOrders orders) {
    this.inbox = inbox;
    this.codec = codec;
    this.deadlines = deadlines;
    this.rules = rules;
    this.outbox = outbox;
    this.metrics = metrics;
    this.orders = orders;
  }

  @Incoming("intake-cases")
  @Blocking
  public void fromIntake(ConsumerRecords<String, String> records) {
    inbox.consumeAsSet(CONSUMER, records, this::apply);
  }

  @Incoming("dispatch-cases")
  @Blocking
  public void fromDispatch(ConsumerRecords<String, String> records) {
    inbox.consumeAsSet(CONSUMER, records, this::apply);
  }

  /**
   * The batch's cases are looked up together (those followed already, and those merged before
   * supervision followed them: a statement each for the whole batch), then each event is applied in
   * its order and its span, and the metrics projection writes the batch's changes at its end.
   */
  private void apply(List<CloudEvent> events, EventInbox.Spans spans) {
    Map<CloudEvent, CaseEvent> payloads = new IdentityHashMap<>();
    Set<UUID> caseIds = new HashSet<>();
    for (CloudEvent event : events) {
      Optional<EventType> type = EventType.ofType(event.type());
      // The cases' topics carry case events only; anything else is no case's to follow.
      if (type.isPresent()
          && codec.payload(event, type.get().payloadClass()) instanceof CaseEvent payload) {
        payloads.put(event, payload);
        caseIds.add(payload.caseId());
        if (payload instanceof CaseMerged merge && merge.mergedCaseId() != null) {
          caseIds.add(merge.mergedCaseId());
        }
      }
    }
    Batch batch = new Batch(deadlines.findAll(caseIds), deadlines.mergedAmong(caseIds));
    for (CloudEvent event : events) {
      CaseEvent payload = payloads.get(event);
      if (payload != null) {
        spans.within(event, () -> apply(payload, batch));
      }
    }
    metrics.write();
  }

  /**
   * What the batch knows of its cases: those followed (null: looked up and not followed), and those
   * merged before supervision followed them.
   */
  private record Batch(Map<UUID, CaseDeadline> cases, Set<UUID> merged) {}

  private void apply(CaseEvent payload, Batch batch) {
    if (payload instanceof SupervisionOrderAnswered answered) {
      orders.answered(answered);
    } else if (payload instanceof CaseMerged merge) {
      merged(merge, batch);
    } else {
      follow(payload, batch);
    }
  }

  private Optional<CaseDeadline> find(UUID caseId, Batch batch) {
    return batch.cases().containsKey(caseId)
        ? Optional.ofNullable(batch.cases().get(caseId))
        : deadlines.find(caseId);
  }

  private void follow(CaseEvent event, Batch batch) {
    Optional<CaseDeadline> known = find(event.caseId(), batch);
    if (known.isEmpty() && !CaseDeadline.opensCase(event)) {
      LOG.warnf("event for case %s, which supervision does not know", event.caseId());
      return;
    }
    CaseDeadline c =
        known.orElseGet(
            () -> deadlines.open(event.caseId(), batch.merged().contains(event.caseId())));
    batch.cases().put(c.caseId(), c);
    change(c, known.isPresent(), () -> c.apply(event, rules.current()));
  }

  // Keyed by the surviving case, but what changes is the merged case's clock and facts.
  private void merged(CaseMerged merge, Batch batch) {
    if (merge.mergedCaseId() == null) {
      return; // Another reporter joined a case: its clock does not change.
    }
    deadlines.recordMerge(merge);
    batch.merged().add(merge.mergedCaseId());
    find(merge.mergedCaseId(), batch)
        .ifPresent(
            c ->
                change(
                    c,
                    true,
                    () -> {
                      c.mergedIntoAnother();
                      return List.of();
                    }));
  }

  private void change(CaseDeadline c, boolean known, Supplier<List<CaseEvent>> transition) {
    CaseFacts before = known ? c.facts() : null;
    CaseDeadline.Timers timers = c.timers();
    List<CaseEvent> caused = transition.get();
    deadlines.save(c, timers);
    caused.forEach(outbox::announce);
    metrics.changed(before, c.facts());
  }
}
