package io.casegrid.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * A test's own view of a topic on the real broker: reads everything on it from the start (as its
 * own consumer group) and can put records on it, as another service would. It logs in as whoever
 * {@code login} names: the administrator may read and write every topic.
 */
public final class TopicProbe implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final KafkaProducer<String, String> producer;
  private final List<ConsumerRecord<String, String>> seen = new CopyOnWriteArrayList<>();

  public TopicProbe(KafkaLogin login, String topic) {
    Properties c = login.clientProperties();
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumer = new KafkaConsumer<>(c);
    consumer.subscribe(List.of(topic));
    Properties p = login.clientProperties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producer = new KafkaProducer<>(p);
  }

  /** Polls once and returns every record seen so far; call it from an Awaitility condition. */
  public List<ConsumerRecord<String, String>> records() {
    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    return new ArrayList<>(seen);
  }

  public List<ConsumerRecord<String, String>> records(Predicate<ConsumerRecord<String, String>> p) {
    return records().stream().filter(p).toList();
  }

  /** The first record of {@code key}, waiting for it up to {@code within}. */
  public ConsumerRecord<String, String> first(String key, Duration within) {
    return Awaitility.await()
        .atMost(within)
        .until(() -> records(r -> key.equals(r.key())), l -> !l.isEmpty())
        .get(0);
  }

  public void send(String topic, String key, String value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException("could not send to " + topic, e);
    }
  }

  @Override
  public void close() {
    consumer.close();
    producer.close();
  }
}
