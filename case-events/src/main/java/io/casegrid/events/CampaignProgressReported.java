package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A campaign's headline progress (整治进度) as its ledger stood at {@code asOf}: the items in scope,
 * those inspected, the defects found, those rectified, those whose rectification is overdue, and
 * the blind spots (not inspected once the inspection deadline has passed). A snapshot, announced
 * when the figures changed and at most once per reporting interval, never once per item: a reader
 * keeps the latest by {@code asOf}.
 */
public record CampaignProgressReported(
    UUID campaignId,
    Instant asOf,
    long inScope,
    long inspected,
    long defects,
    long rectified,
    long overdue,
    long blindSpots)
    implements CampaignEvent {}
