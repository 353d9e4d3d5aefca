package io.casegrid.intake.status;

import io.casegrid.events.CloudEvent;
import io.casegrid.events.DeadlineBreached;
import io.casegrid.events.DeadlineSet;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.SupervisionOrderIssued;
import io.casegrid.intake.campaigns.Rectifications;
import io.casegrid.kit.inbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;

/**
 * Keeps the deadline supervision set for resolving each case (办结时限), so that an operator can tell a
 * caller by when, and Open311 shows it as {@code expected_datetime}; and, for a campaign's case,
 * what supervision says of it in the campaign's ledger: its deadline, its being overdue, and its
 * supervision order with the department's step of the escalation ladder.
 */
@ApplicationScoped
public class DeadlineFollower {

  private final EventInbox inbox;
  private final EventCodec codec;
  private final EntityManager entityManager;
  private final Rectifications rectifications;

  DeadlineFollower(
      EventInbox inbox,
      EventCodec codec,
      EntityManager entityManager,
      Rectifications rectifications) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
    this.rectifications = rectifications;
  }

  private static final Set<String> FOLLOWED =
      Stream.of(
              EventType.DEADLINE_SET,
              EventType.DEADLINE_BREACHED,
              EventType.SUPERVISION_ORDER_ISSUED)
          .map(EventType::type)
          .collect(Collectors.toUnmodifiableSet());

  @Incoming("supervision-cases")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    inbox.consumeAsSet("intake", records, FOLLOWED::contains, this::apply);
  }

  // A poll batch as a set: a JDBC batch per kind of news rather than a statement (and a span) per
  // event; a storm of overdue cases brings one event per case, the breach carrying its order (an
  // older breach was followed by its order as an event of its own). Each kind sets columns of its
  // own, and each batch keeps the order of its events.
  private void apply(List<CloudEvent> events) {
    Rectifications.Supervised news = new Rectifications.Supervised();
    List<DeadlineSet> deadlines = new ArrayList<>();
    for (CloudEvent event : events) {
      switch (EventType.ofType(event.type()).orElseThrow()) {
        case DEADLINE_BREACHED -> {
          DeadlineBreached breach = codec.payload(event, DeadlineBreached.class);
          news.declaredOverdue(breach);
          // Its order, when the breach carries it, as if announced on its own.
          breach.orderIssued().ifPresent(news::orderIssued);
        }
        case SUPERVISION_ORDER_ISSUED ->
            news.orderIssued(codec.payload(event, SupervisionOrderIssued.class));
        default -> {
          DeadlineSet deadline = codec.payload(event, DeadlineSet.class);
          news.deadlineSet(deadline);
          deadlines.add(deadline);
        }
      }
    }
    rectifications.keep(news);
    deadlinesSet(deadlines);
  }

  // Plain updates that leave the version alone: news from supervision must not make an operator's
  // concurrent change of the case fail as a conflict.
  private void deadlinesSet(List<DeadlineSet> deadlines) {
    if (!deadlines.isEmpty()) {
      entityManager.unwrap(Session.class).doWork(connection -> update(connection, deadlines));
    }
  }

  private static void update(Connection connection, List<DeadlineSet> deadlines)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE case_record SET resolve_due_at = ? WHERE id = ?")) {
      for (DeadlineSet deadline : deadlines) {
        Instant due = deadline.resolveDueAt();
        update.setObject(1, due == null ? null : due.atOffset(ZoneOffset.UTC));
        update.setObject(2, deadline.caseId());
        update.addBatch();
      }
      update.executeBatch();
    }
  }
}
