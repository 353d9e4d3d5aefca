package io.casegrid.intake.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Writes GeoReport v2 documents. The JSON form drops the XML root element, so a list is a top-level
 * array; the XML form has no namespace and names each item of a nested list by the singular of the
 * list ({@code formats/format}, {@code attributes/attribute}, {@code values/value}).
 */
final class Open311Body {

  /** A document to answer with: its HTTP status, content type and text. */
  record Document(int status, String contentType, String text) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> ITEM =
      Map.of(
          "endpoints", "endpoint",
          "formats", "format",
          "attributes", "attribute",
          "values", "value");

  private Open311Body() {}

  /** A list of items, e.g. {@code <services><service>…</service></services>}. */
  static Document list(
      Open311Format format, int status, String root, String item, List<Map<String, Object>> items) {
    if (format == Open311Format.JSON) {
      return respond(format, status, json(items));
    }
    StringBuilder xml = prolog().append('<').append(root).append('>');
    for (Map<String, Object> each : items) {
      element(xml, item, each);
    }
    return respond(format, status, xml.append("</").append(root).append(">\n").toString());
  }

  /** A single document, e.g. {@code <discovery>…</discovery>} or {@code {…}}. */
  static Document single(Open311Format format, String root, Map<String, Object> document) {
    if (format == Open311Format.JSON) {
      return respond(format, 200, json(document));
    }
    StringBuilder xml = prolog();
    element(xml, root, document);
    return respond(format, 200, xml.append('\n').toString());
  }

  /** The error format: {@code [{"code": 403, "description": "…"}]}, or {@code <errors>}. */
  static Document error(Open311Format format, int status, String description) {
    Map<String, Object> error = new java.util.LinkedHashMap<>();
    error.put("code", status);
    error.put("description", description);
    return list(format, status, "errors", "error", List.of(error));
  }

  private static Document respond(Open311Format format, int status, String body) {
    return new Document(status, format.contentType, body);
  }

  private static StringBuilder prolog() {
    return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  }

  @SuppressWarnings("unchecked")
  private static void element(StringBuilder xml, String name, Object value) {
    if (value == null) {
      xml.append('<').append(name).append("/>");
      return;
    }
    xml.append('<').append(name).append('>');
    if (value instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).forEach((k, v) -> element(xml, k, v));
    } else if (value instanceof List<?> list) {
      String item = ITEM.getOrDefault(name, "item");
      for (Object each : list) {
        element(xml, item, each);
      }
    } else {
      escape(xml, String.valueOf(value));
    }
    xml.append("</").append(name).append('>');
  }

  // Text content: markup characters escaped, characters XML 1.0 cannot carry dropped.
  private static void escape(StringBuilder xml, String text) {
    text.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                default -> {
                  if (c == '\t'
                      || c == '\n'
                      || c == '\r'
                      || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)) {
                    xml.appendCodePoint(c);
                  }
                }
              }
            });
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
