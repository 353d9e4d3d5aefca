package io.casegrid.intake.cases;

/** Where a case stands, as intake tells a caller: registered here, the rest as dispatch reports. */
public enum CaseStatus {
  /** Registered (立案) and announced; not yet placed with a department. */
  REGISTERED,
  /** Answered and closed by the hotline on the call (首接办结); never routed. */
  CLOSED_AT_FIRST_CONTACT,
  /** Waiting for a dispatcher: no rule could place it, or its department returned it. */
  AWAITING_DISPATCHER,
  /** In a department's queue, not yet signed for. */
  DISPATCHED,
  /** Being handled by its department. */
  IN_HAND,
  /** Parked with approval (挂账). */
  PARKED,
  /** Reported handled, waiting for verification. */
  RESOLVED,
  /** Verified and closed. */
  CLOSED,
  /**
   * Closed, but the citizen was dissatisfied at the callback and dispatch was asked to reopen it;
   * in hand again once dispatch reports the reopening.
   */
  REOPEN_REQUESTED,
  /**
   * Merged into another case that reports the same problem (合并): its reporters and photos belong to
   * that case now, and no department handles it any more.
   */
  MERGED;

  /**
   * Whether the case is still to be handled, so that a new report of the same problem joins it
   * rather than opening another: neither closed, nor waiting to be reopened, nor merged.
   */
  public boolean open() {
    return switch (this) {
      case REGISTERED, AWAITING_DISPATCHER, DISPATCHED, IN_HAND, PARKED, RESOLVED -> true;
      case CLOSED, CLOSED_AT_FIRST_CONTACT, REOPEN_REQUESTED, MERGED -> false;
    };
  }

  /** Every open status, for queries. */
  public static java.util.Set<CaseStatus> openOnes() {
    return java.util.Arrays.stream(values())
        .filter(CaseStatus::open)
        .collect(
            java.util.stream.Collectors.toCollection(
                () -> java.util.EnumSet.noneOf(CaseStatus.class)));
  }
}
