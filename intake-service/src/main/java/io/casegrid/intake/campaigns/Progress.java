package io.casegrid.intake.campaigns;

/**
 * A campaign's progress for one party or place (整治进度): its items in scope, those inspected, the
 * defects found, those rectified (a verified fix), those whose rectification is overdue, and the
 * blind spots (not inspected by the inspection deadline).
 */
public record Progress(
    String key,
    long inScope,
    long inspected,
    long defects,
    long rectified,
    long overdue,
    long blindSpots) {

  /** Refuses counts that cannot come from one ledger. */
  public Progress {
    if (inScope < 0
        || inspected > inScope
        || defects > inspected
        || rectified > defects
        || overdue > defects - rectified
        || blindSpots > inScope - inspected) {
      throw new IllegalArgumentException("inconsistent progress of " + key);
    }
  }

  /** Inspected items per item in scope (排查率); 1 for a party with nothing to inspect. */
  public double inspectedShare() {
    return inScope == 0 ? 1 : (double) inspected / inScope;
  }

  /** Rectified defects per defect found (整改率); 1 when none was found. */
  public double rectifiedShare() {
    return defects == 0 ? 1 : (double) rectified / defects;
  }

  /** Defects found per item inspected; 0 before any inspection. */
  public double defectShare() {
    return inspected == 0 ? 0 : (double) defects / inspected;
  }

  /**
   * Whether the party is behind schedule: its inspection is below the even pace the period asks for
   * by now, or a rectification of it is overdue.
   */
  public boolean behindSchedule(double expectedInspectedShare) {
    return overdue > 0 || inspectedShare() + 1e-9 < expectedInspectedShare;
  }

  /** The sum of two parties' progress, under the key given. */
  public Progress plus(Progress other, String key) {
    return new Progress(
        key,
        inScope + other.inScope,
        inspected + other.inspected,
        defects + other.defects,
        rectified + other.rectified,
        overdue + other.overdue,
        blindSpots + other.blindSpots);
  }
}
