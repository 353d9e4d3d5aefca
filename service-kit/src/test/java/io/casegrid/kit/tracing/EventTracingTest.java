package io.casegrid.kit.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.events.CloudEvent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consumer continues the trace of the transaction that announced an event, from the traceparent
 * the outbox kept for it and the relay sent as the record's header: what the consumer announces in
 * turn carries the same trace on. The Kafka connector traces nothing itself; these spans are the
 * only link between a command and the consumers' handling of its events.
 */
class EventTracingTest {

  private final List<SpanData> ended = new CopyOnWriteArrayList<>();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter())).build();
  private final EventTracing tracing =
      new EventTracing(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
  private final Tracer commands = provider.get("commands");

  @AfterEach
  void shutDown() {
    provider.shutdown();
  }

  @Test
  void aSetConsumersBatchOfOneTraceContinuesTheTraceOfTheCommandThatAnnouncedIt() {
    Span command = commands.spanBuilder("POST /api/cases").startSpan();
    CloudEvent reported = event("case.reported");
    CloudEvent located = event("case.located");
    String outboxTrace = announcedWithin(command);
    AtomicReference<String> announcedWhileApplying = new AtomicReference<>();

    tracing.continueBatch(
        "dispatch",
        List.of(reported, located),
        Map.of(reported.id(), outboxTrace, located.id(), outboxTrace),
        () -> announcedWhileApplying.set(EventTracing.current()));

    SpanData batch = only("apply batch");
    assertThat(batch.getTraceId()).isEqualTo(command.getSpanContext().getTraceId());
    assertThat(batch.getParentSpanId()).isEqualTo(command.getSpanContext().getSpanId());
    assertThat(batch.getAttributes().asMap().values()).contains("dispatch", 2L);
    assertThat(announcedWhileApplying.get())
        .isEqualTo("00-" + batch.getTraceId() + "-" + batch.getSpanId() + "-01");
  }

  @Test
  void aSetConsumersBatchOfSeveralTracesLinksToTheCommandOfEachEvent() {
    Span first = commands.spanBuilder("POST /api/cases").startSpan();
    Span second = commands.spanBuilder("POST /api/cases").startSpan();
    CloudEvent one = event("case.reported");
    CloudEvent other = event("case.reported");
    CloudEvent untraced = event("case.reported");

    tracing.continueBatch(
        "supervision",
        List.of(one, other, untraced),
        Map.of(one.id(), announcedWithin(first), other.id(), announcedWithin(second)),
        () -> {});

    SpanData batch = only("apply batch");
    assertThat(batch.getLinks())
        .extracting(LinkData::getSpanContext)
        .extracting(SpanContext::getTraceId, SpanContext::getSpanId)
        .containsExactly(
            Tuple.tuple(first.getSpanContext().getTraceId(), first.getSpanContext().getSpanId()),
            Tuple.tuple(second.getSpanContext().getTraceId(), second.getSpanContext().getSpanId()));
  }

  @Test
  void anEventAppliedInItsOwnSpanContinuesTheTraceOfTheCommandThatAnnouncedIt() {
    Span command = commands.spanBuilder("POST /api/cases/{id}/sign").startSpan();
    CloudEvent signed = event("case.signed");
    AtomicReference<String> announcedWhileApplying = new AtomicReference<>();

    tracing.continueTrace(
        "supervision",
        signed,
        announcedWithin(command),
        () -> announcedWhileApplying.set(EventTracing.current()));

    SpanData applied = only("apply case.signed");
    assertThat(applied.getTraceId()).isEqualTo(command.getSpanContext().getTraceId());
    assertThat(applied.getParentSpanId()).isEqualTo(command.getSpanContext().getSpanId());
    assertThat(announcedWhileApplying.get()).contains(applied.getSpanId());
  }

  // What the outbox keeps for an event announced in the command's transaction.
  private static String announcedWithin(Span command) {
    try (Scope scope = command.makeCurrent()) {
      return EventTracing.current();
    } finally {
      command.end();
    }
  }

  private SpanData only(String name) {
    assertThat(ended).extracting(SpanData::getName).containsOnlyOnce(name);
    return ended.stream().filter(span -> span.getName().equals(name)).findFirst().orElseThrow();
  }

  private static CloudEvent event(String type) {
    return new CloudEvent(
        CloudEvent.SPEC_VERSION,
        UUID.randomUUID(),
        "intake-service",
        type,
        UUID.randomUUID().toString(),
        Instant.now(),
        "application/json",
        null,
        null);
  }

  private SpanExporter exporter() {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        ended.addAll(spans);
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
      }

      @Override
      public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
      }
    };
  }
}
