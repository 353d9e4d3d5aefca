package io.casegrid.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An active campaign's deadlines were moved: an extension, or its inspection brought to a close.
 */
public record CampaignAmended(
    UUID campaignId,
    LocalDate startsOn,
    LocalDate inspectBy,
    LocalDate rectifyBy,
    int rectificationWorkingDays,
    Instant amendedAt)
    implements CampaignEvent {}
