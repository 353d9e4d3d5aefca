package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A case was registered by intake (立案). Carries no personal data of the reporter: names and phone
 * numbers stay in intake's database.
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
    Instant reportedAt)
    implements CaseEvent {}
