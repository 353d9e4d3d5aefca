package io.casegrid.events;

import com.fasterxml.jackson.databind.util.TokenBuffer;

/**
 * The {@code data} of a {@link CloudEvent}: the payload an event was announced with, or the tokens
 * it was read as. Bound to a payload type only when a consumer asks ({@link EventCodec#payload}),
 * so an unknown type passes through unharmed, and neither writing nor reading builds a tree.
 */
public final class EventData {

  private final ContractEvent payload;
  private final TokenBuffer tokens;

  private EventData(ContractEvent payload, TokenBuffer tokens) {
    this.payload = payload;
    this.tokens = tokens;
  }

  static EventData announced(ContractEvent payload) {
    return new EventData(payload, null);
  }

  static EventData read(TokenBuffer tokens) {
    return new EventData(null, tokens);
  }

  /** The payload it was announced with; null for data that was read. */
  ContractEvent payload() {
    return payload;
  }

  /** The tokens it was read as; null for data that was announced. */
  TokenBuffer tokens() {
    return tokens;
  }

  @Override
  public String toString() {
    return payload != null ? payload.toString() : "data read from the wire";
  }
}
