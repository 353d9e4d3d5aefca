package io.casegrid.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker of the tests is secured as the local stack's: it refuses a client that does not log
 * in, and lets each service write only its own topic and read only those it consumes.
 */
class SecuredKafkaTest {

  private static KafkaCluster kafka;

  @BeforeAll
  static void brokerWithTheTopics() {
    kafka = TestInfrastructure.shared().kafka();
    kafka.createTopics(Topics.ALL, 6);
  }

  @Test
  void refusesAClientThatDoesNotAuthenticate() {
    Properties anonymous = new Properties();
    anonymous.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    anonymous.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    anonymous.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
    try (Admin admin = Admin.create(anonymous)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
          .as("a client speaking no SASL gets no answer at all")
          .isInstanceOf(ExecutionException.class);
    }
    try (KafkaProducer<String, String> producer = producer(anonymous)) {
      assertThatThrownBy(() -> send(producer, Topics.DISPATCH_CASES))
          .as("nor may it write")
          .isInstanceOf(Exception.class);
    }
  }

  @Test
  void refusesAClientWithAWrongPassword() {
    KafkaLogin impostor = new KafkaLogin(kafka.bootstrapServers(), "dispatch", "not-the-password");
    try (KafkaProducer<String, String> producer = producer(impostor.clientProperties())) {
      assertThatThrownBy(() -> send(producer, Topics.DISPATCH_CASES))
          .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void refusesAServiceWritingToAnotherServicesTopic() throws Exception {
    try (KafkaProducer<String, String> intake =
        producer(kafka.login("intake").clientProperties())) {
      send(intake, Topics.INTAKE_CASES);
      send(intake, Topics.INTAKE_CAMPAIGNS);
      assertThatThrownBy(() -> send(intake, Topics.DISPATCH_CASES))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
      assertThatThrownBy(() -> send(intake, Topics.SENSOR_ALARMS))
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
  }

  @Test
  void letsASensorGatewayWriteOnlyTheAlarmTopic() throws Exception {
    try (KafkaProducer<String, String> gateway =
        producer(kafka.login(KafkaAccess.SENSOR_GATEWAY).clientProperties())) {
      send(gateway, Topics.SENSOR_ALARMS);
      for (String topic :
          List.of(Topics.INTAKE_CASES, Topics.DISPATCH_CASES, Topics.SUPERVISION_CASES)) {
        assertThatThrownBy(() -> send(gateway, topic))
            .as(topic)
            .hasCauseInstanceOf(TopicAuthorizationException.class);
      }
    }
  }

  @Test
  void letsAServiceReadOnlyWhatItConsumesInItsOwnGroup() {
    try (KafkaConsumer<String, String> dispatch =
        consumer(kafka.login("dispatch"), "dispatch-service", Topics.INTAKE_CASES)) {
      assertThat(dispatch.poll(Duration.ofSeconds(5))).isNotNull();
    }
    try (KafkaConsumer<String, String> dispatch =
        consumer(kafka.login("dispatch"), "dispatch-service", Topics.SENSOR_ALARMS)) {
      assertThatThrownBy(() -> dispatch.poll(Duration.ofSeconds(5)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
    // Intake's campaigns are the dashboard's, supervision's: dispatch follows cases only.
    try (KafkaConsumer<String, String> supervision =
        consumer(kafka.login("supervision"), "supervision-service", Topics.INTAKE_CAMPAIGNS)) {
      assertThat(supervision.poll(Duration.ofSeconds(5))).isNotNull();
    }
    try (KafkaConsumer<String, String> dispatch =
        consumer(kafka.login("dispatch"), "dispatch-service", Topics.INTAKE_CAMPAIGNS)) {
      assertThatThrownBy(() -> dispatch.poll(Duration.ofSeconds(5)))
          .isInstanceOf(TopicAuthorizationException.class);
    }
    try (KafkaConsumer<String, String> intake =
        consumer(kafka.login("intake"), "dispatch-service", Topics.DISPATCH_CASES)) {
      assertThatThrownBy(() -> intake.poll(Duration.ofSeconds(5)))
          .as("intake may not join dispatch's group")
          .isInstanceOf(GroupAuthorizationException.class);
    }
  }

  private static KafkaProducer<String, String> producer(Properties login) {
    Properties props = new Properties();
    props.putAll(login);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return new KafkaProducer<>(props);
  }

  private static void send(KafkaProducer<String, String> producer, String topic) throws Exception {
    producer.send(new ProducerRecord<>(topic, "key", "{}")).get(10, TimeUnit.SECONDS);
  }

  private static KafkaConsumer<String, String> consumer(
      KafkaLogin login, String group, String topic) {
    Properties props = login.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(topic));
    return consumer;
  }
}
