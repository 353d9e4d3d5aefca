package io.casegrid.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A case was dispatched to its lead department (派遣), with the departments that co-handle it (协办);
 * the clock starts here. Self-contained, so a consumer that sees it before {@link CaseReported} can
 * still act on it.
 */
public record CaseDispatched(
    UUID caseId,
    String caseNumber,
    String departmentCode,
    RoutingBasis basis,
    String ruleReference,
    String categoryCode,
    Urgency urgency,
    @Nullable Location location,
    Instant reportedAt,
    Instant dispatchedAt,
    @Nullable List<String> coHandlerCodes)
    implements CaseEvent {}
