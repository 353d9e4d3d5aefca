package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A supervision order (督办单) to the department of an overdue case, which must answer it by {@code
 * respondBy}.
 */
public record SupervisionOrderIssued(
    UUID caseId, UUID orderId, String departmentCode, Instant issuedAt, Instant respondBy)
    implements CaseEvent {}
