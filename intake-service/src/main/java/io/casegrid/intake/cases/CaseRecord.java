package io.casegrid.intake.cases;

import io.casegrid.events.AssetFoundBy;
import io.casegrid.events.CallbackRecorded;
import io.casegrid.events.CampaignLink;
import io.casegrid.events.CaseKind;
import io.casegrid.events.CaseMerged;
import io.casegrid.events.CaseReported;
import io.casegrid.events.Channel;
import io.casegrid.events.FirstContactResolution;
import io.casegrid.events.GeoPoint;
import io.casegrid.events.Location;
import io.casegrid.events.Satisfaction;
import io.casegrid.events.Urgency;
import io.casegrid.intake.personal.FreeTextMasking;
import io.casegrid.intake.personal.SealedReporter;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.domain.DomainException;
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
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A registered case (案卷) as intake keeps it: the aggregate of intake. It owns its transitions —
 * registration, the callback after closure, another reporter joining, being merged into another
 * case — checks that each is allowed, and returns the event each causes, built here and nowhere
 * else. Resources, consumers and timers load it, check the caller, call it and announce what it
 * returns; they never change its fields. The reporter's personal data is sealed: see {@link
 * #reporter()}.
 *
 * <p>What dispatch and supervision report (status, department, deadline) is written by the
 * followers in {@code status} with plain SQL updates, for speed in event storms; {@link
 * CaseStatus#reportedByDispatch} decides what each of dispatch's events means.
 */
@Entity
@Table(name = "case_record")
public class CaseRecord extends PanacheEntityBase {

  private static final Set<CaseStatus> CALLED_BACK =
      Set.of(CaseStatus.CLOSED, CaseStatus.CLOSED_AT_FIRST_CONTACT);

  @Id UUID id;

  @Column(name = "case_number")
  String caseNumber;

  @Enumerated(EnumType.STRING)
  CaseKind kind;

  @Enumerated(EnumType.STRING)
  Channel channel;

  @Column(name = "category_code")
  String categoryCode;

  /** The version of the category catalogue the case was filed under. */
  @Column(name = "category_version")
  int categoryVersion;

  @Enumerated(EnumType.STRING)
  Urgency urgency;

  String description;
  Double latitude;
  Double longitude;

  @Column(name = "address_text")
  String addressText;

  @Column(name = "district_code")
  String districtCode;

  @Column(name = "street_code")
  String streetCode;

  @Column(name = "community_code")
  String communityCode;

  @Column(name = "grid_code")
  String gridCode;

  @Column(name = "asset_code")
  String assetCode;

  @Column(name = "asset_owner_code")
  String assetOwnerCode;

  /** A web link to a photo or video of the problem kept elsewhere (Open311's media_url). */
  @Column(name = "media_url")
  String mediaUrl;

  /** What an Open311 client was told to expect when it filed the request; null otherwise. */
  @Column(name = "service_notice")
  String serviceNotice;

  /** How the asset was found, when the case has one. */
  @Enumerated(EnumType.STRING)
  @Column(name = "asset_found_by")
  AssetFoundBy assetFoundBy;

  /** The id of the key the reporter's name and phone are sealed under. */
  @Column(name = "reporter_key_id")
  String reporterKeyId;

  @Column(name = "reporter_name_sealed")
  byte[] reporterNameSealed;

  @Column(name = "reporter_phone_sealed")
  byte[] reporterPhoneSealed;

  /** The keyed blind index of the reporter's phone, to find a caller's cases. */
  @Column(name = "reporter_phone_index")
  byte[] reporterPhoneIndex;

  @Column(name = "reporter_anonymous")
  boolean reporterAnonymous;

  @Column(name = "callback_consent")
  boolean callbackConsent;

  @Enumerated(EnumType.STRING)
  CaseStatus status;

  @Column(name = "reported_at")
  Instant reportedAt;

  /** The department handling it, as dispatch reports. */
  @Column(name = "department_code")
  String departmentCode;

  @Column(name = "status_changed_at")
  Instant statusChangedAt;

  /** The hotline's answer, for a case closed on the call; null otherwise. */
  @Column(name = "answer_on_call")
  String answerOnCall;

  /** The operator who answered it on the call. */
  @Column(name = "answered_by")
  String answeredBy;

  /** The case it was merged into, if it was (its status is then MERGED). */
  @Column(name = "merged_into")
  UUID mergedInto;

  /** By when the department must resolve it, as supervision set it; null until then. */
  @Column(name = "resolve_due_at")
  Instant resolveDueAt;

  /** The rectification campaign whose inspection found the defect; null for other cases. */
  @Column(name = "campaign_id")
  UUID campaignId;

  @Version long version;

  protected CaseRecord() {}

  // --- registration ---

  /**
   * What registration found out before the case exists: its id and number, the category it is filed
   * under, where it is, whose asset it names, and the reporter's data sealed for it.
   */
  public record Filing(
      UUID id,
      String caseNumber,
      Instant at,
      RegisterCase request,
      ReferenceCache.CategoryInfo category,
      RegisterCase.Position position,
      Location location,
      FoundAsset asset,
      SealedReporter sealedReporter,
      String serviceNotice,
      String actor,
      CampaignLink campaign) {}

  /** The registered asset a case is about, and how it was found; null when it has none. */
  public record FoundAsset(String code, String ownerCode, AssetFoundBy foundBy) {}

  /** A case just registered, and its announcement. */
  public record Registered(CaseRecord record, CaseReported reported) {}

  /**
   * Registers a case (立案). A case the hotline answered on the call is closed at first contact at
   * once, and announced so that dispatch does not route it.
   */
  public static Registered register(Filing f) {
    RegisterCase request = f.request();
    CaseRecord c = new CaseRecord();
    c.id = f.id();
    c.caseNumber = f.caseNumber();
    c.kind = request.kind();
    c.channel = request.channel();
    c.categoryCode = f.category().code();
    c.categoryVersion = f.category().version();
    c.urgency = request.urgency() != null ? request.urgency() : f.category().defaultUrgency();
    c.description = request.description().strip();
    if (f.position() != null) {
      c.latitude = f.position().latitude();
      c.longitude = f.position().longitude();
    }
    c.addressText = request.addressText();
    Location location = f.location();
    if (location != null) {
      c.districtCode = location.districtCode();
      c.streetCode = location.streetCode();
      c.communityCode = location.communityCode();
      c.gridCode = location.gridCode();
    }
    if (f.asset() != null) {
      c.assetCode = f.asset().code();
      c.assetOwnerCode = f.asset().ownerCode();
      c.assetFoundBy = f.asset().foundBy();
    }
    c.mediaUrl = request.mediaUrl();
    c.serviceNotice = f.serviceNotice();
    c.campaignId = f.campaign() == null ? null : f.campaign().campaignId();
    RegisterCase.Reporter reporter = request.reporter();
    c.reporterAnonymous = reporter.anonymous();
    // The name and phone are stored sealed only; an anonymous report keeps nothing.
    c.seal(reporter.anonymous() ? null : f.sealedReporter());
    c.callbackConsent = !reporter.anonymous() && reporter.callbackConsent();
    c.status = CaseStatus.REGISTERED;
    c.reportedAt = f.at();
    FirstContactResolution closedOnCall = null;
    if (request.resolvedOnCall() != null) {
      c.answerOnCall = request.resolvedOnCall().answer().strip();
      c.answeredBy = f.actor();
      c.status = CaseStatus.CLOSED_AT_FIRST_CONTACT;
      c.statusChangedAt = f.at();
      closedOnCall = new FirstContactResolution(f.actor(), f.at());
    }
    CaseReported reported =
        CaseReported.builder()
            .caseId(c.id)
            .caseNumber(c.caseNumber)
            .kind(c.kind)
            .channel(c.channel)
            .categoryCode(c.categoryCode)
            .urgency(c.urgency)
            // Phone and ID numbers typed into free text stay with the hotline.
            .description(FreeTextMasking.masked(c.description))
            .position(c.latitude == null ? null : new GeoPoint(c.latitude, c.longitude))
            .addressText(FreeTextMasking.masked(c.addressText))
            .location(location)
            .assetCode(c.assetCode)
            .assetOwnerCode(c.assetOwnerCode)
            .reportedAt(c.reportedAt)
            .resolvedAtFirstContact(closedOnCall)
            .categoryVersion(c.categoryVersion)
            // A new case has only the reporter who filed it, unless a sensor did.
            .reporterCount(c.hasOwnReporter() ? 1 : 0)
            .assetFoundBy(c.assetFoundBy)
            .campaign(f.campaign())
            .build();
    return new Registered(c, reported);
  }

  // --- the callback after closure (回访) ---

  /** What the operator heard when calling the citizen back. */
  public record CallbackOutcome(boolean contacted, Boolean resolved, Satisfaction satisfaction) {}

  /**
   * Records a callback: only a closed case whose reporter agreed is called back. A citizen reached
   * and dissatisfied reopens a case a department closed when {@code reopenWhenDissatisfied}; a case
   * closed on the call has no department to send it back to.
   */
  public CallbackRecorded callBack(
      UUID callbackId,
      CallbackOutcome outcome,
      boolean reopenWhenDissatisfied,
      String operator,
      Instant now) {
    if (!CALLED_BACK.contains(status)) {
      throw DomainException.conflict(
          "case-not-closed",
          "case " + caseNumber + " is " + status + "; only a closed case is called back");
    }
    if (reporterAnonymous || !callbackConsent) {
      throw DomainException.conflict(
          "no-callback-consent",
          "the reporter of case " + caseNumber + " did not agree to be called back");
    }
    boolean contacted = outcome.contacted();
    Satisfaction satisfaction = contacted ? outcome.satisfaction() : null;
    String department = status == CaseStatus.CLOSED ? departmentCode : null;
    boolean reopen =
        reopenWhenDissatisfied && satisfaction == Satisfaction.DISSATISFIED && department != null;
    if (reopen) {
      status = CaseStatus.REOPEN_REQUESTED;
      statusChangedAt = now;
    }
    return new CallbackRecorded(
        id,
        callbackId,
        caseNumber,
        contacted,
        contacted ? outcome.resolved() : null,
        satisfaction,
        reopen,
        department,
        operator,
        now);
  }

  // --- duplicates (合并) ---

  /**
   * Refuses a change to a case that is no longer open (closed, waiting to be reopened, or merged);
   * {@code numberOf} tells the number of the case it was merged into.
   */
  public void requireOpen(Function<UUID, String> numberOf) {
    if (!status.open()) {
      String where =
          mergedInto == null ? "" : "; it was merged into case " + numberOf.apply(mergedInto);
      throw DomainException.conflict(
          "case-not-open",
          "case " + caseNumber + " is " + status + where + "; only open cases are merged");
    }
  }

  /** Refuses to merge a case into itself. */
  public static void requireTwoCases(UUID survivingId, UUID mergedId) {
    if (survivingId.equals(mergedId)) {
      throw DomainException.invalidField(
          "merge-into-itself", "caseId", "a case cannot be merged into itself");
    }
  }

  /** Another person reporting the same problem joins this open case, told its number. */
  public CaseReporter join(
      UUID reporterId,
      Channel channel,
      String note,
      RegisterCase.Reporter given,
      SealedReporter sealed,
      String actor,
      Instant now) {
    CaseReporter r = new CaseReporter();
    r.id = reporterId;
    r.caseId = id;
    r.toldCaseId = id;
    r.channel = channel;
    r.note = note == null || note.isBlank() ? null : note.strip();
    r.reportedAt = now;
    r.recordedBy = actor;
    r.anonymous = given.anonymous();
    r.callbackConsent = !given.anonymous() && given.callbackConsent();
    r.seal(given.anonymous() ? null : sealed);
    return r;
  }

  /**
   * This case is merged into {@code surviving}: it is closed as merged, and the reporter who filed
   * it becomes a reporter of the surviving case, keeping the number they were told; their data,
   * opened by the caller, is sealed again for the new row ({@code resealed}) and removed from this
   * case, so it is kept once. Returns that reporter, or null for a case a sensor filed.
   */
  public CaseReporter mergeInto(
      CaseRecord surviving,
      Function<CaseReporter, SealedReporter> resealed,
      String actor,
      Instant now) {
    requireTwoCases(surviving.id, id);
    CaseReporter filer = null;
    if (hasOwnReporter()) {
      filer = new CaseReporter();
      filer.id = UUID.randomUUID();
      filer.caseId = surviving.id;
      filer.toldCaseId = id;
      filer.channel = channel;
      filer.note = description;
      filer.reportedAt = reportedAt;
      filer.recordedBy = actor;
      filer.anonymous = reporterAnonymous;
      filer.callbackConsent = callbackConsent;
      if (!reporterAnonymous && reporterKeyId != null) {
        filer.seal(resealed.apply(filer));
      }
      seal(null);
      callbackConsent = false;
    }
    status = CaseStatus.MERGED;
    statusChangedAt = now;
    mergedInto = surviving.id;
    return filer;
  }

  /**
   * The announcement that this case's reporters changed: one joined ({@code merged} null), or
   * another case was merged into it; {@code reporterCount} is how many reported it now.
   */
  public CaseMerged reportersChanged(
      CaseRecord merged, int reporterCount, String actor, Instant now) {
    return new CaseMerged(
        id,
        caseNumber,
        merged == null ? null : merged.id,
        merged == null ? null : merged.caseNumber,
        reporterCount,
        actor,
        now);
  }

  // --- what it is ---

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

  private void seal(SealedReporter sealed) {
    reporterKeyId = sealed == null ? null : sealed.keyId();
    reporterNameSealed = sealed == null ? null : sealed.nameSealed();
    reporterPhoneSealed = sealed == null ? null : sealed.phoneSealed();
    reporterPhoneIndex = sealed == null ? null : sealed.phoneIndex();
  }

  public UUID id() {
    return id;
  }

  public String caseNumber() {
    return caseNumber;
  }

  public Channel channel() {
    return channel;
  }

  public String categoryCode() {
    return categoryCode;
  }

  public int categoryVersion() {
    return categoryVersion;
  }

  public String description() {
    return description;
  }

  public Double latitude() {
    return latitude;
  }

  public Double longitude() {
    return longitude;
  }

  public String addressText() {
    return addressText;
  }

  public String gridCode() {
    return gridCode;
  }

  public String mediaUrl() {
    return mediaUrl;
  }

  public String serviceNotice() {
    return serviceNotice;
  }

  public boolean reporterAnonymous() {
    return reporterAnonymous;
  }

  public CaseStatus status() {
    return status;
  }

  public Instant reportedAt() {
    return reportedAt;
  }

  public String departmentCode() {
    return departmentCode;
  }

  public Instant statusChangedAt() {
    return statusChangedAt;
  }

  public Instant resolveDueAt() {
    return resolveDueAt;
  }
}
