package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** A parked case is taken up again by its department; its clock runs again. */
public record CaseResumed(UUID caseId, String departmentCode, String actor, Instant resumedAt)
    implements CaseEvent {}
