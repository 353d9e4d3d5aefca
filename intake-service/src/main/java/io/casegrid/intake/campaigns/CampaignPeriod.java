package io.casegrid.intake.campaigns;

import io.casegrid.kit.domain.DomainException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * When a campaign runs, in the city's calendar days: it starts on {@code startsOn}, every item is
 * to be inspected by the end of {@code inspectBy} (排查时限), and every defect rectified within {@code
 * rectificationWorkingDays} working days of its dispatch and by the end of {@code rectifyBy}
 * (整改时限), the campaign's last day. The working days are counted by supervision on the official
 * calendar, which it owns; here only the dates are checked and compared.
 */
public record CampaignPeriod(
    LocalDate startsOn, LocalDate inspectBy, LocalDate rectifyBy, int rectificationWorkingDays) {

  /** Refuses a period whose dates are out of order or whose time limit is not a working day. */
  public CampaignPeriod {
    if (startsOn == null || inspectBy == null || rectifyBy == null) {
      throw DomainException.invalidField(
          "invalid-period", "period", "needs startsOn, inspectBy and rectifyBy");
    }
    if (inspectBy.isBefore(startsOn)) {
      throw DomainException.invalidField(
          "invalid-period", "period.inspectBy", "must not be before startsOn");
    }
    if (rectifyBy.isBefore(inspectBy)) {
      throw DomainException.invalidField(
          "invalid-period", "period.rectifyBy", "must not be before inspectBy");
    }
    if (rectificationWorkingDays < 1 || rectificationWorkingDays > 250) {
      throw DomainException.invalidField(
          "invalid-period",
          "period.rectificationWorkingDays",
          "must be between 1 and 250 working days");
    }
  }

  /**
   * Whether the inspection deadline has passed at {@code today}: uninspected items are blind spots.
   */
  public boolean inspectionOverOn(LocalDate today) {
    return today.isAfter(inspectBy);
  }

  /** Whether the campaign is over at {@code today}: no more results are taken. */
  public boolean overOn(LocalDate today) {
    return today.isAfter(rectifyBy);
  }

  /** The first moment after the inspection deadline, in the city's zone. */
  public ZonedDateTime inspectionClosesAt(ZoneId zone) {
    return inspectBy.plusDays(1).atStartOfDay(zone);
  }

  /** The first moment after the campaign's last day, in the city's zone. */
  public ZonedDateTime rectificationClosesAt(ZoneId zone) {
    return rectifyBy.plusDays(1).atStartOfDay(zone);
  }

  /**
   * The share of the items that should have been inspected by the end of {@code today} if the
   * inspection went at an even pace from the first day to the deadline: 0 before the start, 1 from
   * the deadline on. A party below it is behind schedule.
   */
  public double expectedInspectedShare(LocalDate today) {
    if (today.isBefore(startsOn)) {
      return 0;
    }
    if (!today.isBefore(inspectBy)) {
      return 1;
    }
    long days = ChronoUnit.DAYS.between(startsOn, inspectBy) + 1;
    long elapsed = ChronoUnit.DAYS.between(startsOn, today) + 1;
    return (double) elapsed / days;
  }
}
