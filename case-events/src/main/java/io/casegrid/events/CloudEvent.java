package io.casegrid.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode. {@code subject} is the case id (a campaign's
 * id for a campaign's events); {@code data} stays unbound until a consumer asks for the payload
 * ({@link EventData}), so an unknown type passes through unharmed.
 */
public record CloudEvent(
    String specversion,
    UUID id,
    String source,
    String type,
    String subject,
    Instant time,
    String datacontenttype,
    String dataschema,
    EventData data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String CONTENT_TYPE = "application/cloudevents+json";

  public UUID caseId() {
    return UUID.fromString(subject);
  }
}
