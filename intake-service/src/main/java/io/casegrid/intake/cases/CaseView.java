package io.casegrid.intake.cases;

import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.events.Location;
import io.casegrid.events.Urgency;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A case as intake shows it. Everyone who may read it sees the reporter's phone masked; hotline
 * operators alone also see the reporter's name and phone in full, for the callback (see {@link
 * CaseReading}). An anonymous report shows nothing of its reporter.
 */
public record CaseView(
    UUID id,
    String caseNumber,
    CaseKind kind,
    Channel channel,
    String categoryCode,
    Urgency urgency,
    String description,
    RegisterCase.Position position,
    String addressText,
    Location location,
    String assetCode,
    String assetOwnerCode,
    boolean reporterAnonymous,
    String reporterPhoneMasked,
    String reporterName,
    String reporterPhone,
    CaseStatus status,
    String departmentCode,
    OffsetDateTime statusChangedAt,
    OffsetDateTime reportedAt,
    String answerOnCall,
    String answeredBy,
    OffsetDateTime resolveDueAt) {

  static CaseView of(
      CaseRecord c, ZoneId zone, String phoneMasked, String reporterName, String reporterPhone) {
    return new CaseView(
        c.id,
        c.caseNumber,
        c.kind,
        c.channel,
        c.categoryCode,
        c.urgency,
        c.description,
        c.latitude == null ? null : new RegisterCase.Position(c.latitude, c.longitude),
        c.addressText,
        c.gridCode == null
            ? null
            : new Location(c.districtCode, c.streetCode, c.communityCode, c.gridCode),
        c.assetCode,
        c.assetOwnerCode,
        c.reporterAnonymous,
        phoneMasked,
        reporterName,
        reporterPhone,
        c.status,
        c.departmentCode,
        c.statusChangedAt == null ? null : c.statusChangedAt.atZone(zone).toOffsetDateTime(),
        c.reportedAt.atZone(zone).toOffsetDateTime(),
        c.answerOnCall,
        c.answeredBy,
        c.resolveDueAt == null ? null : c.resolveDueAt.atZone(zone).toOffsetDateTime());
  }

  // 13812341234 -> 138****1234: enough for a caller to recognise, not enough to call.
  static String mask(String phone) {
    if (phone == null) {
      return null;
    }
    String digits = phone.replaceAll("[^0-9]", "");
    if (digits.length() < 7) {
      return "*".repeat(digits.length());
    }
    return digits.substring(0, 3)
        + "*".repeat(digits.length() - 7)
        + digits.substring(digits.length() - 4);
  }
}
