package io.casegrid.supervision.security;

import io.casegrid.embedded.HostileInput;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint of supervision refuses hostile input, and stores nothing it refused. Its reads
 * need no case of their own: every attack must be refused whether the case exists or not.
 */
@QuarkusTest
class HostileInputTest {

  @TestFactory
  Stream<DynamicTest> refusesHostileInputOnEveryEndpoint() {
    return HostileInput.against("supervision", "supervision")
        .path("id", UUID.randomUUID().toString())
        .body(
            "POST /api/deadline-preview",
            java.util.Map.of(
                "categoryCode",
                "0102",
                "urgency",
                "URGENT",
                "filedAt",
                "2026-11-23T10:00:00+08:00"))
        .attacks();
  }
}
