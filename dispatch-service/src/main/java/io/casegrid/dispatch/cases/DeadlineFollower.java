package io.casegrid.dispatch.cases;

import io.casegrid.events.CloudEvent;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.SupervisionOrderIssued;
import io.casegrid.kit.inbox.EventInbox;
import io.casegrid.kit.sql.SqlArrays;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;

/** Copies the deadlines supervision sets onto the cases, so queues show and sort by them. */
@ApplicationScoped
public class DeadlineFollower {

  // Warnings show through the deadline itself: passed over without an inbox row.
  private static final Set<String> FOLLOWED =
      Set.of(
          EventType.DEADLINE_SET.type(),
          EventType.DEADLINE_BREACHED.type(),
          EventType.SUPERVISION_ORDER_ISSUED.type());

  private final EventInbox inbox;
  private final EventCodec codec;
  private final EntityManager entityManager;

  DeadlineFollower(EventInbox inbox, EventCodec codec, EntityManager entityManager) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
  }

  @Incoming("supervision-cases")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    inbox.consumeAsSet(IntakeFollower.CONSUMER, records, FOLLOWED::contains, this::apply);
  }

  /** What a batch's events said of one case: per kind of news, the latest. */
  private static final class News {
    final UUID caseId;
    boolean deadlineSet;
    Instant signDueAt;
    Instant resolveDueAt;
    boolean breached;
    Instant overdueSince;
    boolean ordered;
    UUID orderId;
    Instant orderRespondBy;

    News(UUID caseId) {
      this.caseId = caseId;
    }

    void order(SupervisionOrderIssued order) {
      ordered = true;
      orderId = order.orderId();
      orderRespondBy = order.respondBy();
    }
  }

  // A poll batch in one statement that leaves the version alone (news from supervision must not
  // make a clerk's concurrent command on the case fail as a conflicting change): each case's row is
  // written once, with the latest news of each kind the batch brought for it, as applying its
  // events one by one would have left it. Each kind sets columns of its own. A storm of overdue
  // cases is an event per case, the breach carrying its order; older breaches were followed by
  // their order as an event of its own. The cases sorted by id, so that two batches sharing cases
  // meet them in one order when PostgreSQL follows the list.
  void apply(List<CloudEvent> events) {
    Map<UUID, News> byCase = new TreeMap<>();
    for (CloudEvent event : events) {
      News news = byCase.computeIfAbsent(event.caseId(), News::new);
      switch (EventType.ofType(event.type()).orElseThrow()) {
        case DEADLINE_SET -> {
          DeadlineSet deadline = codec.payload(event, DeadlineSet.class);
          news.deadlineSet = true;
          news.signDueAt = deadline.signDueAt();
          news.resolveDueAt = deadline.resolveDueAt();
        }
        case DEADLINE_BREACHED -> {
          DeadlineBreached breach = codec.payload(event, DeadlineBreached.class);
          news.breached = true;
          news.overdueSince = breach.breachedAt();
          // Its order, when the breach carries it, as if announced on its own.
          breach.orderIssued().ifPresent(news::order);
        }
        case SUPERVISION_ORDER_ISSUED ->
            news.order(codec.payload(event, SupervisionOrderIssued.class));
        default -> throw new IllegalStateException("not followed: " + event.type());
      }
    }
    entityManager.unwrap(Session.class).doWork(c -> update(c, byCase.values()));
  }

  private static void update(Connection connection, Collection<News> news) throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            """
            UPDATE dispatch_case c SET
              sign_due_at = CASE WHEN n.deadline_set THEN n.sign_due_at ELSE c.sign_due_at END,
              resolve_due_at =
                CASE WHEN n.deadline_set THEN n.resolve_due_at ELSE c.resolve_due_at END,
              overdue_since = CASE WHEN n.breached THEN n.overdue_since ELSE c.overdue_since END,
              supervision_order_id =
                CASE WHEN n.ordered THEN n.order_id ELSE c.supervision_order_id END,
              order_respond_by =
                CASE WHEN n.ordered THEN n.order_respond_by ELSE c.order_respond_by END
            FROM unnest(?::uuid[], ?::boolean[], ?::timestamptz[], ?::timestamptz[],
                ?::boolean[], ?::timestamptz[], ?::boolean[], ?::uuid[], ?::timestamptz[])
              AS n (case_id, deadline_set, sign_due_at, resolve_due_at, breached,
                overdue_since, ordered, order_id, order_respond_by)
            WHERE c.case_id = n.case_id
            """)) {
      update.setArray(1, SqlArrays.of(connection, "uuid", news, n -> n.caseId));
      update.setArray(2, SqlArrays.of(connection, "boolean", news, n -> n.deadlineSet));
      update.setArray(3, SqlArrays.instants(connection, news, n -> n.signDueAt));
      update.setArray(4, SqlArrays.instants(connection, news, n -> n.resolveDueAt));
      update.setArray(5, SqlArrays.of(connection, "boolean", news, n -> n.breached));
      update.setArray(6, SqlArrays.instants(connection, news, n -> n.overdueSince));
      update.setArray(7, SqlArrays.of(connection, "boolean", news, n -> n.ordered));
      update.setArray(8, SqlArrays.of(connection, "uuid", news, n -> n.orderId));
      update.setArray(9, SqlArrays.instants(connection, news, n -> n.orderRespondBy));
      update.executeUpdate();
    }
  }
}
