package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Intake merged a duplicate report into an open case (合并): several people reported the same
 * problem, which stays one case with several reporters, each told its number. Keyed by the
 * surviving case.
 *
 * <p>Either another reporter joined the case ({@code mergedCaseId} null), or a case registered
 * earlier was merged into it: its reporters and photos now belong to the surviving case, and the
 * merged case is closed as merged, so that dispatch takes it out of its department's queue and
 * supervision stops its clock. Carries no personal data of the reporters.
 *
 * @param caseId the surviving case
 * @param mergedCaseId the case merged into it, or null when another reporter joined it
 * @param reporterCount the surviving case's reporters after the merge (a sensor is not a reporter)
 * @param actor who merged it
 */
public record CaseMerged(
    UUID caseId,
    String caseNumber,
    @Nullable UUID mergedCaseId,
    @Nullable String mergedCaseNumber,
    int reporterCount,
    String actor,
    Instant mergedAt)
    implements CaseEvent {}
