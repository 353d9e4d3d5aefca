package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** A co-handling department (协办单位) reported its part into the lead department's case. */
public record CoHandlingReported(
    UUID caseId,
    UUID taskId,
    String departmentCode,
    String leadDepartmentCode,
    String report,
    String actor,
    Instant reportedAt)
    implements CaseEvent {}
