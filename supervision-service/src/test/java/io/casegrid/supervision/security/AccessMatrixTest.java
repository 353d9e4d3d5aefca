package io.casegrid.supervision.security;

import static io.casegrid.embedded.DemoUsers.as;
import static org.awaitility.Awaitility.await;

import io.casegrid.embedded.AccessMatrix;
import io.casegrid.embedded.TestInfrastructure;
import io.casegrid.embedded.TopicProbe;
import io.casegrid.events.CaseDispatched;
import io.casegrid.events.EventCodec;
import io.casegrid.events.Location;
import io.casegrid.events.RoutingBasis;
import io.casegrid.events.Topics;
import io.casegrid.events.Urgency;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every endpoint of supervision answers every role as docs/SECURITY.md says. */
@QuarkusTest
class AccessMatrixTest {

  @Test
  void listsEveryEndpointOfTheServiceInTheSecurityDocument() {
    AccessMatrix.assertEveryEndpointListed("supervision");
  }

  @TestFactory
  Stream<DynamicTest> answersEveryRoleAsTheSecurityDocumentSays() {
    // A case dispatch gave to DRAINAGE, so that supervision tracks it for that department.
    UUID id = UUID.randomUUID();
    Instant now = Instant.now();
    EventCodec codec = new EventCodec();
    try (TopicProbe dispatch =
        new TopicProbe(
            TestInfrastructure.shared().kafka().bootstrapServers(), Topics.DISPATCH_CASES)) {
      dispatch.send(
          Topics.DISPATCH_CASES,
          id.toString(),
          codec.write(
              codec.envelope(
                  new CaseDispatched(
                      id,
                      "2026112300000001",
                      "DRAINAGE",
                      RoutingBasis.ROUTING_CATALOGUE,
                      "catalogue:0102",
                      "0102",
                      Urgency.URGENT,
                      new Location("339901", "339901001", "339901001001", "339901001001001"),
                      now.minusSeconds(60),
                      now,
                      List.of()),
                  "/test/dispatch",
                  now)));
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> as("supervisor1").get("/api/cases/" + id + "/deadline").statusCode() == 200);
    return AccessMatrix.cells(
        "supervision",
        Map.of("id", id.toString(), "unknownLoad", java.util.UUID.randomUUID().toString()));
  }
}
