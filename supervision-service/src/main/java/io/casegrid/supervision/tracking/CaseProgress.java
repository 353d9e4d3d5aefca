package io.casegrid.supervision.tracking;

/** Where a case stands as supervision follows it; decides whether its clock runs. */
public enum CaseProgress {
  /** Registered, not yet with a department: no clock. */
  REPORTED,
  /** With its department, the clock running. */
  IN_HAND,
  /** Parked with approval: the clock stopped (挂账). */
  PARKED,
  /** Reported handled, waiting for verification: the clock for resolving stopped. */
  RESOLVED,
  /** Verified and closed. */
  CLOSED,
  /**
   * Merged by intake into another case about the same problem (合并): no clock, no deadline to meet;
   * the surviving case carries the work.
   */
  MERGED
}
