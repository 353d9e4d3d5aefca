package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** The department signed for the case (签收): the clock for signing stops. */
public record CaseSigned(UUID caseId, String departmentCode, String actor, Instant signedAt)
    implements CaseEvent {}
