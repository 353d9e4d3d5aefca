package io.casegrid.events;

import java.util.UUID;

/**
 * The payload of an event about one rectification campaign (专项整治), which intake runs and announces
 * on its campaigns topic, keyed by campaign id.
 */
public sealed interface CampaignEvent extends ContractEvent
    permits CampaignLaunched, CampaignAmended, CampaignEnded, CampaignProgressReported {

  UUID campaignId();

  @Override
  default UUID subjectId() {
    return campaignId();
  }
}
