package io.casegrid.intake;

import io.casegrid.embedded.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Intake keeps the shape of every service: no package cycles, JAX-RS only at the HTTP edge. */
class ArchitectureTest {

  @Test
  void hasNoPackageCyclesAndSpeaksHttpOnlyInItsResources() {
    ArchitectureRules.check("io.casegrid.intake");
  }
}
