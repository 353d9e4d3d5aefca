package io.casegrid.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants on the wire as ISO-8601 in UTC ({@link DateTimeFormatter#ISO_INSTANT}, as the contract
 * has always written them), without going through {@code DateTimeFormatter}: its parser and printer
 * resolve every field through hash maps, and every event carries several instants, which made them
 * the largest part of reading an event. Anything but the canonical form (years outside 0–9999, an
 * offset, lower case, a leap second, a number) goes to the formatter and Jackson's own
 * deserializer, so the codec reads everything it read before.
 */
final class WireInstant {

  private static final int[] POWERS_OF_TEN = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };
  private static final long YEAR_0 = LocalDate.of(0, 1, 1).toEpochDay() * 86_400;
  private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).toEpochDay() * 86_400;

  private WireInstant() {}

  /** As {@code DateTimeFormatter.ISO_INSTANT.format(instant)}. */
  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < YEAR_0 || seconds >= YEAR_10000) {
      return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    char[] text = new char[30];
    digits(text, 0, t.getYear(), 4);
    text[4] = '-';
    digits(text, 5, t.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, t.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, t.getHour(), 2);
    text[13] = ':';
    digits(text, 14, t.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, t.getSecond(), 2);
    int length = 19;
    int nano = instant.getNano();
    // As ISO_INSTANT: the fraction in groups of three digits, as many as it needs.
    if (nano != 0) {
      text[length++] = '.';
      if (nano % 1_000_000 == 0) {
        digits(text, length, nano / 1_000_000, 3);
        length += 3;
      } else if (nano % 1_000 == 0) {
        digits(text, length, nano / 1_000, 6);
        length += 6;
      } else {
        digits(text, length, nano, 9);
        length += 9;
      }
    }
    text[length++] = 'Z';
    return new String(text, 0, length);
  }

  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with one to nine digits of fraction; null for any other text,
   * or for a date that does not exist, which the caller leaves to the formatter.
   */
  static Instant parseCanonical(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || length == 21
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z') {
      return null;
    }
    int year = number(text, 0, 4);
    int month = number(text, 5, 2);
    int day = number(text, 8, 2);
    int hour = number(text, 11, 2);
    int minute = number(text, 14, 2);
    int second = number(text, 17, 2);
    int nano = 0;
    if (length > 20) {
      if (text.charAt(19) != '.') {
        return null;
      }
      int fractionDigits = length - 21;
      int fraction = number(text, 20, fractionDigits);
      if (fraction < 0) {
        return null;
      }
      nano = fraction * POWERS_OF_TEN[9 - fractionDigits];
    }
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    try {
      long epochDay = LocalDate.of(year, month, day).toEpochDay();
      return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600 + minute * 60 + second, nano);
    } catch (DateTimeException noSuchDate) {
      return null;
    }
  }

  // The decimal number of the digits there; -1 if any is not a digit.
  private static int number(String text, int at, int width) {
    int value = 0;
    for (int i = at; i < at + width; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static final class Writer extends StdScalarSerializer<Instant> {
    Writer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator json, SerializerProvider provider)
        throws IOException {
      json.writeString(format(value));
    }
  }

  static final class Reader extends StdScalarDeserializer<Instant> {
    Reader() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser json, DeserializationContext context) throws IOException {
      if (json.hasToken(JsonToken.VALUE_STRING)) {
        Instant canonical = parseCanonical(json.getText());
        if (canonical != null) {
          return canonical;
        }
      }
      return InstantDeserializer.INSTANT.deserialize(json, context);
    }
  }
}
