package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The hotline called the citizen back after closure (回访). Carries the verdict for supervision's
 * metrics and, when intake's configuration says a dissatisfied citizen reopens the case, {@code
 * reopen} for dispatch, which sends the case back to {@code departmentCode} for rework. Carries no
 * personal data: neither the reporter's name or phone nor the citizen's comment.
 *
 * @param callbackId the callback's own id; a case may be called back several times
 * @param contacted whether the citizen was reached; if not, {@code resolved} and {@code
 *     satisfaction} are null
 * @param departmentCode the department that handled the case; null for a case closed on the call
 * @param actor the operator who called
 */
public record CallbackRecorded(
    UUID caseId,
    UUID callbackId,
    String caseNumber,
    boolean contacted,
    @Nullable Boolean resolved,
    @Nullable Satisfaction satisfaction,
    boolean reopen,
    @Nullable String departmentCode,
    String actor,
    Instant recordedAt)
    implements CaseEvent {}
