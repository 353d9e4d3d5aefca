package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A supervision order (督办单) to the department of an overdue case, which must answer it by {@code
 * respondBy}. {@code escalationStep} names the heaviest step of the escalation ladder (问责阶梯) the
 * department has reached in the period of this breach, this one counted (e.g. {@code YELLOW_CARD});
 * null while it stands below the ladder's first rung.
 *
 * <p>An order a breach causes travels on the breach ({@link DeadlineBreached#order()}), so the
 * timers no longer announce it apart. Consumers keep applying this event: breaches written before
 * were followed by it, and it is the event for an order issued otherwise than by a breach.
 */
public record SupervisionOrderIssued(
    UUID caseId,
    UUID orderId,
    String departmentCode,
    Instant issuedAt,
    Instant respondBy,
    @Nullable String escalationStep)
    implements CaseEvent {}
