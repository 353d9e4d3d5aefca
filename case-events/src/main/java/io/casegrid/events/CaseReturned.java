package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The department returned the case as not its own (退单), with a reason code and, where it knows it,
 * the right owner. The case goes back through routing (a new {@link CaseDispatched}) or to the
 * dispatchers' arbitration.
 */
public record CaseReturned(
    UUID caseId,
    String departmentCode,
    String reasonCode,
    String reason,
    @Nullable String suggestedOwnerCode,
    String actor,
    Instant returnedAt,
    @Nullable RoutingBasis placedBy)
    implements CaseEvent {}
