package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** A department asked for an extension or to park the case; a dispatcher decides. */
public record ApprovalRequested(
    UUID caseId,
    UUID requestId,
    RequestKind kind,
    String departmentCode,
    String reason,
    @Nullable Instant until,
    String actor,
    Instant requestedAt)
    implements CaseEvent {}
