package io.casegrid.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.events.Nullable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.UUID;

/**
 * Derives the JSON Schema (draft 2020-12) of an event payload from its record, so the schema can
 * never drift from the code that writes the events.
 */
public final class SchemaGenerator {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SchemaGenerator() {}

  public static ObjectNode schemaOf(Class<?> payload, String id) {
    ObjectNode schema = JSON.objectNode();
    schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.put("$id", id);
    if (!payload.isRecord()) {
      throw new IllegalArgumentException(payload + " is not a record");
    }
    schema.put("title", payload.getSimpleName());
    schema.setAll(objectSchema(payload));
    return schema;
  }

  private static ObjectNode objectSchema(Class<?> record) {
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "object");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = JSON.arrayNode();
    for (RecordComponent component : record.getRecordComponents()) {
      boolean nullable = component.isAnnotationPresent(Nullable.class);
      properties.set(component.getName(), valueSchema(component.getGenericType(), nullable));
      if (!nullable) {
        required.add(component.getName());
      }
    }
    schema.set("required", required);
    return schema;
  }

  private static ObjectNode valueSchema(Type type, boolean nullable) {
    ObjectNode schema = JSON.objectNode();
    Class<?> raw = rawClass(type);
    String jsonType;
    if (raw == String.class) {
      jsonType = "string";
    } else if (raw == UUID.class) {
      jsonType = "string";
      schema.put("format", "uuid");
    } else if (raw == Instant.class) {
      jsonType = "string";
      schema.put("format", "date-time");
    } else if (raw == LocalDate.class) {
      jsonType = "string";
      schema.put("format", "date");
    } else if (raw == boolean.class || raw == Boolean.class) {
      jsonType = "boolean";
    } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
      jsonType = "integer";
    } else if (raw == double.class || raw == Double.class || raw == float.class) {
      jsonType = "number";
    } else if (raw.isEnum()) {
      jsonType = "string";
      ArrayNode values = schema.putArray("enum");
      for (Object constant : raw.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
    } else if (Collection.class.isAssignableFrom(raw)) {
      jsonType = "array";
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      schema.set("items", valueSchema(element, false));
    } else if (raw.isRecord()) {
      jsonType = "object";
      schema.setAll(objectSchema(raw));
    } else {
      throw new IllegalArgumentException("no JSON Schema mapping for " + type);
    }
    JsonNode typeNode =
        nullable ? JSON.arrayNode().add(jsonType).add("null") : JSON.textNode(jsonType);
    ObjectNode ordered = JSON.objectNode();
    ordered.set("type", typeNode);
    schema.remove("type");
    ordered.setAll(schema);
    return ordered;
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("no JSON Schema mapping for " + type);
  }
}
