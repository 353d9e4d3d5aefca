package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The department found that the asset of the case belongs to another department and referred the
 * case to that owner (移交权属单位): the case is in the owner's queue at once, without arbitration, and a
 * {@link CaseDispatched} to the owner follows. A referral is no return (退单): it counts against
 * neither department, and the case keeps its deadline.
 *
 * <p>For the asset register (kept by intake) it says that the register's owner of {@code assetCode}
 * is disputed: {@code ownerCode} is the owner the department found, {@code registeredOwnerCode} the
 * one the register gave the case (null when the asset was unowned or unknown, or the referral is
 * about another asset than the one reported).
 */
public record CaseReferred(
    UUID caseId,
    String departmentCode,
    String ownerCode,
    String assetCode,
    @Nullable String registeredOwnerCode,
    String reason,
    String actor,
    Instant referredAt)
    implements CaseEvent {}
