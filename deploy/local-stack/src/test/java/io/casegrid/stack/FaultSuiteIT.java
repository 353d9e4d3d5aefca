package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.stack.faults.FaultSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The fault suite's short run ({@code ./mvnw -Pfaults} is the long one): a system in the cluster
 * shape, a few hundred lifecycles with deadlines falling due, and every kind of fault on every
 * process, one after another; nothing lost, duplicated or wrong.
 */
class FaultSuiteIT {

  @Test
  void everyCaseSurvivesEveryKindOfFaultOnEveryProcess() throws Exception {
    Path home = Files.createTempDirectory("casegrid-faults-");
    Path repo = Path.of(System.getProperty("casegrid.repo.root", "../..")).toAbsolutePath();
    LocalStack system =
        LocalStack.start(LocalStack.Settings.onFreePorts(home, repo.normalize(), true, "256m"));
    try {
      FaultSuite.Result result = FaultSuite.run(system, FaultSuite.Options.brief(), System.out);
      result.print(System.out);
      assertThat(result.faults()).isGreaterThanOrEqualTo(FaultSuite.Options.brief().faults());
      assertThat(result.cases()).isEqualTo(FaultSuite.Options.brief().cases());
      assertThat(result.findings()).isEmpty();
      assertThat(result.lost()).isZero();
      assertThat(result.duplicated()).isZero();
      assertThat(result.wrong()).isZero();
      assertThat(result.unfinished()).isZero();
    } finally {
      system.close();
      TestInfrastructure.deleteRecursively(home);
    }
  }
}
