package io.casegrid.supervision;

import io.casegrid.embedded.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Supervision keeps the shape of every service: no package cycles, JAX-RS only at the edge. */
class ArchitectureTest {

  @Test
  void hasNoPackageCyclesAndSpeaksHttpOnlyInItsResources() {
    ArchitectureRules.check("io.casegrid.supervision");
  }
}
