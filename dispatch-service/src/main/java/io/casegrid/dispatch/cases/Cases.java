package io.casegrid.dispatch.cases;

import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.hibernate.Session;
import org.hibernate.StatelessSession;

/**
 * Where dispatch keeps its cases, and what the adapters around a case share: loading it, and
 * keeping what a move of it caused in the caller's transaction — the timeline's entries, the
 * pending request and co-handling tasks it ends or begins, and its events announced through the
 * outbox.
 */
@ApplicationScoped
public class Cases {

  private final EntityManager entityManager;
  private final StatelessSession statements;
  private final Timeline timeline;
  private final CoHandling coHandling;
  private final Outbox outbox;

  Cases(
      EntityManager entityManager,
      StatelessSession statements,
      Timeline timeline,
      CoHandling coHandling,
      Outbox outbox) {
    this.entityManager = entityManager;
    this.statements = statements;
    this.timeline = timeline;
    this.coHandling = coHandling;
    this.outbox = outbox;
  }

  /** The moment of a move, as PostgreSQL stores it. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** The case, read from its row (not as an entity: see {@link CaseRows}). */
  public Optional<DispatchCase> find(UUID caseId) {
    return session().doReturningWork(connection -> CaseRows.find(connection, caseId));
  }

  /** The case; refused as unknown (404) if dispatch does not hold it. */
  public DispatchCase load(UUID caseId) {
    return find(caseId).orElseThrow(() -> DomainException.notFound("case " + caseId));
  }

  /** A case just reported, and its first move: routed, or merged before routing. */
  public record Reported(DispatchCase dispatchCase, Outcome outcome) {}

  /**
   * Adds cases just reported, each with its first move, as a set (a consumer batch's reports): the
   * cases in one batch of inserts that bypasses the session, so that nothing later in the
   * transaction flushes or dirty-checks them, their timelines in one more batch, then their
   * co-handling tasks. Their events are announced as each move is made ({@link #announce}), so that
   * each carries its own report's trace.
   */
  public void addAll(List<Reported> reported) {
    if (reported.isEmpty()) {
      return;
    }
    statements.insertMultiple(reported.stream().map(Reported::dispatchCase).toList());
    Map<UUID, List<Outcome.Entry>> entries = new LinkedHashMap<>();
    for (Reported r : reported) {
      if (!r.outcome().entries().isEmpty()) {
        entries.put(r.dispatchCase().caseId(), r.outcome().entries());
      }
    }
    if (!entries.isEmpty()) {
      // On the inserts' connection, which the entries refer to.
      statements.doWork(connection -> timeline.record(connection, entries));
    }
    for (Reported r : reported) {
      coHandling.open(r.dispatchCase().caseId(), r.outcome().coHandlers(), r.outcome().at());
    }
  }

  /** Announces the events a move caused, through the outbox (in the current transaction). */
  public void announce(Outcome outcome) {
    outcome.events().forEach(outbox::announce);
  }

  /**
   * Keeps what a move of the case caused, in the current transaction. The case's own change is
   * written first, as a plain statement under its version: a concurrent change to it fails here, as
   * a conflict (409), not at commit. Then its timeline and the request it ends, as plain statements
   * too (as native or HQL queries, each made Hibernate flush and dirty-check the session again),
   * and its events in one batched insert into the outbox.
   */
  public void keep(DispatchCase c, Outcome outcome) {
    boolean written =
        session()
            .doReturningWork(
                connection -> {
                  if (!CaseRows.update(connection, c)) {
                    return false;
                  }
                  if (!outcome.entries().isEmpty()) {
                    timeline.record(connection, c.caseId(), outcome.entries());
                  }
                  if (outcome.endsPendingRequest()) {
                    withdrawPendingRequest(connection, c.caseId(), outcome.at());
                  }
                  return true;
                });
    if (!written) {
      throw new OptimisticLockException("case " + c.caseId() + " was changed meanwhile");
    }
    if (outcome.endsCoHandling()) {
      coHandling.cancelOpen(c.caseId(), outcome.at());
    }
    coHandling.open(c.caseId(), outcome.coHandlers(), outcome.at());
    outbox.announceAll(outcome.events());
  }

  private Session session() {
    return entityManager.unwrap(Session.class);
  }

  /** Whether the case has a request waiting for a dispatcher's decision. */
  public boolean requestPending(UUID caseId) {
    return !entityManager
        .createQuery(
            "SELECT r.id FROM ApprovalRequest r WHERE r.caseId = :c AND r.status = :s", UUID.class)
        .setParameter("c", caseId)
        .setParameter("s", ApprovalRequest.Status.PENDING)
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** The departments that referred the case on to an asset's owner. */
  public Set<String> referredBy(UUID caseId) {
    return new HashSet<>(
        entityManager
            .createQuery(
                "SELECT r.departmentCode FROM CaseReferral r WHERE r.caseId = :c", String.class)
            .setParameter("c", caseId)
            .getResultList());
  }

  // A request about a case that has moved on (resolved, returned, referred, merged) is moot.
  private static void withdrawPendingRequest(Connection connection, UUID caseId, Instant now)
      throws SQLException {
    try (PreparedStatement withdraw =
        connection.prepareStatement(
            "UPDATE approval_request SET status = ?, decided_at = ? WHERE case_id = ? AND status"
                + " = ?")) {
      withdraw.setString(1, ApprovalRequest.Status.WITHDRAWN.name());
      withdraw.setObject(2, now.atOffset(ZoneOffset.UTC));
      withdraw.setObject(3, caseId);
      withdraw.setString(4, ApprovalRequest.Status.PENDING.name());
      withdraw.executeUpdate();
    }
  }
}
