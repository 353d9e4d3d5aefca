package io.casegrid.events;

import java.util.UUID;

/**
 * The payload of any event of the contract: about one case, or about one rectification campaign.
 * Its subject is the record's key on Kafka, so the events of one subject keep their order within
 * their topic.
 */
public sealed interface ContractEvent permits CaseEvent, CampaignEvent {

  /** The case or campaign the event is about: the CloudEvents {@code subject} and record key. */
  UUID subjectId();
}
