package io.casegrid.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.casegrid.events.EventType;
import io.casegrid.stack.TraceCollector.Span;
import io.restassured.http.ContentType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One report's trace runs through all three services: the outbox keeps the trace context of the
 * request that registered the case, the relay sends it with the event, and each consumer continues
 * it while applying the event and announcing its own.
 */
class ReportTraceIT {

  private static final String REPORTED = EventType.CASE_REPORTED.type();
  private static final String DISPATCHED = EventType.CASE_DISPATCHED.type();

  private final LocalStack system = RunningSystem.stack();
  private final TraceCollector collector = RunningSystem.traces();

  @Test
  void aReportsTraceContinuesThroughKafkaIntoDispatchAndSupervision() {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String traceId = HexFormat.of().formatHex(random, 0, 16);
    String callerSpan = HexFormat.of().formatHex(random, 16, 24);

    RunningSystem.as("operator1")
        .baseUri(system.url("intake"))
        .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "kind", "COMPLAINT",
                "channel", "HOTLINE",
                "categoryCode", "0102",
                "description", "湖滨路口污水井盖缺失",
                "position", Map.of("latitude", 30.215, "longitude", 120.0865),
                "reporter", Map.of("anonymous", true, "callbackConsent", false)))
        .post("/api/cases")
        .then()
        .statusCode(201);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(collector.trace(traceId))
                    .extracting(span -> span.service() + ": " + span.name())
                    .contains(
                        "dispatch-service: apply " + REPORTED,
                        "supervision-service: apply " + REPORTED,
                        "supervision-service: apply " + DISPATCHED));

    List<Span> trace = collector.trace(traceId);
    assertThat(trace)
        .extracting(Span::service)
        .contains("intake-service", "dispatch-service", "supervision-service");
    // One tree: every span hangs from the caller's span or from another span of the trace.
    Set<String> ids = trace.stream().map(Span::spanId).collect(Collectors.toSet());
    assertThat(trace)
        .allSatisfy(span -> assertThat(span.parentSpanId()).isIn(union(ids, callerSpan)));
    Span dispatched = named(trace, "supervision-service", "apply " + DISPATCHED);
    assertThat(parentOf(trace, dispatched).service()).isEqualTo("dispatch-service");
    Span routed = named(trace, "dispatch-service", "apply " + REPORTED);
    assertThat(parentOf(trace, routed).service()).isEqualTo("intake-service");
  }

  private static Set<String> union(Set<String> ids, String one) {
    return java.util.stream.Stream.concat(ids.stream(), java.util.stream.Stream.of(one))
        .collect(Collectors.toSet());
  }

  private static Span named(List<Span> trace, String service, String name) {
    return trace.stream()
        .filter(span -> span.service().equals(service) && span.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static Span parentOf(List<Span> trace, Span child) {
    return trace.stream()
        .filter(span -> span.spanId().equals(child.parentSpanId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no parent of " + child));
  }
}
