package io.casegrid.intake.cases;

import io.casegrid.events.AssetFoundBy;
import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.events.Location;
import io.casegrid.events.Urgency;
import io.casegrid.intake.reference.CategoryKind;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A case as intake shows it. Everyone who may read it sees the reporters' phones masked; hotline
 * operators alone also see their names and phones in full, for the callback (see {@link
 * CaseReading}). An anonymous report shows nothing of its reporter.
 *
 * <p>The top-level reporter fields are those of the reporter who filed the case; {@code reporters}
 * lists every reporter of the case, the filer first (unless a sensor filed it, or the case was
 * merged and its reporters moved), and {@code reporterCount} is their number. {@code category} is
 * the category as the catalogue's version the case was filed under has it.
 *
 * <p>Phone and ID numbers typed into the free text (description, address, answer, notes) are masked
 * for everyone but hotline operators, as in the events the other services keep.
 */
public record CaseView(
    UUID id,
    String caseNumber,
    CaseKind kind,
    Channel channel,
    String categoryCode,
    Category category,
    Urgency urgency,
    String description,
    RegisterCase.Position position,
    String addressText,
    Location location,
    String assetCode,
    String assetOwnerCode,
    AssetFoundBy assetFoundBy,
    String mediaUrl,
    boolean reporterAnonymous,
    String reporterPhoneMasked,
    String reporterName,
    String reporterPhone,
    int reporterCount,
    List<Reporter> reporters,
    CaseStatus status,
    String departmentCode,
    OffsetDateTime statusChangedAt,
    OffsetDateTime reportedAt,
    String answerOnCall,
    String answeredBy,
    UUID mergedInto,
    String mergedIntoCaseNumber,
    OffsetDateTime resolveDueAt) {

  /** The case's category in the catalogue version it was filed under. */
  public record Category(
      String code,
      int version,
      String name,
      String nameEn,
      CategoryKind kind,
      Urgency defaultUrgency) {}

  /**
   * One reporter: how and when they reported, the case number they were told, and their phone
   * masked; name and phone in full for operators only. {@code id} is null for the one who filed the
   * case; {@code note} is what a later reporter added.
   */
  public record Reporter(
      UUID id,
      String toldCaseNumber,
      Channel channel,
      OffsetDateTime reportedAt,
      boolean anonymous,
      boolean callbackConsent,
      String phoneMasked,
      String name,
      String phone,
      String note,
      String recordedBy) {}

  /** A reporter's data as the reader may see it. */
  record Shown(String phoneMasked, String name, String phone) {
    static final Shown NOTHING = new Shown(null, null, null);

    /** Whether personal data is shown in full, which the audit trail must record. */
    boolean disclosed() {
      return name != null || phone != null;
    }
  }

  static CaseView of(
      CaseRecord c,
      ZoneId zone,
      Shown filer,
      Category category,
      List<Reporter> reporters,
      String mergedIntoCaseNumber,
      UnaryOperator<String> freeText) {
    return new CaseView(
        c.id,
        c.caseNumber,
        c.kind,
        c.channel,
        c.categoryCode,
        category,
        c.urgency,
        freeText.apply(c.description),
        c.latitude == null ? null : new RegisterCase.Position(c.latitude, c.longitude),
        freeText.apply(c.addressText),
        c.gridCode == null
            ? null
            : new Location(c.districtCode, c.streetCode, c.communityCode, c.gridCode),
        c.assetCode,
        c.assetOwnerCode,
        c.assetFoundBy,
        c.mediaUrl,
        c.reporterAnonymous,
        filer.phoneMasked(),
        filer.name(),
        filer.phone(),
        reporters.size(),
        reporters,
        c.status,
        c.departmentCode,
        c.statusChangedAt == null ? null : c.statusChangedAt.atZone(zone).toOffsetDateTime(),
        c.reportedAt.atZone(zone).toOffsetDateTime(),
        freeText.apply(c.answerOnCall),
        c.answeredBy,
        c.mergedInto,
        mergedIntoCaseNumber,
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
