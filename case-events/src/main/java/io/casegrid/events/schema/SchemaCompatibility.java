package io.casegrid.events.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the changes from a published schema to a new one that would break a reader. Events are read
 * by consumers built against the old schema, and old events are replayed through new code when a
 * projection is rebuilt, so both directions count:
 *
 * <ul>
 *   <li>a property may not disappear, change its type, start allowing null, or stop being required;
 *   <li>a new property must be optional (old events do not have it);
 *   <li>an enumeration may gain values but never lose one.
 * </ul>
 */
public final class SchemaCompatibility {

  private SchemaCompatibility() {}

  /** The breaking changes, each as a readable sentence; empty when the new schema is compatible. */
  public static List<String> breakingChanges(JsonNode published, JsonNode current) {
    List<String> problems = new ArrayList<>();
    compare("", published, current, problems);
    return problems;
  }

  private static void compare(String path, JsonNode old, JsonNode now, List<String> problems) {
    Set<String> oldTypes = types(old);
    Set<String> newTypes = types(now);
    if (!oldTypes.equals(newTypes)) {
      problems.add(where(path) + " changed type from " + oldTypes + " to " + newTypes);
      return;
    }
    if (!text(old, "format").equals(text(now, "format"))) {
      problems.add(where(path) + " changed format to '" + text(now, "format") + "'");
    }
    if (old.has("enum")) {
      Set<String> newValues = values(now.path("enum"));
      for (String value : values(old.path("enum"))) {
        if (!newValues.contains(value)) {
          problems.add(where(path) + " lost the enumeration value " + value);
        }
      }
    }
    if (old.has("items")) {
      compare(path + "[]", old.get("items"), now.path("items"), problems);
    }
    if (oldTypes.contains("object")) {
      compareObjects(path, old, now, problems);
    }
  }

  private static void compareObjects(
      String path, JsonNode old, JsonNode now, List<String> problems) {
    Set<String> oldRequired = values(old.path("required"));
    Set<String> newRequired = values(now.path("required"));
    JsonNode newProperties = now.path("properties");
    for (Iterator<Map.Entry<String, JsonNode>> it = old.path("properties").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> property = it.next();
      String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
      if (!newProperties.has(property.getKey())) {
        problems.add(where(child) + " was removed");
        continue;
      }
      if (oldRequired.contains(property.getKey()) && !newRequired.contains(property.getKey())) {
        problems.add(where(child) + " is no longer required");
      }
      compare(child, property.getValue(), newProperties.get(property.getKey()), problems);
    }
    for (String required : newRequired) {
      if (!old.path("properties").has(required)) {
        String child = path.isEmpty() ? required : path + "." + required;
        problems.add(where(child) + " is new and required: old events do not have it");
      }
    }
  }

  private static Set<String> types(JsonNode schema) {
    JsonNode type = schema.path("type");
    return type.isArray() ? values(type) : Set.of(type.asText());
  }

  private static Set<String> values(JsonNode array) {
    Set<String> values = new HashSet<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText("");
  }

  private static String where(String path) {
    return path.isEmpty() ? "the payload" : "'" + path + "'";
  }
}
