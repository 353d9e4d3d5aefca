package io.casegrid.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.embedded.KafkaAccess;
import io.casegrid.events.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclBinding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each overlay renders to resources that an operator could apply as they are. */
class RenderedManifestsTest {

  static final List<String> OVERLAYS = Kustomize.OVERLAYS;
  static final List<String> SERVICES = List.of("intake", "dispatch", "supervision");

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyResourceMatchesTheSchemaOfItsApi(String overlay) {
    List<String> problems = new ArrayList<>();
    Kustomize.render(overlay).forEach(resource -> problems.addAll(ApiSchemas.problems(resource)));
    assertThat(problems).isEmpty();
    assertThat(Kustomize.render(overlay))
        .extracting(r -> r.path("kind").asText())
        .contains(
            "Kafka",
            "KafkaNodePool",
            "KafkaTopic",
            "KafkaUser",
            "Cluster",
            "ScheduledBackup",
            "ObjectStore",
            "Keycloak",
            "KeycloakRealmImport",
            "Deployment",
            "HorizontalPodAutoscaler",
            "PodDisruptionBudget",
            "NetworkPolicy");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everySecretConfigMapAndServiceNamedExists(String overlay) {
    References references = new References(Kustomize.render(overlay));
    assertThat(references.all()).hasSizeGreaterThan(20);
    assertThat(references.dangling()).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theServicesAreConfiguredWithKeysTheyHave(String overlay) {
    for (String service : SERVICES) {
      ServiceConfiguration configuration = new ServiceConfiguration(service);
      JsonNode container = container(overlay, service);
      Set<String> unknown = new TreeSet<>();
      container
          .path("env")
          .forEach(
              env -> {
                if (!configuration.has(env.path("name").asText())) {
                  unknown.add(env.path("name").asText());
                }
              });
      for (JsonNode from : container.path("envFrom")) {
        String configMap = from.path("configMapRef").path("name").asText();
        Kustomize.named(overlay, "ConfigMap", configMap)
            .path("data")
            .fieldNames()
            .forEachRemaining(
                name -> {
                  if (!configuration.has(name)) {
                    unknown.add(name + " (ConfigMap " + configMap + ")");
                  }
                });
      }
      assertThat(unknown).as(service).isEmpty();
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void eachServiceReachesOnlyItsOwnDatabaseKafkaAndTheIdentityProvider(String overlay) {
    for (String service : SERVICES) {
      ObjectNode policy = Kustomize.named(overlay, "NetworkPolicy", service + "-service");
      assertThat(policy.path("spec").path("policyTypes").toString()).contains("Ingress", "Egress");
      List<String> peers = new ArrayList<>();
      policy
          .path("spec")
          .path("egress")
          .forEach(
              rule ->
                  rule.path("to")
                      .forEach(
                          peer ->
                              peers.add(
                                  peer.path("podSelector").path("matchLabels").toString()
                                      + peer.path("namespaceSelector").path("matchLabels"))));
      assertThat(peers)
          .containsExactlyInAnyOrder(
              "{\"cnpg.io/cluster\":\"" + service + "-db\"}",
              "{\"strimzi.io/broker-role\":\"true\",\"strimzi.io/cluster\":\"casegrid\"}",
              "{\"app\":\"keycloak\",\"app.kubernetes.io/instance\":\"casegrid-identity\"}",
              "{\"kubernetes.io/metadata.name\":\"monitoring\"}",
              "{\"k8s-app\":\"kube-dns\"}{\"kubernetes.io/metadata.name\":\"kube-system\"}");
      assertThat(env(overlay, service, "QUARKUS_DATASOURCE_JDBC_URL"))
          .startsWith("jdbc:postgresql://" + service + "-db-rw:5432/" + service + "?");
    }
    ObjectNode denyAll = Kustomize.named(overlay, "NetworkPolicy", "casegrid-services-deny-all");
    assertThat(denyAll.path("spec").path("ingress").isMissingNode()).isTrue();
    assertThat(denyAll.path("spec").path("egress").isMissingNode()).isTrue();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void eachServiceWritesOnlyItsTopicAndReadsOnlyWhatItConsumesInItsGroup(String overlay) {
    for (String service : SERVICES) {
      Properties properties = applicationProperties(service);
      Set<String> expected = new HashSet<>();
      // The topics whose events carry the service's source: its cases', and intake's campaigns.
      for (String topic : Topics.ALL) {
        if (Topics.publisher(topic).filter(("/casegrid/" + service)::equals).isPresent()) {
          expected.add("topic " + topic + " Write,Describe");
        }
      }
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
          expected.add("topic " + properties.getProperty(key) + " Read,Describe");
        }
        if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
          expected.add("group " + properties.getProperty(key) + " Read");
        }
      }
      assertThat(acls(overlay, service + "-service")).as(service).isEqualTo(expected);
      assertThat(env(overlay, service, "KAFKA_SASL_JAAS_CONFIG"))
          .isEqualTo("secret " + service + "-service sasl.jaas.config");
    }
    assertThat(acls(overlay, "sensor-gateway"))
        .containsExactly("topic " + Topics.SENSOR_ALARMS + " Write,Describe");
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theKafkaUsersAllowExactlyWhatTheLocalStackAndTheTestsAllow(String overlay) {
    List<String> users = new ArrayList<>();
    for (KafkaAccess.Principal client : KafkaAccess.CLIENTS) {
      // Services log in as their own name locally, as their Deployment's name here.
      String user = SERVICES.contains(client.name()) ? client.name() + "-service" : client.name();
      users.add(user);
      assertThat(acls(overlay, user)).as(user).isEqualTo(enforcedLocally(client));
    }
    assertThat(Kustomize.of(overlay, "KafkaUser"))
        .extracting(u -> u.path("metadata").path("name").asText())
        .containsExactlyInAnyOrderElementsOf(users);
  }

  // KafkaAccess's ACLs as the KafkaUsers spell them: "topic casegrid.intake.cases Write,Describe".
  private static Set<String> enforcedLocally(KafkaAccess.Principal client) {
    Map<String, List<String>> operations = new LinkedHashMap<>();
    for (AclBinding acl : client.acls()) {
      String operation = acl.entry().operation().name().toLowerCase(Locale.ROOT);
      operations
          .computeIfAbsent(
              acl.pattern().resourceType().name().toLowerCase(Locale.ROOT)
                  + " "
                  + acl.pattern().name(),
              resource -> new ArrayList<>())
          .add(Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
    }
    Set<String> acls = new HashSet<>();
    operations.forEach((resource, ops) -> acls.add(resource + " " + String.join(",", ops)));
    return acls;
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void theTopicsAreTheContractsAndNoConsumerScalesBeyondTheirPartitions(String overlay) {
    List<ObjectNode> topics = Kustomize.of(overlay, "KafkaTopic");
    assertThat(topics)
        .extracting(t -> t.path("metadata").path("name").asText())
        .containsExactlyInAnyOrderElementsOf(Topics.ALL);
    for (ObjectNode topic : topics) {
      assertThat(topic.path("spec").path("replicas").asInt()).isEqualTo(3);
      assertThat(topic.path("spec").path("config").path("min.insync.replicas").asInt())
          .isEqualTo(2);
    }
    for (String service : SERVICES) {
      int maxReplicas =
          Kustomize.named(overlay, "HorizontalPodAutoscaler", service + "-service")
              .path("spec")
              .path("maxReplicas")
              .asInt();
      Properties properties = applicationProperties(service);
      for (String key : properties.stringPropertyNames()) {
        if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
          int partitions =
              Kustomize.named(overlay, "KafkaTopic", properties.getProperty(key))
                  .path("spec")
                  .path("partitions")
                  .asInt();
          assertThat(maxReplicas)
              .as(service + " on " + properties.getProperty(key))
              .isLessThanOrEqualTo(partitions);
        }
      }
    }
    ObjectNode brokers = Kustomize.named(overlay, "KafkaNodePool", "brokers");
    assertThat(brokers.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(3);
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyServiceRunsAsNonRootOnAReadOnlyRootWithOnlyTmpWritable(String overlay) {
    for (String service : SERVICES) {
      ObjectNode deployment = Kustomize.named(overlay, "Deployment", service + "-service");
      JsonNode pod = deployment.path("spec").path("template").path("spec");
      JsonNode container = container(overlay, service);
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(container.path("securityContext").path("readOnlyRootFilesystem").asBoolean())
          .isTrue();
      assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean())
          .isFalse();
      Set<String> writable = new HashSet<>();
      container
          .path("volumeMounts")
          .forEach(
              mount -> {
                if (!mount.path("readOnly").asBoolean()) {
                  writable.add(mount.path("mountPath").asText());
                }
              });
      assertThat(writable).containsExactly("/tmp");
      assertThat(pod.path("volumes").findValues("emptyDir")).hasSize(1);
    }
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyServiceIsProbedScaledAndKeptAvailable(String overlay) {
    for (String service : SERVICES) {
      JsonNode container = container(overlay, service);
      assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
          .isEqualTo("/q/health/started");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/q/health/ready");
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/q/health/live");
      assertThat(container.path("resources").path("requests").has("cpu")).isTrue();
      assertThat(container.path("resources").path("limits").has("memory")).isTrue();
      ObjectNode budget = Kustomize.named(overlay, "PodDisruptionBudget", service + "-service");
      assertThat(budget.path("spec").path("minAvailable").asInt()).isPositive();
      int minReplicas =
          Kustomize.named(overlay, "HorizontalPodAutoscaler", service + "-service")
              .path("spec")
              .path("minReplicas")
              .asInt();
      assertThat(minReplicas).isGreaterThan(budget.path("spec").path("minAvailable").asInt());
    }
  }

  @org.junit.jupiter.api.Test
  void theOperationsPageTellsHowToCreateEverySecretOnlyTheCityCanMake() {
    String page = Repository.read("docs/OPERATIONS.md");
    References.CITY_SECRETS.forEach(
        (secret, keys) -> {
          assertThat(page)
              .as(secret)
              .containsAnyOf("secret generic " + secret + " ", "secret tls " + secret + " ");
          if (page.contains("secret generic " + secret + " ")) {
            keys.forEach(key -> assertThat(page).as(secret).contains(key));
          }
        });
  }

  static JsonNode container(String overlay, String service) {
    ObjectNode deployment = Kustomize.named(overlay, "Deployment", service + "-service");
    for (JsonNode container :
        deployment.path("spec").path("template").path("spec").path("containers")) {
      if (container.path("name").asText().equals(service + "-service")) {
        return container;
      }
    }
    throw new AssertionError("no container " + service + "-service");
  }

  /** An environment variable's value, or "secret NAME KEY" for one read from a Secret. */
  private static String env(String overlay, String service, String name) {
    for (JsonNode env : container(overlay, service).path("env")) {
      if (env.path("name").asText().equals(name)) {
        JsonNode secret = env.path("valueFrom").path("secretKeyRef");
        return secret.isMissingNode()
            ? env.path("value").asText()
            : "secret " + secret.path("name").asText() + " " + secret.path("key").asText();
      }
    }
    throw new AssertionError(service + " has no " + name);
  }

  private static Set<String> acls(String overlay, String user) {
    ObjectNode kafkaUser = Kustomize.named(overlay, "KafkaUser", user);
    return java.util.stream.StreamSupport.stream(
            kafkaUser.path("spec").path("authorization").path("acls").spliterator(), false)
        .map(
            acl ->
                acl.path("resource").path("type").asText()
                    + " "
                    + acl.path("resource").path("name").asText()
                    + " "
                    + java.util.stream.StreamSupport.stream(
                            acl.path("operations").spliterator(), false)
                        .map(JsonNode::asText)
                        .collect(Collectors.joining(",")))
        .collect(Collectors.toSet());
  }

  static Properties applicationProperties(String service) {
    Properties properties = new Properties();
    try {
      properties.load(
          new java.io.StringReader(
              Repository.read(service + "-service/src/main/resources/application.properties")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return properties;
  }
}
