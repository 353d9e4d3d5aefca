package io.casegrid.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes and reads events as CloudEvents JSON. Readers ignore unknown fields and unknown enum
 * values never reach them silently: a payload that does not fit its type fails loudly.
 *
 * <p>Every event crosses this class twice per consumer, so it does each in one pass: an envelope
 * holds the payload it announces and is written with it in one go; a read envelope holds its data
 * as the parser's tokens, bound to the payload type straight from them when a consumer asks. No
 * JSON tree is built either way (building one, then writing or binding it, was a third to a half of
 * a service's CPU in a storm of events).
 */
public final class EventCodec {

  private final ObjectMapper mapper;
  private final ObjectWriter writer;
  private final ObjectReader reader;
  private final ClassValue<ObjectReader> payloadReaders;

  public EventCodec() {
    this.mapper =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(
                new SimpleModule("casegrid-event-data")
                    .addSerializer(EventData.class, new DataWriter())
                    .addDeserializer(EventData.class, new DataReader())
                    .addSerializer(Instant.class, new WireInstant.Writer())
                    .addDeserializer(Instant.class, new WireInstant.Reader()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    this.writer = mapper.writerFor(CloudEvent.class);
    this.reader = mapper.readerFor(CloudEvent.class);
    this.payloadReaders =
        new ClassValue<>() {
          @Override
          protected ObjectReader computeValue(Class<?> payloadClass) {
            return mapper.readerFor(payloadClass);
          }
        };
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
        type.dataschema(),
        EventData.announced(payload));
  }

  public String write(CloudEvent event) {
    try {
      return writer.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an event must always serialise", e);
    }
  }

  public CloudEvent read(String json) {
    try {
      CloudEvent event = reader.readValue(json);
      if (event == null || event.id() == null || event.type() == null || event.subject() == null) {
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
    EventData data = event.data();
    if (data == null) {
      throw new MalformedEventException(event.type() + " carries no data");
    }
    try {
      if (data.payload() == null) {
        try (JsonParser tokens = data.tokens().asParser()) {
          return payloadReaders.get(payloadClass).readValue(tokens);
        }
      }
      if (payloadClass.isInstance(data.payload())) {
        return payloadClass.cast(data.payload());
      }
      // Read as another type than it was announced with, as the wire would have it.
      return mapper.convertValue(data.payload(), payloadClass);
    } catch (IOException | IllegalArgumentException e) {
      throw new MalformedEventException(
          "data of " + event.type() + " does not fit its schema: " + originalMessage(e), e);
    }
  }

  private static String originalMessage(Exception e) {
    Throwable t = e instanceof IllegalArgumentException && e.getCause() != null ? e.getCause() : e;
    return t instanceof JsonProcessingException json ? json.getOriginalMessage() : t.getMessage();
  }

  /** Writes the payload an envelope announces in the envelope's own pass, or copies read data. */
  private static final class DataWriter extends StdSerializer<EventData> {
    DataWriter() {
      super(EventData.class);
    }

    @Override
    public void serialize(EventData data, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      if (data.payload() != null) {
        provider.defaultSerializeValue(data.payload(), json);
      } else {
        data.tokens().serialize(json);
      }
    }
  }

  /** Keeps a read envelope's data as its tokens, for the payload type a consumer will ask for. */
  private static final class DataReader extends StdDeserializer<EventData> {
    DataReader() {
      super(EventData.class);
    }

    @Override
    public EventData deserialize(JsonParser json, DeserializationContext context)
        throws IOException {
      return EventData.read(context.bufferAsCopyOfValue(json));
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
