package io.casegrid.dispatch.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.casegrid.dispatch.reference.ReferenceNames;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Urgency;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The lean writer of a queue item gives the same bytes as Jackson's bean serializer, with the
 * service's settings (moments as text), whatever the fields hold.
 */
class QueueItemJsonTest {

  private static final ObjectMapper JACKSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final ObjectMapper LEAN = JACKSON.copy();

  static {
    new QueueItemJson.Registration().customize(LEAN);
  }

  private final Random random = new Random(16);

  @Test
  void writesEveryFieldAsJacksonWouldWhenAllAreSet() throws Exception {
    for (int i = 0; i < 5_000; i++) {
      QueueItem item = item(false);
      assertThat(LEAN.writeValueAsString(item)).isEqualTo(JACKSON.writeValueAsString(item));
    }
  }

  @Test
  void writesNullsAsJacksonWould() throws Exception {
    for (int i = 0; i < 2_000; i++) {
      QueueItem item = item(true);
      assertThat(LEAN.writeValueAsString(item)).isEqualTo(JACKSON.writeValueAsString(item));
    }
  }

  @Test
  void writesMomentsOfEveryShapeAsJacksonWould() throws Exception {
    // Whole seconds, whole minutes, each length of fraction, offsets of zero, of half hours and of
    // seconds, and years beyond four digits.
    long[] nanos = {0, 1, 10, 100_000, 120_000_000, 123_456_789, 999_999_999, 500_000_000};
    ZoneId[] zones = {
      ZoneOffset.UTC,
      ZoneId.of("Asia/Shanghai"),
      ZoneId.of("Asia/Kolkata"),
      ZoneOffset.ofHoursMinutesSeconds(5, 30, 15),
      ZoneOffset.ofHours(-3)
    };
    Instant[] instants = {
      Instant.parse("2026-12-07T18:00:00Z"),
      Instant.parse("1970-01-01T00:00:00Z"),
      Instant.parse("0001-01-01T00:00:00Z"),
      Instant.parse("9999-12-31T15:59:59Z"),
      Instant.parse("+10000-01-01T00:00:00Z"),
      Instant.parse("-0001-06-01T00:00:00Z")
    };
    for (Instant instant : instants) {
      for (long n : nanos) {
        for (ZoneId zone : zones) {
          OffsetDateTime moment = QueueItem.local(instant.plusNanos(n), zone);
          QueueItem item = withMoment(item(false), moment);
          assertThat(LEAN.writeValueAsString(item))
              .as("%s", moment)
              .isEqualTo(JACKSON.writeValueAsString(item));
        }
      }
    }
  }

  private QueueItem item(boolean withNulls) {
    ZoneId zone = random.nextBoolean() ? ZoneId.of("Asia/Shanghai") : ZoneOffset.UTC;
    return new QueueItem(
        maybe(withNulls, UUID.randomUUID()),
        maybe(withNulls, "2026120" + random.nextInt(1_000_000)),
        maybe(withNulls, "0102"),
        maybe(withNulls, pick(Urgency.values())),
        maybe(withNulls, text()),
        maybe(withNulls, "339901001001001"),
        maybe(withNulls, "DRAINAGE"),
        maybe(withNulls, pick(CaseState.values())),
        maybe(withNulls, pick(Verifier.values())),
        maybe(withNulls, pick(RoutingBasis.values())),
        maybe(withNulls, "rule:" + random.nextInt(100)),
        moment(withNulls, zone),
        moment(withNulls, zone),
        moment(withNulls, zone),
        moment(withNulls, zone),
        moment(withNulls, zone),
        moment(withNulls, zone),
        moment(withNulls, zone),
        moment(withNulls, zone),
        moment(withNulls, zone),
        maybe(withNulls, UUID.randomUUID()),
        moment(withNulls, zone),
        maybe(withNulls, text()),
        random.nextInt(5),
        random.nextInt(Integer.MAX_VALUE) - random.nextInt(Integer.MAX_VALUE),
        maybe(withNulls, name()),
        maybe(withNulls, name()),
        maybe(withNulls, name()));
  }

  private static QueueItem withMoment(QueueItem i, OffsetDateTime at) {
    return new QueueItem(
        i.caseId(),
        i.caseNumber(),
        i.categoryCode(),
        i.urgency(),
        i.description(),
        i.gridCode(),
        i.departmentCode(),
        i.state(),
        i.verifier(),
        i.basis(),
        i.ruleReference(),
        at,
        at,
        at,
        at,
        at,
        at,
        at,
        at,
        at,
        i.supervisionOrderId(),
        at,
        i.result(),
        i.returnCount(),
        i.reworkCount(),
        i.category(),
        i.place(),
        i.department());
  }

  private ReferenceNames.Name name() {
    return new ReferenceNames.Name(
        "CODE" + random.nextInt(100),
        random.nextBoolean() ? text() : null,
        random.nextBoolean() ? "Name \"" + random.nextInt(100) + "\"" : null);
  }

  // Text a citizen might write: Chinese, quotes, backslashes, control characters, emoji.
  private String text() {
    String[] parts = {"井盖缺失", "\"", "\\", "\n", "\t", "\u0001", "ok ", "😀", "</script>", "é"};
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(12); i >= 0; i--) {
      text.append(pick(parts));
    }
    return text.toString();
  }

  private OffsetDateTime moment(boolean withNulls, ZoneId zone) {
    Instant at =
        Instant.ofEpochSecond(
            1_700_000_000L + random.nextInt(100_000_000),
            random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000) * 1_000L);
    return maybe(withNulls, QueueItem.local(at, zone));
  }

  private <T> T maybe(boolean withNulls, T value) {
    return withNulls && random.nextInt(3) == 0 ? null : value;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }
}
