package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/** A campaign ended: it takes no more results and is no longer active. */
public record CampaignEnded(UUID campaignId, Instant endedAt, Ending ending)
    implements CampaignEvent {

  /** How it ended. */
  public enum Ending {
    /** The supervision centre ended it before its last day. */
    ENDED_EARLY,
    /** Its last day passed. */
    PERIOD_OVER
  }
}
