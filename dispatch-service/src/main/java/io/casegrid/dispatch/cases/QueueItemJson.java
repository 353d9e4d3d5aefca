package io.casegrid.dispatch.cases;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.casegrid.dispatch.reference.ReferenceNames;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * Writes a {@link QueueItem} as Jackson would by default, byte for byte (its fields in order, nulls
 * written, enumerations by name, moments as ISO-8601 with their offset), only faster: every command
 * on a case answers one, and Jackson's bean serializer, reading each of the 28 fields through
 * reflection and formatting each moment with a {@link DateTimeFormatter}, was the largest part of
 * writing the answer. {@code QueueItemJsonTest} holds the two to the same output.
 */
public final class QueueItemJson extends StdSerializer<QueueItem> {

  /** Has the service's mapper write every {@link QueueItem} so. */
  @Singleton
  static class Registration implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
      mapper.registerModule(
          new SimpleModule("queue-item").addSerializer(QueueItem.class, new QueueItemJson()));
    }
  }

  // "2026-12-07T18:17:00.123456789+08:00:30" at the longest.
  private static final int MOMENT_LENGTH = 38;

  private static final SerializedString CASE_ID = new SerializedString("caseId");
  private static final SerializedString CASE_NUMBER = new SerializedString("caseNumber");
  private static final SerializedString CATEGORY_CODE = new SerializedString("categoryCode");
  private static final SerializedString URGENCY = new SerializedString("urgency");
  private static final SerializedString DESCRIPTION = new SerializedString("description");
  private static final SerializedString GRID_CODE = new SerializedString("gridCode");
  private static final SerializedString DEPARTMENT_CODE = new SerializedString("departmentCode");
  private static final SerializedString STATE = new SerializedString("state");
  private static final SerializedString VERIFIER = new SerializedString("verifier");
  private static final SerializedString BASIS = new SerializedString("basis");
  private static final SerializedString RULE_REFERENCE = new SerializedString("ruleReference");
  private static final SerializedString REPORTED_AT = new SerializedString("reportedAt");
  private static final SerializedString DISPATCHED_AT = new SerializedString("dispatchedAt");
  private static final SerializedString SIGNED_AT = new SerializedString("signedAt");
  private static final SerializedString RESOLVED_AT = new SerializedString("resolvedAt");
  private static final SerializedString CLOSED_AT = new SerializedString("closedAt");
  private static final SerializedString SIGN_DUE_AT = new SerializedString("signDueAt");
  private static final SerializedString RESOLVE_DUE_AT = new SerializedString("resolveDueAt");
  private static final SerializedString EXTENDED_UNTIL = new SerializedString("extendedUntil");
  private static final SerializedString OVERDUE_SINCE = new SerializedString("overdueSince");
  private static final SerializedString SUPERVISION_ORDER_ID =
      new SerializedString("supervisionOrderId");
  private static final SerializedString ORDER_RESPOND_BY = new SerializedString("orderRespondBy");
  private static final SerializedString RESULT = new SerializedString("result");
  private static final SerializedString RETURN_COUNT = new SerializedString("returnCount");
  private static final SerializedString REWORK_COUNT = new SerializedString("reworkCount");
  private static final SerializedString CATEGORY = new SerializedString("category");
  private static final SerializedString PLACE = new SerializedString("place");
  private static final SerializedString DEPARTMENT = new SerializedString("department");
  private static final SerializedString CODE = new SerializedString("code");
  private static final SerializedString NAME = new SerializedString("name");
  private static final SerializedString NAME_EN = new SerializedString("nameEn");

  QueueItemJson() {
    super(QueueItem.class);
  }

  @Override
  public void serialize(QueueItem item, JsonGenerator json, SerializerProvider provider)
      throws IOException {
    json.writeStartObject(item);
    uuid(json, CASE_ID, item.caseId());
    string(json, CASE_NUMBER, item.caseNumber());
    string(json, CATEGORY_CODE, item.categoryCode());
    named(json, URGENCY, item.urgency());
    string(json, DESCRIPTION, item.description());
    string(json, GRID_CODE, item.gridCode());
    string(json, DEPARTMENT_CODE, item.departmentCode());
    named(json, STATE, item.state());
    named(json, VERIFIER, item.verifier());
    named(json, BASIS, item.basis());
    string(json, RULE_REFERENCE, item.ruleReference());
    moment(json, REPORTED_AT, item.reportedAt());
    moment(json, DISPATCHED_AT, item.dispatchedAt());
    moment(json, SIGNED_AT, item.signedAt());
    moment(json, RESOLVED_AT, item.resolvedAt());
    moment(json, CLOSED_AT, item.closedAt());
    moment(json, SIGN_DUE_AT, item.signDueAt());
    moment(json, RESOLVE_DUE_AT, item.resolveDueAt());
    moment(json, EXTENDED_UNTIL, item.extendedUntil());
    moment(json, OVERDUE_SINCE, item.overdueSince());
    uuid(json, SUPERVISION_ORDER_ID, item.supervisionOrderId());
    moment(json, ORDER_RESPOND_BY, item.orderRespondBy());
    string(json, RESULT, item.result());
    json.writeFieldName(RETURN_COUNT);
    json.writeNumber(item.returnCount());
    json.writeFieldName(REWORK_COUNT);
    json.writeNumber(item.reworkCount());
    name(json, CATEGORY, item.category());
    name(json, PLACE, item.place());
    name(json, DEPARTMENT, item.department());
    json.writeEndObject();
  }

  private static void string(JsonGenerator json, SerializableString field, String value)
      throws IOException {
    json.writeFieldName(field);
    json.writeString(value);
  }

  private static void uuid(JsonGenerator json, SerializableString field, UUID value)
      throws IOException {
    json.writeFieldName(field);
    json.writeString(value == null ? null : value.toString());
  }

  private static void named(JsonGenerator json, SerializableString field, Enum<?> value)
      throws IOException {
    json.writeFieldName(field);
    json.writeString(value == null ? null : value.name());
  }

  private static void name(JsonGenerator json, SerializableString field, ReferenceNames.Name value)
      throws IOException {
    json.writeFieldName(field);
    if (value == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject(value);
    string(json, CODE, value.code());
    string(json, NAME, value.name());
    string(json, NAME_EN, value.nameEn());
    json.writeEndObject();
  }

  private static void moment(JsonGenerator json, SerializableString field, OffsetDateTime value)
      throws IOException {
    json.writeFieldName(field);
    if (value == null) {
      json.writeNull();
      return;
    }
    LocalDateTime local = value.toLocalDateTime();
    if (local.getYear() < 0 || local.getYear() > 9999) {
      json.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
      return;
    }
    char[] text = new char[MOMENT_LENGTH];
    json.writeString(text, 0, iso(local, value.getOffset().getId(), text));
  }

  /**
   * A moment of years 0–9999 as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} writes it, into
   * {@code text} (its length returned): seconds always, the fraction without its trailing zeros and
   * none if zero, then the offset's id ("Z", "+08:00").
   */
  private static int iso(LocalDateTime local, String offset, char[] text) {
    int at = digits(text, 0, local.getYear(), 4);
    text[at++] = '-';
    at = digits(text, at, local.getMonthValue(), 2);
    text[at++] = '-';
    at = digits(text, at, local.getDayOfMonth(), 2);
    text[at++] = 'T';
    at = digits(text, at, local.getHour(), 2);
    text[at++] = ':';
    at = digits(text, at, local.getMinute(), 2);
    text[at++] = ':';
    at = digits(text, at, local.getSecond(), 2);
    int nanos = local.getNano();
    if (nanos > 0) {
      text[at++] = '.';
      int width = 9;
      while (nanos % 10 == 0) {
        nanos /= 10;
        width--;
      }
      at = digits(text, at, nanos, width);
    }
    offset.getChars(0, offset.length(), text, at);
    return at + offset.length();
  }

  // `value` in `width` decimal digits, zero-padded, at `at`; returns the position after them.
  private static int digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + width;
  }
}
