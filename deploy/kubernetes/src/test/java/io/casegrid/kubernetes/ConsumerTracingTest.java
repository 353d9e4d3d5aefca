package io.casegrid.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.providers.impl.ConnectorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No service has the Kafka connector trace each record it reads: the kit's inbox continues every
 * event's trace from the record's {@code traceparent} header itself, so the connector's span per
 * record only repeated it (a seventh of a consumer's CPU in the timer storm). Each service's
 * configuration is read as it deploys (its application.properties over the kit's defaults, in the
 * profile), and each of its channels as the connector reads it.
 */
class ConsumerTracingTest {

  private static final String INCOMING = "mp.messaging.incoming.";
  private static final Pattern CONNECTOR =
      Pattern.compile(Pattern.quote(INCOMING) + "([^.]+)\\.connector");

  @ParameterizedTest(name = "{0}, profile {1}")
  @CsvSource({
    "intake, prod",
    "intake, test",
    "dispatch, prod",
    "dispatch, test",
    "supervision, prod",
    "supervision, test"
  })
  void theConnectorTracesNoRecordOfAnyConsumer(String service, String profile) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withProfile(profile)
            .withSources(
                properties(service + "-service/src/main/resources/application.properties", 250),
                properties(
                    "service-kit/src/main/resources/META-INF/microprofile-config.properties", 100))
            .build();
    List<String> channels =
        StreamSupport.stream(config.getPropertyNames().spliterator(), false)
            .map(CONNECTOR::matcher)
            .filter(Matcher::matches)
            .filter(key -> "smallrye-kafka".equals(config.getRawValue(key.group())))
            .map(key -> key.group(1))
            .sorted()
            .toList();

    assertThat(channels).as("the Kafka channels of " + service).isNotEmpty();
    assertThat(channels)
        .allSatisfy(
            channel ->
                assertThat(
                        new KafkaConnectorIncomingConfiguration(
                                new ConnectorConfig(INCOMING, config, "smallrye-kafka", channel) {})
                            .getTracingEnabled())
                    .as("tracing-enabled of " + service + "'s channel " + channel)
                    .isFalse());
  }

  private static PropertiesConfigSource properties(String path, int ordinal) {
    try {
      return new PropertiesConfigSource(Repository.ROOT.resolve(path).toUri().toURL(), ordinal);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
