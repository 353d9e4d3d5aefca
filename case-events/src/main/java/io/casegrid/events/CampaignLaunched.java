package io.casegrid.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A rectification campaign was launched: its census made {@code itemsInScope} inspection items. It
 * runs from {@code startsOn}; every item is to be inspected by the end of {@code inspectBy}, every
 * defect rectified within {@code rectificationWorkingDays} working days and by the end of {@code
 * rectifyBy}, its last day, in the city's zone.
 */
public record CampaignLaunched(
    UUID campaignId,
    String name,
    LocalDate startsOn,
    LocalDate inspectBy,
    LocalDate rectifyBy,
    int rectificationWorkingDays,
    long itemsInScope,
    Instant launchedAt)
    implements CampaignEvent {}
