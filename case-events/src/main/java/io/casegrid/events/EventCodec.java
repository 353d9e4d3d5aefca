package io.casegrid.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes and reads events as CloudEvents JSON. Readers ignore unknown fields and unknown enum
 * values never reach them silently: a payload that does not fit its type fails loudly.
 */
public final class EventCodec {

  private final ObjectMapper mapper;

  public EventCodec() {
    this.mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
  }

  /** Wraps a payload in a new envelope with a fresh id. */
  public CloudEvent envelope(ContractEvent payload, String source, Instant time) {
    EventType type = EventType.of(payload);
    return new CloudEvent(
        CloudEvent.SPEC_VERSION,
        UUID.randomUUID(),
        source,
        type.type(),
        payload.subjectId().toString(),
        time,
        "application/json",
        "urn:casegrid:schema:" + type.type(),
        mapper.valueToTree(payload));
  }

  public String write(CloudEvent event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event must always serialise", e);
    }
  }

  public CloudEvent read(String json) {
    try {
      CloudEvent event = mapper.readValue(json, CloudEvent.class);
      if (event.id() == null || event.type() == null || event.subject() == null) {
        throw new MalformedEventException("not a CloudEvent: id, type and subject are required");
      }
      return event;
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("not a CloudEvent: " + e.getOriginalMessage(), e);
    }
  }

  /** The payload of a known type; empty for a type this version of the contract does not know. */
  public Optional<ContractEvent> payload(CloudEvent event) {
    return EventType.ofType(event.type()).map(t -> payload(event, t.payloadClass()));
  }

  public <T extends ContractEvent> T payload(CloudEvent event, Class<T> payloadClass) {
    try {
      return mapper.treeToValue(event.data(), payloadClass);
    } catch (JsonProcessingException e) {
      throw new MalformedEventException(
          "data of " + event.type() + " does not fit its schema: " + e.getOriginalMessage(), e);
    }
  }

  /** Thrown for a record that is not a readable event of the contract. */
  public static final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
      super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
