package io.casegrid.intake.cases;

/** Where a case stands, as intake tells a caller: registered here, the rest as dispatch reports. */
public enum CaseStatus {
  /** Registered (立案) and announced; not yet placed with a department. */
  REGISTERED,
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
  CLOSED
}
