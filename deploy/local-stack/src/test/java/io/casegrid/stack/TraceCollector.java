package io.casegrid.stack;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An OTLP/HTTP trace receiver that keeps every span it is sent in memory: the system tests'
 * stand-in for a city's collector. It reads the protobuf messages of OTLP's trace service
 * (ExportTraceServiceRequest) as far as the tests need: the service each span comes from, its
 * trace, its parent and its name.
 */
final class TraceCollector implements AutoCloseable {

  /** A span as exported: ids in lower-case hex, the parent empty for a trace's root. */
  record Span(String service, String traceId, String spanId, String parentSpanId, String name) {}

  private static final HexFormat HEX = HexFormat.of();

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Span> spans = new ConcurrentLinkedQueue<>();

  private TraceCollector(HttpServer server) {
    this.server = server;
  }

  static TraceCollector start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TraceCollector collector = new TraceCollector(server);
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            collector.spans.addAll(readRequest(CodedInputStream.newInstance(body.readAllBytes())));
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, 0);
          } catch (IOException | RuntimeException unreadable) {
            exchange.sendResponseHeaders(400, -1);
          } finally {
            exchange.close();
          }
        });
    server.start();
    return collector;
  }

  /** The base URL to configure as the services' OTLP endpoint. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Span> trace(String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ExportTraceServiceRequest: 1 = ResourceSpans.
  private static List<Span> readRequest(CodedInputStream in) throws IOException {
    List<Span> read = new ArrayList<>();
    for (int tag; (tag = in.readTag()) != 0; ) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        read.addAll(readResourceSpans(nested(in)));
      } else {
        in.skipField(tag);
      }
    }
    return read;
  }

  // ResourceSpans: 1 = Resource (its service.name), 2 = ScopeSpans; the resource may come last.
  private static List<Span> readResourceSpans(CodedInputStream in) throws IOException {
    String service = null;
    List<ByteString> scopes = new ArrayList<>();
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> service = readServiceName(nested(in));
        case 2 -> scopes.add(in.readBytes());
        default -> in.skipField(tag);
      }
    }
    List<Span> read = new ArrayList<>();
    for (ByteString scope : scopes) {
      CodedInputStream scopeSpans = scope.newCodedInput();
      for (int tag; (tag = scopeSpans.readTag()) != 0; ) {
        if (WireFormat.getTagFieldNumber(tag) == 2) {
          read.add(readSpan(service, nested(scopeSpans)));
        } else {
          scopeSpans.skipField(tag);
        }
      }
    }
    return read;
  }

  // Resource: 1 = KeyValue (1 = key, 2 = AnyValue, whose 1 is a string value).
  private static String readServiceName(CodedInputStream in) throws IOException {
    String service = null;
    for (int tag; (tag = in.readTag()) != 0; ) {
      if (WireFormat.getTagFieldNumber(tag) != 1) {
        in.skipField(tag);
        continue;
      }
      CodedInputStream attribute = nested(in);
      String key = null;
      String value = null;
      for (int field; (field = attribute.readTag()) != 0; ) {
        switch (WireFormat.getTagFieldNumber(field)) {
          case 1 -> key = attribute.readString();
          case 2 -> value = readString(nested(attribute));
          default -> attribute.skipField(field);
        }
      }
      if ("service.name".equals(key)) {
        service = value;
      }
    }
    return service;
  }

  private static String readString(CodedInputStream anyValue) throws IOException {
    String value = null;
    for (int tag; (tag = anyValue.readTag()) != 0; ) {
      if (WireFormat.getTagFieldNumber(tag) == 1) {
        value = anyValue.readString();
      } else {
        anyValue.skipField(tag);
      }
    }
    return value;
  }

  // Span: 1 = trace id, 2 = span id, 4 = parent span id, 5 = name.
  private static Span readSpan(String service, CodedInputStream in) throws IOException {
    String traceId = "";
    String spanId = "";
    String parent = "";
    String name = "";
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> traceId = HEX.formatHex(in.readByteArray());
        case 2 -> spanId = HEX.formatHex(in.readByteArray());
        case 4 -> parent = HEX.formatHex(in.readByteArray());
        case 5 -> name = in.readString();
        default -> in.skipField(tag);
      }
    }
    return new Span(service, traceId, spanId, parent, name);
  }

  private static CodedInputStream nested(CodedInputStream in) throws IOException {
    return in.readBytes().newCodedInput();
  }
}
