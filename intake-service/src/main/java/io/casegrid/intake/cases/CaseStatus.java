package io.casegrid.intake.cases;

/** Where a case stands, as intake knows it. */
public enum CaseStatus {
  /** Registered (立案) and announced; not yet placed with a department. */
  REGISTERED
}
