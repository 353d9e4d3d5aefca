package io.casegrid.kit.outbox;

import io.casegrid.events.EventCodec;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One codec for the whole service: it holds a configured, thread-safe ObjectMapper. */
class EventCodecProducer {

  @Produces
  @Singleton
  EventCodec codec() {
    return new EventCodec();
  }
}
