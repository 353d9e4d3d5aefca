package io.casegrid.supervision.campaigns;

import io.casegrid.events.CampaignEvent;
import io.casegrid.events.CloudEvent;
import io.casegrid.events.EventCodec;
import io.casegrid.kit.inbox.EventInbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows intake's campaigns topic into {@link ActiveCampaigns}: each event once (the inbox), and
 * only from intake, the topic's publisher (a record under another source is set aside).
 */
@ApplicationScoped
public class CampaignFollower {

  /** The inbox's name for this consumer. */
  static final String CONSUMER = "supervision-campaigns";

  private final EventInbox inbox;
  private final EventCodec codec;
  private final ActiveCampaigns campaigns;

  CampaignFollower(EventInbox inbox, EventCodec codec, ActiveCampaigns campaigns) {
    this.inbox = inbox;
    this.codec = codec;
    this.campaigns = campaigns;
  }

  @Incoming("intake-campaigns")
  @Blocking
  public void fromIntake(ConsumerRecords<String, String> records) {
    inbox.consume(CONSUMER, records, this::apply);
  }

  // A type this version does not know passes: a newer intake may announce more.
  private void apply(CloudEvent event) {
    codec
        .payload(event)
        .filter(CampaignEvent.class::isInstance)
        .map(CampaignEvent.class::cast)
        .ifPresent(campaigns::apply);
  }
}
