package io.casegrid.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The APIs of operators that publish no model library (CloudNativePG with its Barman Cloud plugin,
 * the Keycloak operator), as far as casegrid's manifests use them, written down in {@code
 * src/test/resources/apis/} from each operator's API reference, with the version followed.
 *
 * <p>A field is described by a mapping (an object and its fields), a one-element list (a list of
 * such elements), or a type: {@code string}, {@code integer}, {@code boolean}, {@code object} (any
 * object: left to the operator), {@code map-of-strings}, {@code enum(a|b)}, {@code k8s:Type} (a
 * core Kubernetes type, checked by fabric8's model), or a reference — {@code secret-name}, {@code
 * service-host}, {@code postgres-cluster}, {@code object-store}, {@code keycloak} — a string naming
 * another resource, which {@link References} resolves.
 */
final class DocumentedApi {

  /** A reference found in a resource: a name of the given kind. */
  record Reference(String kind, String name, String where) {}

  private static final List<String> FILES =
      List.of("cloudnative-pg.yaml", "barman-cloud-plugin.yaml", "keycloak-operator.yaml");
  private static final Pattern ENUM = Pattern.compile("enum\\((.*)\\)");
  private static final Map<String, String> REFERENCES =
      Map.of(
          "secret-name", "Secret",
          "service-host", "Service",
          "postgres-cluster", "Cluster",
          "object-store", "ObjectStore",
          "keycloak", "Keycloak");

  private final Map<String, JsonNode> kinds;

  private DocumentedApi(Map<String, JsonNode> kinds) {
    this.kinds = kinds;
  }

  static DocumentedApi load() {
    Map<String, JsonNode> kinds = new HashMap<>();
    YAMLMapper yaml = new YAMLMapper();
    for (String file : FILES) {
      try (InputStream in = DocumentedApi.class.getResourceAsStream("/apis/" + file)) {
        JsonNode api = yaml.readTree(in);
        api.path("kinds").fields().forEachRemaining(e -> kinds.put(e.getKey(), e.getValue()));
      } catch (IOException e) {
        throw new UncheckedIOException(file, e);
      }
    }
    return new DocumentedApi(kinds);
  }

  boolean knows(String type) {
    return kinds.containsKey(type);
  }

  List<String> check(String type, ObjectNode resource) {
    List<String> problems = new ArrayList<>();
    walk(type, resource, problems, new ArrayList<>());
    return problems;
  }

  List<Reference> references(String type, ObjectNode resource) {
    List<Reference> references = new ArrayList<>();
    walk(type, resource, new ArrayList<>(), references);
    return references;
  }

  private void walk(
      String type, ObjectNode resource, List<String> problems, List<Reference> references) {
    for (Iterator<String> it = resource.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      switch (field) {
        case "apiVersion", "kind" -> {}
        case "metadata" ->
            check("k8s:ObjectMeta", resource.get(field), "metadata", problems, references);
        default -> {
          JsonNode described = kinds.get(type).get(field);
          if (described == null) {
            problems.add("unknown field " + field);
          } else {
            check(described, resource.get(field), field, problems, references);
          }
        }
      }
    }
  }

  private void check(
      Object described,
      JsonNode value,
      String path,
      List<String> problems,
      List<Reference> references) {
    if (described instanceof JsonNode node && node.isObject()) {
      if (!value.isObject()) {
        problems.add(path + ": an object expected, found " + value.getNodeType());
        return;
      }
      for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        // "*" describes the fields of a map whose keys are free.
        JsonNode fieldType = node.has("*") ? node.get("*") : node.get(field);
        if (fieldType == null) {
          problems.add("unknown field " + path + "." + field);
        } else {
          check(fieldType, value.get(field), path + "." + field, problems, references);
        }
      }
    } else if (described instanceof JsonNode node && node.isArray()) {
      if (!value.isArray()) {
        problems.add(path + ": a list expected, found " + value.getNodeType());
        return;
      }
      for (int i = 0; i < value.size(); i++) {
        check(node.get(0), value.get(i), path + "[" + i + "]", problems, references);
      }
    } else {
      String typeName = described instanceof JsonNode node ? node.asText() : (String) described;
      checkScalar(typeName, value, path, problems, references);
    }
  }

  private void checkScalar(
      String type, JsonNode value, String path, List<String> problems, List<Reference> references) {
    Matcher enumeration = ENUM.matcher(type);
    boolean fits =
        switch (type) {
          case "string" -> value.isTextual();
          case "integer" -> value.isIntegralNumber();
          case "boolean" -> value.isBoolean();
          case "object" -> value.isObject();
          case "map-of-strings" -> value.isObject() && allTextual(value);
          default -> {
            if (enumeration.matches()) {
              yield value.isTextual()
                  && List.of(enumeration.group(1).split("\\|")).contains(value.asText());
            }
            if (type.startsWith("k8s:")) {
              yield fitsCoreType(type.substring(4), value, path, problems);
            }
            String kind = REFERENCES.get(type);
            if (kind == null) {
              throw new IllegalStateException("unknown type " + type + " described at " + path);
            }
            if (value.isTextual()) {
              references.add(new Reference(kind, value.asText(), path));
            }
            yield value.isTextual();
          }
        };
    if (!fits) {
      problems.add(path + ": " + type + " expected, found " + value);
    }
  }

  private static boolean fitsCoreType(
      String type, JsonNode value, String path, List<String> problems) {
    try {
      ApiSchemas.read(value, Class.forName("io.fabric8.kubernetes.api.model." + type));
      return true;
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("no core type " + type, e);
    } catch (Exception wrong) {
      problems.add(path + ": " + wrong.getMessage().lines().findFirst().orElse(""));
      return true;
    }
  }

  private static boolean allTextual(JsonNode object) {
    for (JsonNode value : object) {
      if (!value.isTextual()) {
        return false;
      }
    }
    return true;
  }
}
