package io.casegrid.events;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The rectification campaign (专项整治) whose inspection found the defect a case reports, and the
 * campaign's time limit for rectifying it: {@code rectificationWorkingDays} working days from the
 * case's dispatch on the official calendar, and no later than the end of {@code rectifyBy} in the
 * city's zone, the campaign's last day of rectification.
 */
public record CampaignLink(
    UUID campaignId, String campaignName, int rectificationWorkingDays, LocalDate rectifyBy) {}
