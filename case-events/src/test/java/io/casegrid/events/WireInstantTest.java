package io.casegrid.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The codec's own instants must be exactly what Jackson's Java time module wrote and read. */
class WireInstantTest {

  private static final ObjectMapper JAVA_TIME =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static List<Instant> instants() {
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2026-12-07T15:00:23Z"),
                Instant.parse("2026-12-07T15:00:23.100Z"),
                Instant.parse("2026-12-07T15:00:23.123456Z"),
                Instant.parse("2026-12-07T15:00:23.000000001Z"),
                Instant.parse("2026-12-07T15:00:23.000001Z"),
                Instant.parse("2028-02-29T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.5Z"),
                Instant.parse("1969-12-31T23:59:59.9Z"),
                Instant.MIN,
                Instant.MAX,
                Instant.parse("-0001-12-31T23:59:59Z"),
                Instant.parse("+10000-01-01T00:00:00Z")));
    Random random = new Random(20261207);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400);
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      instants.add(Instant.ofEpochSecond(seconds, nano));
    }
    return instants;
  }

  @Test
  void writesEveryInstantAsTheJavaTimeModuleDoes() throws Exception {
    for (Instant instant : instants()) {
      assertThat(WireInstant.format(instant))
          .as("%s", instant)
          .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
      assertThat("\"" + WireInstant.format(instant) + "\"")
          .isEqualTo(JAVA_TIME.writeValueAsString(instant));
    }
  }

  @Test
  void readsBackEveryInstantItWrites() {
    for (Instant instant : instants()) {
      String text = DateTimeFormatter.ISO_INSTANT.format(instant);
      Instant parsed = WireInstant.parseCanonical(text);
      if (parsed != null) {
        assertThat(parsed).as(text).isEqualTo(instant);
      }
    }
  }

  @Test
  void readsEveryLengthOfFraction() {
    String fraction = "123456789";
    for (int digits = 1; digits <= 9; digits++) {
      String text = "2026-12-07T15:00:23." + fraction.substring(0, digits) + "Z";

      assertThat(WireInstant.parseCanonical(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void leavesEveryOtherFormToTheFormatter() {
    for (String text :
        List.of(
            "2026-12-07T15:00:23.Z",
            "2026-12-07t15:00:23z",
            "2026-12-07T15:00:23+08:00",
            "2026-12-07T15:00:60Z",
            "2026-02-30T15:00:23Z",
            "2026-12-07T24:00:00Z",
            "+12026-12-07T15:00:23Z",
            "2026-12-07T15:00:23.1234567890Z",
            "2026-12-07 15:00:23Z",
            "2026-1a-07T15:00:23Z")) {
      assertThat(WireInstant.parseCanonical(text)).as(text).isNull();
    }
  }

  @Test
  void theCodecReadsInstantsInAnyFormTheJavaTimeModuleRead() throws Exception {
    EventCodec codec = new EventCodec();
    UUID caseId = UUID.randomUUID();
    for (String time :
        List.of(
            "\"2026-12-07T15:00:23.5Z\"",
            "\"2026-12-07t15:00:23z\"",
            "\"2026-12-07T23:00:23+08:00\"",
            "1796655623.5",
            "1796655623")) {
      String json =
          "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"/supervision\",\"type\":\"%s\",\"subject\":\"%s\",\"time\":%s,\"data\":{\"caseId\":\"%s\",\"departmentCode\":\"WATER\",\"resolveDueAt\":%s,\"breachedAt\":%s}}"
              .formatted(
                  UUID.randomUUID(),
                  EventType.DEADLINE_BREACHED.type(),
                  caseId,
                  time,
                  caseId,
                  time,
                  time);
      Instant expected = JAVA_TIME.readValue(time, Instant.class);

      CloudEvent read = codec.read(json);

      assertThat(read.time()).as(time).isEqualTo(expected);
      assertThat(codec.payload(read, DeadlineBreached.class).breachedAt()).isEqualTo(expected);
    }
  }
}
