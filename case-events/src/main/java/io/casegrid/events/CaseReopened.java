package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** Verification failed: the case goes back to the same department for rework (返工). */
public record CaseReopened(
    UUID caseId, String departmentCode, String reason, int reworkCount, String actor, Instant at)
    implements CaseEvent {}
