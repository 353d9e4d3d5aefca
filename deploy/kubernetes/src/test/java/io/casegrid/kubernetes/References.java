package io.casegrid.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.kubernetes.DocumentedApi.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the rendered resources refer to by name — Secrets and their keys, ConfigMaps, Services,
 * database clusters — and what exists to answer: the resources themselves, what the operators make
 * from them (as their documentation names it), and the Secrets a city creates by hand
 * (docs/OPERATIONS.md).
 */
final class References {

  /**
   * The Secrets a city creates itself before installing, with their keys; docs/OPERATIONS.md tells
   * how.
   */
  static final Map<String, Set<String>> CITY_SECRETS =
      Map.of(
          "casegrid-personal-data", Set.of("key"),
          "casegrid-console-sessions", Set.of("intake", "dispatch", "supervision"),
          "casegrid-backup-credentials", Set.of("ACCESS_KEY_ID", "ACCESS_SECRET_KEY"),
          "casegrid-tls", Set.of("tls.crt", "tls.key"));

  // A host in a URL or a host:port, without dots: a Service of the same namespace.
  private static final Pattern HOST =
      Pattern.compile("^(?:[a-z+]+:)*(?://)?([a-z0-9][a-z0-9-]*)(?::\\d+)?(?:[/?].*)?$");

  private final Map<String, Map<String, Set<String>>> existing = new HashMap<>();
  private final List<Reference> references = new ArrayList<>();
  private final Map<Reference, String> secretKeys = new HashMap<>();

  References(List<ObjectNode> resources) {
    CITY_SECRETS.forEach((name, keys) -> exists("Secret", name, keys));
    DocumentedApi api = DocumentedApi.load();
    for (ObjectNode resource : resources) {
      String kind = resource.path("kind").asText();
      String name = resource.path("metadata").path("name").asText();
      exists(kind, name, keysOf(resource));
      madeByOperators(kind, name, resource);
      String type = resource.path("apiVersion").asText() + "/" + kind;
      if (api.knows(type)) {
        references.addAll(api.references(type, resource));
      }
      collect(resource, kind + " " + name);
    }
  }

  /** Every reference that names nothing, and every Secret key that is not in its Secret. */
  List<String> dangling() {
    List<String> dangling = new ArrayList<>();
    for (Reference reference : references) {
      Map<String, Set<String>> ofKind = existing.getOrDefault(reference.kind(), Map.of());
      Set<String> keys = ofKind.get(reference.name());
      if (keys == null) {
        dangling.add(
            reference.where()
                + " names the "
                + reference.kind()
                + " "
                + reference.name()
                + ", which nothing makes");
      } else if (secretKeys.containsKey(reference) && !keys.contains(secretKeys.get(reference))) {
        dangling.add(
            reference.where()
                + " reads key "
                + secretKeys.get(reference)
                + " of "
                + reference.kind()
                + " "
                + reference.name()
                + ", which has only "
                + keys);
      }
    }
    return dangling;
  }

  List<Reference> all() {
    return references;
  }

  private void exists(String kind, String name, Set<String> keys) {
    existing.computeIfAbsent(kind, k -> new HashMap<>()).put(name, keys);
  }

  private static Set<String> keysOf(ObjectNode resource) {
    Set<String> keys = new HashSet<>();
    resource.path("data").fieldNames().forEachRemaining(keys::add);
    resource.path("stringData").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  // What Strimzi, CloudNativePG and the Keycloak operator create for a resource, as documented.
  private void madeByOperators(String kind, String name, ObjectNode resource) {
    switch (kind) {
      case "Kafka" -> {
        exists("Secret", name + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
        exists("Secret", name + "-clients-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
        exists("Service", name + "-kafka-bootstrap", Set.of());
        exists("Service", name + "-kafka-brokers", Set.of());
      }
      case "KafkaUser" -> {
        if (resource
            .path("spec")
            .path("authentication")
            .path("type")
            .asText()
            .equals("scram-sha-512")) {
          exists("Secret", name, Set.of("password", "sasl.jaas.config"));
        }
      }
      case "Cluster" -> {
        JsonNode initdb = resource.path("spec").path("bootstrap").path("initdb");
        if (initdb.isObject() && initdb.path("secret").isMissingNode()) {
          exists(
              "Secret",
              name + "-app",
              Set.of(
                  "username", "password", "dbname", "host", "port", "uri", "jdbc-uri", "pgpass"));
        }
        exists("Secret", name + "-ca", Set.of("ca.crt", "ca.key"));
        for (String service : List.of("-rw", "-ro", "-r")) {
          exists("Service", name + service, Set.of());
        }
      }
      case "Keycloak" -> {
        exists("Secret", name + "-initial-admin", Set.of("username", "password"));
        exists("Service", name + "-service", Set.of());
      }
      default -> {}
    }
  }

  // The references of core resources, by the fields Kubernetes names them with.
  private void collect(JsonNode node, String where) {
    if (node.isObject()) {
      if (node.has("secretKeyRef")) {
        secretKey(node.get("secretKeyRef"), where);
      }
      if (node.has("configMapKeyRef")) {
        references.add(
            new Reference("ConfigMap", node.get("configMapKeyRef").path("name").asText(), where));
      }
      if (node.has("configMapRef")) {
        references.add(
            new Reference("ConfigMap", node.get("configMapRef").path("name").asText(), where));
      }
      if (node.has("secretRef")) {
        references.add(new Reference("Secret", node.get("secretRef").path("name").asText(), where));
      }
      if (node.path("secret").has("secretName")) {
        JsonNode secret = node.get("secret");
        for (JsonNode item : secret.path("items")) {
          Reference reference =
              new Reference(
                  "Secret",
                  secret.get("secretName").asText(),
                  where + " volume " + node.path("name").asText() + " key " + item.path("key"));
          references.add(reference);
          secretKeys.put(reference, item.path("key").asText());
        }
        if (secret.path("items").isEmpty()) {
          references.add(new Reference("Secret", secret.get("secretName").asText(), where));
        }
      }
      if (node.path("configMap").has("name")) {
        references.add(
            new Reference("ConfigMap", node.get("configMap").get("name").asText(), where));
      }
      if (node.has("tls") && node.get("tls").isArray()) {
        node.get("tls")
            .forEach(
                tls ->
                    references.add(
                        new Reference("Secret", tls.path("secretName").asText(), where + " tls")));
      }
      if (node.path("service").has("name") && node.path("service").has("port")) {
        references.add(
            new Reference("Service", node.get("service").get("name").asText(), where + " backend"));
      }
      if (node.has("scaleTargetRef")) {
        references.add(
            new Reference(
                node.get("scaleTargetRef").path("kind").asText(),
                node.get("scaleTargetRef").path("name").asText(),
                where));
      }
      if (node.has("name") && node.path("value").isTextual()) {
        String value = node.get("value").asText();
        if (value.contains("://") || value.matches("[a-z0-9-]+:\\d+")) {
          Matcher host = HOST.matcher(value);
          if (host.matches()) {
            references.add(
                new Reference(
                    "Service", host.group(1), where + " env " + node.get("name").asText()));
          }
        }
      }
      node.fields().forEachRemaining(field -> collect(field.getValue(), where));
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, where));
    }
  }

  private void secretKey(JsonNode ref, String where) {
    Reference reference =
        new Reference("Secret", ref.path("name").asText(), where + " key " + ref.path("key"));
    references.add(reference);
    secretKeys.put(reference, ref.path("key").asText());
  }
}
