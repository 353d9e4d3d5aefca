package io.casegrid.embedded;

import java.util.Map;
import java.util.Properties;

/**
 * How a client logs in to the brokers: as {@code username}, with SASL SCRAM-SHA-512. Every client
 * does, the services, the tests and the tools alike; the brokers refuse anyone else.
 */
public record KafkaLogin(String bootstrapServers, String username, String password) {

  public static final String MECHANISM = "SCRAM-SHA-512";
  public static final String PROTOCOL = "SASL_PLAINTEXT";

  /** The client settings of this login, to add to a producer's, consumer's or admin's own. */
  public Map<String, String> clientSettings() {
    return Map.of(
        "bootstrap.servers", bootstrapServers,
        "security.protocol", PROTOCOL,
        "sasl.mechanism", MECHANISM,
        "sasl.jaas.config", jaasConfig());
  }

  public Properties clientProperties() {
    Properties props = new Properties();
    props.putAll(clientSettings());
    return props;
  }

  /** The JAAS line a client's {@code sasl.jaas.config} holds. */
  public String jaasConfig() {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + username
        + "\" password=\""
        + password
        + "\";";
  }

  /** The same login against other brokers (one broker of a cluster, say). */
  public KafkaLogin at(String otherBootstrapServers) {
    return new KafkaLogin(otherBootstrapServers, username, password);
  }

  @Override
  public String toString() {
    return "KafkaLogin[" + username + "@" + bootstrapServers + "]";
  }
}
