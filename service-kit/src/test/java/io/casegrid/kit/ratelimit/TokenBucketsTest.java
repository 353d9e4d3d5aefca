package io.casegrid.kit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {

  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong now = new AtomicLong(1_000 * SECOND);

  @Test
  void allowsTheBurstThenRefusesUntilATokenIsBack() {
    TokenBuckets buckets = new TokenBuckets(2, 3, 100, 60 * SECOND, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(buckets.take("operator1").allowed()).isTrue();
    }
    TokenBuckets.Outcome refused = buckets.take("operator1");
    assertThat(refused.allowed()).isFalse();
    // Two tokens a second: the next is there in half a second.
    assertThat(refused.retryAfterNanos()).isEqualTo(SECOND / 2);
    now.addAndGet(SECOND / 2);
    assertThat(buckets.take("operator1").allowed()).isTrue();
    assertThat(buckets.take("operator1").allowed()).isFalse();
  }

  @Test
  void peekingTakesNothing() {
    TokenBuckets buckets = new TokenBuckets(1, 2, 100, 60 * SECOND, now::get);
    assertThat(buckets.peek("guesser").allowed()).isTrue();
    buckets.take("guesser");
    buckets.take("guesser");

    TokenBuckets.Outcome empty = buckets.peek("guesser");
    assertThat(empty.allowed()).isFalse();
    assertThat(empty.retryAfterNanos()).isEqualTo(SECOND);
    now.addAndGet(SECOND);
    assertThat(buckets.peek("guesser").allowed()).isTrue();
    assertThat(buckets.peek("guesser").allowed()).isTrue();
    assertThat(buckets.take("guesser").allowed()).isTrue();
    assertThat(buckets.peek("guesser").allowed()).isFalse();
  }

  @Test
  void countsEveryClientForItself() {
    TokenBuckets buckets = new TokenBuckets(1, 1, 100, 60 * SECOND, now::get);
    assertThat(buckets.take("a").allowed()).isTrue();
    assertThat(buckets.take("a").allowed()).isFalse();
    assertThat(buckets.take("b").allowed()).isTrue();
  }

  @Test
  void forgetsIdleClientsAndNeverHoldsMoreThanTheBound() {
    TokenBuckets buckets = new TokenBuckets(10, 10, 1_000, 60 * SECOND, now::get);
    for (int i = 0; i < 100_000; i++) {
      buckets.take("attacker-" + i);
      if (i % 1_000 == 0) {
        now.addAndGet(SECOND / 10);
      }
    }
    // At most the bound, plus the one bucket that clients beyond it share.
    assertThat(buckets.size()).isLessThanOrEqualTo(1_001);
    // Clients idle long enough to be full again are swept away.
    now.addAndGet(61 * SECOND);
    buckets.take("newcomer");
    assertThat(buckets.size()).isEqualTo(1);
  }

  @Test
  void clientsBeyondTheBoundShareOneBucketInsteadOfGrowingTheMemory() {
    TokenBuckets buckets = new TokenBuckets(1, 1, 2, 60 * SECOND, now::get);
    assertThat(buckets.take("a").allowed()).isTrue();
    assertThat(buckets.take("b").allowed()).isTrue();
    assertThat(buckets.take("c").allowed()).isTrue();
    assertThat(buckets.take("d").allowed()).isFalse();
    assertThat(buckets.take("a").allowed()).isFalse();
    assertThat(buckets.size()).isEqualTo(3);
  }
}
