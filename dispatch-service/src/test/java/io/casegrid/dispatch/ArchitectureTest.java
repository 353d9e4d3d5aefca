package io.casegrid.dispatch;

import io.casegrid.embedded.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

  @Test
  void featurePackagesImportNoneThatImportsThemBackAndOnlyResourcesSpeakHttp() {
    ArchitectureRules.check("io.casegrid.dispatch");
  }
}
