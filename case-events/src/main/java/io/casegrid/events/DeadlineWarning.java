package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** A case's deadline is near (预警): the warning share of its time has passed. */
public record DeadlineWarning(
    UUID caseId, String departmentCode, Instant resolveDueAt, Instant warnedAt)
    implements CaseEvent {}
