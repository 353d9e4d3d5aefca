package io.casegrid.kit.tracing;

import io.casegrid.events.CloudEvent;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    Context parent =
        traceparent == null
            ? Context.current()
            : W3C.extract(Context.root(), traceparent, TRACEPARENT);
    Span span =
        tracer
            .spanBuilder("apply " + event.type())
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.consumer.group.name", consumer)
            .setAttribute("cloudevents.event_type", event.type())
            .setAttribute("cloudevents.event_subject", event.subject())
            .startSpan();
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
