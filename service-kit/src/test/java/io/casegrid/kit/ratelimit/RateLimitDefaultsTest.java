package io.casegrid.kit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The limits every service starts with (the kit's configuration) stop abuse, not only floods: a
 * burst of 300 at 140 a second, as was sent at registrations, Open311 filings and api-key guesses,
 * is mostly refused, while a person or an application at its own pace is never refused.
 */
class RateLimitDefaultsTest {

  private static final long SECOND = 1_000_000_000L;

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "case-writes, 100, 10",
    "open311-writes, 50, 2",
    "open311-clients, 30, 2",
    "open311-key-guesses, 15, 60",
  })
  void aBurstOf300At140ASecondIsMostlyRefusedAndAnHonestPaceNever(
      String group, int mostAdmitted, int honestSecondsApart) throws IOException {
    Properties defaults = kitDefaults();
    String prefix = "casegrid.rate-limit.groups." + group + ".";
    assertThat(defaults.getProperty(prefix + "requests-per-second")).as(group).isNotNull();
    double rate = Double.parseDouble(defaults.getProperty(prefix + "requests-per-second"));
    int burst = Integer.parseInt(defaults.getProperty(prefix + "burst"));
    AtomicLong now = new AtomicLong(1_000 * SECOND);

    TokenBuckets flood = new TokenBuckets(rate, burst, 100, 60 * SECOND, now::get);
    int admitted = 0;
    for (int i = 0; i < 300; i++) {
      now.addAndGet(SECOND / 140);
      admitted += flood.take("attacker").allowed() ? 1 : 0;
    }
    assertThat(admitted).as(group).isLessThanOrEqualTo(mostAdmitted);

    TokenBuckets honest = new TokenBuckets(rate, burst, 100, 60 * SECOND, now::get);
    for (int i = 0; i < 500; i++) {
      now.addAndGet(honestSecondsApart * SECOND);
      assertThat(honest.take("person").allowed()).as(group + " request " + i).isTrue();
    }
  }

  private static Properties kitDefaults() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        RateLimitDefaultsTest.class.getResourceAsStream(
            "/META-INF/microprofile-config.properties")) {
      p.load(in);
    }
    return p;
  }
}
