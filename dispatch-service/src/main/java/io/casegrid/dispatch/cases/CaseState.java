package io.casegrid.dispatch.cases;

/** Where a case stands in dispatch; {@link Workflow} owns the moves between states. */
public enum CaseState {
  /** No rule could place it, or it was returned: waits for a dispatcher (待派遣/争议). */
  AWAITING_ARBITRATION,
  /** In its department's queue, waiting to be signed for (待签收). */
  DISPATCHED,
  /** Signed for and being handled by the department (处置中). */
  SIGNED,
  /** Parked with a dispatcher's approval, the clock stopped (挂账/缓办). */
  PARKED,
  /** Reported handled; waits for an inspector's verification (待核查). */
  RESOLVED,
  /** Verified and closed (结案). */
  CLOSED,
  /**
   * Merged by intake into another case that reports the same problem (合并): out of every queue, no
   * move left; the surviving case carries the work.
   */
  MERGED
}
