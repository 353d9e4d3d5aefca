package io.casegrid.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The lifecycle benchmark reads its options as the registration benchmark does (BenchArgs). */
class LifecycleBenchmarkOptionsTest {

  @Test
  void theDefaultsAreThoseOfTheReferenceRunOfThePeer() {
    assertThat(LifecycleBenchmark.Options.parse())
        .isEqualTo(new LifecycleBenchmark.Options(2000, 32, 10000, 500, 4000, 4, 500));
  }

  @Test
  void theCommandOfTheBriefingSetsEachOptionAndLeavesTheOthers() {
    assertThat(
            LifecycleBenchmark.Options.parse(
                "--peer-lifecycles",
                "1000",
                "--peer-warm-up",
                "300",
                "--lifecycles",
                "1500",
                "--reports",
                "600",
                "--rate",
                "100"))
        .isEqualTo(new LifecycleBenchmark.Options(1500, 32, 600, 100, 1000, 4, 300));
  }

  @Test
  void noPeerIsAllowedButNoLifecyclesIsNot() {
    assertThat(LifecycleBenchmark.Options.parse("--peer-lifecycles", "0").peerLifecycles())
        .isZero();
    assertThatThrownBy(() -> LifecycleBenchmark.Options.parse("--lifecycles", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--lifecycles must be at least 1");
  }
}
