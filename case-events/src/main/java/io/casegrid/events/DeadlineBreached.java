package io.casegrid.events;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A case passed its deadline unresolved (超期). Supervision issues the case's supervision order in
 * the same transaction, and the breach carries it ({@code order}): one event says both, so every
 * consumer relays, parses and records one event per breach, not two.
 *
 * <p>{@code order} is null in breaches written before the order travelled with them; their order
 * follows as a {@link SupervisionOrderIssued} of its own, which consumers keep applying. A consumer
 * acts on an order the same way whichever shape brought it: read it through {@link #orderIssued()}.
 */
public record DeadlineBreached(
    UUID caseId,
    String departmentCode,
    Instant resolveDueAt,
    Instant breachedAt,
    @Nullable BreachOrder order)
    implements CaseEvent {

  /** A breach of the first shape, whose order (if any) is announced on its own. */
  public DeadlineBreached(
      UUID caseId, String departmentCode, Instant resolveDueAt, Instant breachedAt) {
    this(caseId, departmentCode, resolveDueAt, breachedAt, null);
  }

  /** This breach carrying the supervision order it caused. */
  public DeadlineBreached withOrder(BreachOrder issued) {
    return new DeadlineBreached(caseId, departmentCode, resolveDueAt, breachedAt, issued);
  }

  /**
   * The order this breach carries as the event that announced it on its own before, addressed to
   * the breach's department; empty for a breach of the first shape.
   */
  public Optional<SupervisionOrderIssued> orderIssued() {
    return Optional.ofNullable(order)
        .map(
            o ->
                new SupervisionOrderIssued(
                    caseId,
                    o.orderId(),
                    departmentCode,
                    o.issuedAt(),
                    o.respondBy(),
                    o.escalationStep()));
  }

  /**
   * The supervision order (督办单) a breach caused, as {@link SupervisionOrderIssued} describes it: to
   * the breach's department, issued when the breach was found, to be answered by {@code respondBy},
   * with the heaviest step of the escalation ladder the department reached (null: none).
   */
  public record BreachOrder(
      UUID orderId, Instant issuedAt, Instant respondBy, @Nullable String escalationStep) {}
}
