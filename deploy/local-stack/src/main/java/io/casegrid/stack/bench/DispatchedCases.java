package io.casegrid.stack.bench;

import io.casegrid.embedded.KafkaLogin;
import io.casegrid.events.EventCodec;
import io.casegrid.events.EventType;
import io.casegrid.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * When each case reached its department's queue: the moment its CaseDispatched arrives on
 * dispatch's topic, seen by one consumer of its own, so the benchmark never polls the services for
 * state.
 */
public final class DispatchedCases implements AutoCloseable {

  /** How long a case may take from its report to a queue before it counts as late. */
  static final long ARRIVAL_LIMIT = TimeUnit.SECONDS.toNanos(30);

  private static final String DISPATCHED = EventType.CASE_DISPATCHED.type();

  private final EventCodec codec = new EventCodec();
  private final Map<String, CompletableFuture<Long>> arrivals = new ConcurrentHashMap<>();
  private final CountDownLatch assigned = new CountDownLatch(1);
  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private volatile boolean open = true;

  private DispatchedCases(KafkaLogin login) {
    Properties props = login.clientProperties();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    // Bytes: only a case's first event on the topic is read as text, its later ones are passed by.
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(props);
    thread = new Thread(this::run, "dispatched-cases");
  }

  /** Starts listening and returns once every partition is assigned and positioned. */
  public static DispatchedCases listen(KafkaLogin login) throws InterruptedException {
    DispatchedCases listener = new DispatchedCases(login);
    listener.thread.start();
    if (!listener.assigned.await(60, TimeUnit.SECONDS)) {
      listener.close();
      throw new IllegalStateException("no partitions of " + Topics.DISPATCH_CASES + " in 60 s");
    }
    return listener;
  }

  /** How many report → queue durations passed {@link #ARRIVAL_LIMIT}, or never ended. */
  static int late(long[] toQueue) {
    return (int) Arrays.stream(toQueue).filter(n -> n > ARRIVAL_LIMIT).count();
  }

  /** Completes with the {@link System#nanoTime()} at which the case's CaseDispatched arrived. */
  public CompletableFuture<Long> arrival(String caseId) {
    return arrivals.computeIfAbsent(caseId, id -> new CompletableFuture<>());
  }

  private void run() {
    consumer.subscribe(
        List.of(Topics.DISPATCH_CASES),
        new ConsumerRebalanceListener() {
          @Override
          public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Resolving "latest" now, not lazily at the next fetch, means no record sent after
            // listen() returns can fall before the starting offset.
            partitions.forEach(consumer::position);
            assigned.countDown();
          }

          @Override
          public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
        });
    try {
      while (open) {
        var records = consumer.poll(Duration.ofMillis(100));
        long at = System.nanoTime();
        for (ConsumerRecord<String, byte[]> r : records) {
          // The case's later events (signed, resolved, closed) need no reading: it has arrived.
          CompletableFuture<Long> known = arrivals.get(r.key());
          if ((known == null || !known.isDone())
              && DISPATCHED.equals(
                  codec.read(new String(r.value(), StandardCharsets.UTF_8)).type())) {
            arrival(r.key()).complete(at);
          }
        }
      }
    } finally {
      consumer.close();
    }
  }

  @Override
  public void close() {
    open = false;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
