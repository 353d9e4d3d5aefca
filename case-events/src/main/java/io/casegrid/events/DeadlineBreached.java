package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** A case passed its deadline unresolved (超期); a supervision order follows. */
public record DeadlineBreached(
    UUID caseId, String departmentCode, Instant resolveDueAt, Instant breachedAt)
    implements CaseEvent {}
