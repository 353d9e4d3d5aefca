package io.casegrid.kit.tracing;

import io.casegrid.events.CloudEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Carries a case's trace across Kafka. The outbox keeps the W3C trace context of the transaction
 * that announced an event; the relay sends it as the record's {@code traceparent} header; the
 * consumer applies the event in a span continuing that trace, so the events it announces in turn
 * carry it on. A report's trace thus runs from intake's request through dispatch and supervision.
 *
 * <p>Without an exporter the OpenTelemetry SDK is disabled (the kit's default): no span is ever
 * valid, so nothing is stored or sent, and a consumer's span is the API's no-op one.
 */
@ApplicationScoped
public class EventTracing {

  /** The Kafka header, named as the W3C Trace Context specification names the HTTP header. */
  public static final String HEADER = "traceparent";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private static final TextMapGetter<String> TRACEPARENT =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
          return HEADER.equals(key) ? carrier : null;
        }
      };

  private final Tracer tracer;

  EventTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("io.casegrid.kit");
  }

  /** The current trace context as a {@code traceparent} value, or null outside any trace. */
  public static String current() {
    Context context = Context.current();
    if (!Span.fromContext(context).getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>(2);
    W3C.inject(context, carrier, Map::put);
    return carrier.get(HEADER);
  }

  /**
   * Applies {@code event} in a consumer span whose parent is {@code traceparent} (the header of the
   * record it came in, null for none); events announced meanwhile carry this span on.
   */
  public void continueTrace(String consumer, CloudEvent event, String traceparent, Runnable work) {
    Context parent = traceparent == null ? Context.current() : extract(traceparent);
    run(
        tracer
            .spanBuilder("apply " + event.type())
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.consumer.group.name", consumer)
            .setAttribute("cloudevents.event_type", event.type())
            .setAttribute("cloudevents.event_subject", event.subject())
            .startSpan(),
        work);
  }

  /**
   * Applies a batch of events in one consumer span, for a handler that applies them as a set and
   * announces nothing: a span per event would cost what the set saves. The span continues its
   * events' trace when they share one (at light load a batch is mostly one report's news), and
   * otherwise links to the producer of each, as OpenTelemetry's messaging conventions trace a
   * batch.
   *
   * @param traceparents the {@code traceparent} header of each event's record, by event id
   */
  public void continueBatch(
      String consumer, List<CloudEvent> events, Map<UUID, String> traceparents, Runnable work) {
    Set<String> producers = new LinkedHashSet<>();
    for (CloudEvent event : events) {
      String traceparent = traceparents.get(event.id());
      if (traceparent != null) {
        producers.add(traceparent);
      }
    }
    SpanBuilder span =
        tracer
            .spanBuilder(events.size() == 1 ? "apply " + events.get(0).type() : "apply batch")
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.consumer.group.name", consumer)
            .setAttribute("messaging.batch.message_count", events.size());
    if (producers.size() == 1) {
      span.setParent(extract(producers.iterator().next()));
    } else {
      span.setParent(Context.current());
      for (String producer : producers) {
        span.addLink(Span.fromContext(extract(producer)).getSpanContext());
      }
    }
    run(span.startSpan(), work);
  }

  private static Context extract(String traceparent) {
    return W3C.extract(Context.root(), traceparent, TRACEPARENT);
  }

  private static void run(Span span, Runnable work) {
    try (Scope scope = span.makeCurrent()) {
      work.run();
    } catch (RuntimeException failure) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR);
      throw failure;
    } finally {
      span.end();
    }
  }
}
