package io.casegrid.dispatch.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.kit.reference.ReferenceVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The caches of reference data look at its version inside the transactions of consumers, whose
 * sessions may hold a whole batch's entities: the look must not make the session write them.
 */
@QuarkusTest
class ReadingTheReferenceVersionTest {

  @Inject ReferenceVersion version;
  @Inject EntityManager entityManager;

  @Test
  void readingTheVersionLeavesTheSessionsPendingChangesUnwritten() {
    // A pending insert that the database refuses (its case does not exist) shows whether a
    // statement made the session flush: it would fail there and then, not at the flush after it.
    AtomicBoolean read = new AtomicBoolean();
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          entityManager.persist(taskOfAnUnknownCase());
                          assertThat(version.current()).isNotNegative();
                          read.set(true);
                          entityManager.flush();
                        }))
        .hasStackTraceContaining("co_handling_task");
    assertThat(read).isTrue();
  }

  private static CoHandlingTask taskOfAnUnknownCase() {
    CoHandlingTask task = new CoHandlingTask();
    task.id = UUID.randomUUID();
    task.caseId = UUID.randomUUID();
    task.departmentCode = "DRAINAGE";
    task.state = CoHandlingTask.State.OPEN;
    task.createdAt = Instant.now();
    return task;
  }
}
