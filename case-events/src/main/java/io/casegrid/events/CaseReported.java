package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A case was registered by intake (立案). Carries no personal data of the reporter: names and phone
 * numbers stay in intake's database.
 *
 * <p>{@code resolvedAtFirstContact} is set when the hotline answered the case on the call and
 * closed it there: dispatch does not route such a case, and supervision counts it as resolved at
 * first contact. Absent in events from before it existed, which were all to be routed.
 *
 * <p>{@code categoryVersion} is the version of the category catalogue the case was filed under (its
 * category's name and default urgency are that version's), and {@code reporterCount} how many
 * people reported it when it was registered (0 for a sensor's case); both are absent in events from
 * before they existed. Later reporters are announced as {@link CaseMerged}.
 *
 * <p>{@code assetFoundBy} tells how the case's asset was found ({@link AssetFoundBy}): by its code,
 * among suggestions near the position, as the only one near it, or by its sensor; absent when the
 * case names no asset, and in events from before it existed.
 *
 * <p>{@code campaign} names the rectification campaign (专项整治) whose inspection found the defect,
 * with the campaign's time limit, which replaces the category's deadline policy for resolving it;
 * absent for every other case, and in events from before it existed. An older supervision ignores
 * it and gives the case its category's limit: upgrade supervision before intake.
 */
public record CaseReported(
    UUID caseId,
    String caseNumber,
    CaseKind kind,
    Channel channel,
    String categoryCode,
    Urgency urgency,
    String description,
    @Nullable GeoPoint position,
    @Nullable String addressText,
    @Nullable Location location,
    @Nullable String assetCode,
    @Nullable String assetOwnerCode,
    Instant reportedAt,
    @Nullable FirstContactResolution resolvedAtFirstContact,
    @Nullable Integer categoryVersion,
    @Nullable Integer reporterCount,
    @Nullable AssetFoundBy assetFoundBy,
    @Nullable CampaignLink campaign)
    implements CaseEvent {

  /** A builder: the event has too many fields to be written out by position. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this event's fields, to announce one like it. */
  public Builder toBuilder() {
    return builder()
        .caseId(caseId)
        .caseNumber(caseNumber)
        .kind(kind)
        .channel(channel)
        .categoryCode(categoryCode)
        .urgency(urgency)
        .description(description)
        .position(position)
        .addressText(addressText)
        .location(location)
        .assetCode(assetCode)
        .assetOwnerCode(assetOwnerCode)
        .reportedAt(reportedAt)
        .resolvedAtFirstContact(resolvedAtFirstContact)
        .categoryVersion(categoryVersion)
        .reporterCount(reporterCount)
        .assetFoundBy(assetFoundBy)
        .campaign(campaign);
  }

  /**
   * Builds a {@link CaseReported} field by field, by name. {@link #build()} refuses an event
   * without one of the fields every reader relies on (all but the {@link Nullable} ones).
   */
  public static final class Builder {
    private UUID caseId;
    private String caseNumber;
    private CaseKind kind;
    private Channel channel;
    private String categoryCode;
    private Urgency urgency;
    private String description;
    private GeoPoint position;
    private String addressText;
    private Location location;
    private String assetCode;
    private String assetOwnerCode;
    private Instant reportedAt;
    private FirstContactResolution resolvedAtFirstContact;
    private Integer categoryVersion;
    private Integer reporterCount;
    private AssetFoundBy assetFoundBy;
    private CampaignLink campaign;

    private Builder() {}

    public Builder caseId(UUID caseId) {
      this.caseId = caseId;
      return this;
    }

    public Builder caseNumber(String caseNumber) {
      this.caseNumber = caseNumber;
      return this;
    }

    public Builder kind(CaseKind kind) {
      this.kind = kind;
      return this;
    }

    public Builder channel(Channel channel) {
      this.channel = channel;
      return this;
    }

    public Builder categoryCode(String categoryCode) {
      this.categoryCode = categoryCode;
      return this;
    }

    public Builder urgency(Urgency urgency) {
      this.urgency = urgency;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder position(GeoPoint position) {
      this.position = position;
      return this;
    }

    public Builder addressText(String addressText) {
      this.addressText = addressText;
      return this;
    }

    public Builder location(Location location) {
      this.location = location;
      return this;
    }

    public Builder assetCode(String assetCode) {
      this.assetCode = assetCode;
      return this;
    }

    public Builder assetOwnerCode(String assetOwnerCode) {
      this.assetOwnerCode = assetOwnerCode;
      return this;
    }

    public Builder reportedAt(Instant reportedAt) {
      this.reportedAt = reportedAt;
      return this;
    }

    public Builder resolvedAtFirstContact(FirstContactResolution resolvedAtFirstContact) {
      this.resolvedAtFirstContact = resolvedAtFirstContact;
      return this;
    }

    public Builder categoryVersion(Integer categoryVersion) {
      this.categoryVersion = categoryVersion;
      return this;
    }

    public Builder reporterCount(Integer reporterCount) {
      this.reporterCount = reporterCount;
      return this;
    }

    public Builder assetFoundBy(AssetFoundBy assetFoundBy) {
      this.assetFoundBy = assetFoundBy;
      return this;
    }

    public Builder campaign(CampaignLink campaign) {
      this.campaign = campaign;
      return this;
    }

    public CaseReported build() {
      return new CaseReported(
          required(caseId, "caseId"),
          required(caseNumber, "caseNumber"),
          required(kind, "kind"),
          required(channel, "channel"),
          required(categoryCode, "categoryCode"),
          required(urgency, "urgency"),
          required(description, "description"),
          position,
          addressText,
          location,
          assetCode,
          assetOwnerCode,
          required(reportedAt, "reportedAt"),
          resolvedAtFirstContact,
          categoryVersion,
          reporterCount,
          assetFoundBy,
          campaign);
    }

    private static <T> T required(T value, String field) {
      if (value == null) {
        throw new IllegalStateException("CaseReported needs " + field);
      }
      return value;
    }
  }

  /** Whether the hotline closed the case on the call, so that no department is to handle it. */
  public boolean closedAtFirstContact() {
    return resolvedAtFirstContact != null;
  }
}
