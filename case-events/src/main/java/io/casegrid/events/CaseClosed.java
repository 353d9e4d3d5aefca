package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** Verification passed and the case is closed (核查结案). */
public record CaseClosed(UUID caseId, String departmentCode, String actor, Instant closedAt)
    implements CaseEvent {}
