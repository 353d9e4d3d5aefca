package io.casegrid.kubernetes;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The configuration keys a service really has: those its application.properties and the kit's
 * defaults name (as keys, in values or in comments), the Kafka client's own settings (which Quarkus
 * passes from {@code kafka.*} to every channel), and a few Quarkus settings the services leave at
 * their defaults but a cluster sets. An environment variable is matched the way SmallRye Config
 * matches it: upper case, every other character an underscore.
 */
final class ServiceConfiguration {

  /**
   * Quarkus settings the manifests give that no properties file of ours names: the issuer the
   * tokens carry (OIDC, default and console tenants), secure cookies behind TLS, and where traces
   * go (OpenTelemetry).
   */
  static final List<String> QUARKUS_SETTINGS =
      List.of(
          "quarkus.oidc.token.issuer",
          "quarkus.oidc.console.token.issuer",
          "quarkus.oidc.console.authentication.cookie-force-secure",
          "quarkus.otel.exporter.otlp.endpoint");

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_\"-]+(?:\\.[A-Za-z0-9_\"*-]+)+");

  private final Set<String> environmentNames = new HashSet<>();

  ServiceConfiguration(String service) {
    String text =
        Repository.read(service + "-service/src/main/resources/application.properties")
            + Repository.read(
                "service-kit/src/main/resources/META-INF/microprofile-config.properties");
    Matcher keys = KEY.matcher(text);
    while (keys.find()) {
      environmentNames.add(environmentName(keys.group()));
    }
    Stream.concat(ProducerConfig.configNames().stream(), ConsumerConfig.configNames().stream())
        .forEach(setting -> environmentNames.add(environmentName("kafka." + setting)));
    QUARKUS_SETTINGS.forEach(setting -> environmentNames.add(environmentName(setting)));
  }

  boolean has(String environmentVariable) {
    return environmentNames.contains(environmentVariable);
  }

  static String environmentName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }
}
