package io.casegrid.intake.status;

import io.casegrid.events.ApprovalDecided;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.intake.campaigns.Rectifications;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.kit.inbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hibernate.Session;

/** Keeps each case's status as dispatch reports it, so an operator can answer a caller. */
@ApplicationScoped
public class StatusFollower {

  private final EventInbox inbox;
  private final EventCodec codec;
  // Dispatch's events that move the case's status here (an approval only if it parks the case).
  private static final Set<String> FOLLOWED =
      Stream.of(
              EventType.CASE_DISPATCHED,
              EventType.CASE_RETURNED,
              EventType.CASE_SIGNED,
              EventType.CASE_RESUMED,
              EventType.CASE_REOPENED,
              EventType.CASE_RESOLVED,
              EventType.CASE_CLOSED,
              EventType.APPROVAL_DECIDED)
          .map(EventType::type)
          .collect(Collectors.toUnmodifiableSet());

  private final EntityManager entityManager;
  private final Rectifications rectifications;

  StatusFollower(
      EventInbox inbox,
      EventCodec codec,
      EntityManager entityManager,
      Rectifications rectifications) {
    this.inbox = inbox;
    this.codec = codec;
    this.entityManager = entityManager;
    this.rectifications = rectifications;
  }

  @Incoming("dispatch-cases")
  @Blocking
  public void consume(ConsumerRecords<String, String> records) {
    inbox.consumeAsSet("intake", records, FOLLOWED::contains, this::apply);
  }

  /** Where a case stands after a batch's events about it, as applying them in turn leaves it. */
  private static final class Followed {
    CaseStatus status;
    Instant at;
    String departmentCode;
    int events;
  }

  // The batch's events folded per case, in their order (per case, the order they happened): the
  // last status and when, the department of the last dispatch, and the version raised once per
  // event, as applying them one by one did; likewise each campaign case's last closure or
  // reopening.
  // Then one statement for the whole batch (and one for the campaigns' items), plain JDBC rather
  // than a query per event (most of this consumer's CPU was Hibernate's work per statement). The
  // version is raised so that an operator's concurrent change still conflicts.
  // Dispatch may report on a case it had not yet learnt was merged; merged it stays.
  private void apply(List<CloudEvent> events) {
    Map<UUID, Followed> cases = new TreeMap<>();
    Rectifications.Moves rectified = new Rectifications.Moves();
    for (CloudEvent event : events) {
      EventType type = EventType.ofType(event.type()).orElseThrow();
      CaseStatus status =
          CaseStatus.reportedByDispatch(type, () -> codec.payload(event, ApprovalDecided.class));
      if (status == null) {
        continue;
      }
      rectified.caseMoved(type, event.caseId(), event.time());
      Followed c = cases.computeIfAbsent(event.caseId(), id -> new Followed());
      c.status = status;
      c.at = event.time();
      c.events++;
      if (type == EventType.CASE_DISPATCHED) {
        c.departmentCode = codec.payload(event, CaseDispatched.class).departmentCode();
      }
    }
    if (cases.isEmpty()) {
      return;
    }
    rectifications.keep(rectified);
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      """
                      UPDATE case_record r SET status = u.status,
                        status_changed_at = u.at::timestamptz, version = r.version + u.events,
                        department_code = COALESCE(u.department, r.department_code)
                      FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::int[])
                        AS u (id, status, at, department, events)
                      WHERE r.id = u.id AND r.status <> 'MERGED'
                      """)) {
                update.setArray(1, connection.createArrayOf("uuid", cases.keySet().toArray()));
                update.setArray(
                    2, array(connection, cases.values().stream().map(c -> c.status.name())));
                update.setArray(
                    3, array(connection, cases.values().stream().map(c -> c.at.toString())));
                update.setArray(
                    4, array(connection, cases.values().stream().map(c -> c.departmentCode)));
                update.setArray(
                    5,
                    connection.createArrayOf(
                        "int4", cases.values().stream().map(c -> c.events).toArray()));
                update.executeUpdate(); // No row: not a case registered here, or merged.
              }
            });
  }

  private static Array array(Connection connection, Stream<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }
}
