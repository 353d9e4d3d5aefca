package io.casegrid.kubernetes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses each resource against its API's schema and fails on unknown fields and wrong types: core
 * Kubernetes through fabric8's model, Strimzi's resources through Strimzi's own {@code api} model,
 * and CloudNativePG's and the Keycloak operator's resources, for which no model library exists,
 * against their documented APIs as {@link DocumentedApi} writes them down.
 *
 * <p>The model classes keep unknown fields in an "additional properties" map and coerce "3" into 3,
 * as the Kubernetes API server does not: the mapper here refuses both.
 */
final class ApiSchemas {

  private static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
          Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

  static final ObjectMapper STRICT = strictMapper();

  private static final DocumentedApi DOCUMENTED = DocumentedApi.load();

  private ApiSchemas() {}

  /** What is wrong with the resource, one line each; empty when it matches its schema. */
  static List<String> problems(ObjectNode resource) {
    String type = resource.path("apiVersion").asText() + "/" + resource.path("kind").asText();
    String name = type + " " + resource.path("metadata").path("name").asText();
    List<String> problems = new ArrayList<>();
    Class<?> model = MODELS.get(type);
    if (model != null) {
      try {
        STRICT.treeToValue(resource, model);
      } catch (Exception wrong) {
        problems.add(name + ": " + wrong.getMessage().lines().findFirst().orElse(""));
      }
    } else if (DOCUMENTED.knows(type)) {
      DOCUMENTED.check(type, resource).forEach(problem -> problems.add(name + ": " + problem));
    } else {
      problems.add(name + ": no schema known for " + type);
    }
    return problems;
  }

  /** Reads {@code node} as {@code model}, strictly; throws when it does not match. */
  static <T> T read(JsonNode node, Class<T> model) throws Exception {
    return STRICT.treeToValue(node, model);
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .annotationIntrospector(new NoCatchAll())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(
                new SimpleModule().addDeserializer(Quantity.class, new IntOrStringQuantity()))
            .build();
    for (LogicalType textual : List.of(LogicalType.Textual, LogicalType.Enum)) {
      mapper
          .coercionConfigFor(textual)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
    return mapper;
  }

  /** A quantity is a string or a number ("500m", 1), as Kubernetes reads it. */
  private static final class IntOrStringQuantity extends StdDeserializer<Quantity> {
    IntOrStringQuantity() {
      super(Quantity.class);
    }

    @Override
    public Quantity deserialize(JsonParser parser, DeserializationContext context)
        throws java.io.IOException {
      if (parser.currentToken().isNumeric() || parser.currentToken() == JsonToken.VALUE_STRING) {
        return new Quantity(parser.getText());
      }
      return (Quantity) context.handleUnexpectedToken(Quantity.class, parser);
    }
  }

  /** The models' catch-alls (any-setters, ignoreUnknown) switched off. */
  private static final class NoCatchAll extends JacksonAnnotationIntrospector {
    @Override
    public Boolean hasAnySetter(Annotated annotated) {
      return Boolean.FALSE;
    }

    @Override
    public JsonIgnoreProperties.Value findPropertyIgnoralByName(
        MapperConfig<?> config, Annotated annotated) {
      JsonIgnoreProperties.Value declared = super.findPropertyIgnoralByName(config, annotated);
      return declared.withoutIgnoreUnknown();
    }
  }
}
