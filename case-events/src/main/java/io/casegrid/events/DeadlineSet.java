package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** Supervision set a case's deadlines (时限) from its deadline policy. */
public record DeadlineSet(
    UUID caseId,
    String departmentCode,
    String policyReference,
    Instant clockStartedAt,
    Instant signDueAt,
    @Nullable Instant makeSafeDueAt,
    Instant resolveDueAt)
    implements CaseEvent {}
