package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** The department reported the case handled (处理反馈); it now waits for verification. */
public record CaseResolved(
    UUID caseId, String departmentCode, String result, String actor, Instant resolvedAt)
    implements CaseEvent {}
