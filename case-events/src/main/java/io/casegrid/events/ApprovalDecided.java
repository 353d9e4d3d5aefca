package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A dispatcher decided a request. An approved extension moves the deadline to {@code until}; an
 * approved parking stops the clock until the case is resumed.
 */
public record ApprovalDecided(
    UUID caseId,
    UUID requestId,
    RequestKind kind,
    String departmentCode,
    boolean approved,
    String reason,
    @Nullable Instant until,
    String actor,
    Instant decidedAt)
    implements CaseEvent {}
