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
    @Nullable AssetFoundBy assetFoundBy)
    implements CaseEvent {

  /** A case as announced before it said how its asset was found. */
  public CaseReported(
      UUID caseId,
      String caseNumber,
      CaseKind kind,
      Channel channel,
      String categoryCode,
      Urgency urgency,
      String description,
      GeoPoint position,
      String addressText,
      Location location,
      String assetCode,
      String assetOwnerCode,
      Instant reportedAt,
      FirstContactResolution resolvedAtFirstContact,
      Integer categoryVersion,
      Integer reporterCount) {
    this(
        caseId,
        caseNumber,
        kind,
        channel,
        categoryCode,
        urgency,
        description,
        position,
        addressText,
        location,
        assetCode,
        assetOwnerCode,
        reportedAt,
        resolvedAtFirstContact,
        categoryVersion,
        reporterCount,
        null);
  }

  /** A case to be routed, as every case was before cases could be closed on the call. */
  public CaseReported(
      UUID caseId,
      String caseNumber,
      CaseKind kind,
      Channel channel,
      String categoryCode,
      Urgency urgency,
      String description,
      GeoPoint position,
      String addressText,
      Location location,
      String assetCode,
      String assetOwnerCode,
      Instant reportedAt) {
    this(
        caseId,
        caseNumber,
        kind,
        channel,
        categoryCode,
        urgency,
        description,
        position,
        addressText,
        location,
        assetCode,
        assetOwnerCode,
        reportedAt,
        null);
  }

  /** A case as announced before the catalogue's version and the reporters were carried. */
  public CaseReported(
      UUID caseId,
      String caseNumber,
      CaseKind kind,
      Channel channel,
      String categoryCode,
      Urgency urgency,
      String description,
      GeoPoint position,
      String addressText,
      Location location,
      String assetCode,
      String assetOwnerCode,
      Instant reportedAt,
      FirstContactResolution resolvedAtFirstContact) {
    this(
        caseId,
        caseNumber,
        kind,
        channel,
        categoryCode,
        urgency,
        description,
        position,
        addressText,
        location,
        assetCode,
        assetOwnerCode,
        reportedAt,
        resolvedAtFirstContact,
        null,
        null,
        null);
  }

  /** Whether the hotline closed the case on the call, so that no department is to handle it. */
  public boolean closedAtFirstContact() {
    return resolvedAtFirstContact != null;
  }
}
