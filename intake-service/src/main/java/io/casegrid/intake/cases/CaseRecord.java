package io.casegrid.intake.cases;

import io.casegrid.events.AssetFoundBy;
import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.events.Urgency;
import io.casegrid.intake.personal.SealedReporter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A registered case (案卷) as intake keeps it, with the reporter's personal data sealed: see {@link
 * #reporter()}.
 */
@Entity
@Table(name = "case_record")
public class CaseRecord extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "case_number")
  public String caseNumber;

  @Enumerated(EnumType.STRING)
  public CaseKind kind;

  @Enumerated(EnumType.STRING)
  public Channel channel;

  @Column(name = "category_code")
  public String categoryCode;

  /** The version of the category catalogue the case was filed under. */
  @Column(name = "category_version")
  public int categoryVersion;

  @Enumerated(EnumType.STRING)
  public Urgency urgency;

  public String description;
  public Double latitude;
  public Double longitude;

  @Column(name = "address_text")
  public String addressText;

  @Column(name = "district_code")
  public String districtCode;

  @Column(name = "street_code")
  public String streetCode;

  @Column(name = "community_code")
  public String communityCode;

  @Column(name = "grid_code")
  public String gridCode;

  @Column(name = "asset_code")
  public String assetCode;

  @Column(name = "asset_owner_code")
  public String assetOwnerCode;

  /** How the asset was found, when the case has one. */
  @Enumerated(EnumType.STRING)
  @Column(name = "asset_found_by")
  public AssetFoundBy assetFoundBy;

  /** The id of the key the reporter's name and phone are sealed under. */
  @Column(name = "reporter_key_id")
  public String reporterKeyId;

  @Column(name = "reporter_name_sealed")
  public byte[] reporterNameSealed;

  @Column(name = "reporter_phone_sealed")
  public byte[] reporterPhoneSealed;

  /** The keyed blind index of the reporter's phone, to find a caller's cases. */
  @Column(name = "reporter_phone_index")
  public byte[] reporterPhoneIndex;

  @Column(name = "reporter_anonymous")
  public boolean reporterAnonymous;

  @Column(name = "callback_consent")
  public boolean callbackConsent;

  @Enumerated(EnumType.STRING)
  public CaseStatus status;

  @Column(name = "reported_at")
  public Instant reportedAt;

  /** The department handling it, as dispatch reports. */
  @Column(name = "department_code")
  public String departmentCode;

  @Column(name = "status_changed_at")
  public Instant statusChangedAt;

  /** The hotline's answer, for a case closed on the call; null otherwise. */
  @Column(name = "answer_on_call")
  public String answerOnCall;

  /** The operator who answered it on the call. */
  @Column(name = "answered_by")
  public String answeredBy;

  /** The case it was merged into, if it was (its status is then MERGED). */
  @Column(name = "merged_into")
  public UUID mergedInto;

  /** By when the department must resolve it, as supervision set it; null until then. */
  @Column(name = "resolve_due_at")
  public Instant resolveDueAt;

  @Version public long version;

  /**
   * Whether the reporter who filed the case still counts as one of its reporters: a sensor is not a
   * person, and the reporter of a merged case moved to the case it was merged into.
   */
  public boolean hasOwnReporter() {
    return filedByPerson(channel) && mergedInto == null;
  }

  /** Whether a case of the channel was filed by a person: a sensor is not a reporter. */
  public static boolean filedByPerson(Channel channel) {
    return channel != Channel.SENSOR;
  }

  /** The reporter's sealed name and phone; empty for anonymous reports and reporters without. */
  public Optional<SealedReporter> reporter() {
    return reporterKeyId == null
        ? Optional.empty()
        : Optional.of(
            new SealedReporter(
                reporterKeyId, reporterNameSealed, reporterPhoneSealed, reporterPhoneIndex));
  }

  /** Keeps the sealed name and phone, or none. */
  public void seal(SealedReporter sealed) {
    reporterKeyId = sealed == null ? null : sealed.keyId();
    reporterNameSealed = sealed == null ? null : sealed.nameSealed();
    reporterPhoneSealed = sealed == null ? null : sealed.phoneSealed();
    reporterPhoneIndex = sealed == null ? null : sealed.phoneIndex();
  }
}
