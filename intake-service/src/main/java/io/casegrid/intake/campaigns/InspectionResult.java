package io.casegrid.intake.campaigns;

import java.util.List;

/**
 * What an inspector records for an item (排查结果): the cover's condition, OK or a defect of one of the
 * campaign's kinds, the photos (links to where they are kept), the position where they stood, a
 * note, and the owner they found if the register names the wrong one.
 */
public record InspectionResult(
    Condition condition,
    String defectKind,
    String note,
    List<String> photos,
    double latitude,
    double longitude,
    String ownerFound) {

  /** The condition an inspector finds a cover in. */
  public enum Condition {
    OK,
    DEFECT
  }
}
