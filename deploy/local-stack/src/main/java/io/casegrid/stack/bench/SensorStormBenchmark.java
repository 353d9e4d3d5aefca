package io.casegrid.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.KafkaAccess;
import io.casegrid.events.Topics;
import io.casegrid.stack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A storm of smart-cover alarms on Kafka, on a system of its own ({@link ThrowawaySystem}): {@code
 * --covers} new sewage covers each report their lid open {@code --alarms} times, all sent at an
 * even pace over {@code --seconds} (as the gateways would during a flood), keyed by cover. Prints
 * the rate they went out, when intake had stored the last of them, and the cases opened. Every
 * alarm must be stored once and each cover must have exactly one case (the demo rules open a case
 * for a lid open past 10 s); otherwise the command ends with status 1.
 *
 * <p>The default storm goes out in 30 s, twice the pace of the target (50,000 alarms stored in 60
 * s): sent over 60 s, the last alarm could not be stored less than 60 s after the first was sent,
 * however fast intake took them.
 *
 * <p>Run it with {@code ./mvnw -Pbench -Dbench.main=SensorStormBenchmark}, options in {@code
 * -Dbench.args}, defaults shown: {@code --covers 2000 --alarms 25 --seconds 30}.
 */
public final class SensorStormBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  record Options(int covers, int alarms, int seconds) {
    static Options parse(String... args) {
      int covers = 2000;
      int alarms = 25;
      int seconds = 30;
      for (int i = 0; i + 1 < args.length; i += 2) {
        int value = Integer.parseInt(args[i + 1]);
        switch (args[i]) {
          case "--covers" -> covers = value;
          case "--alarms" -> alarms = value;
          case "--seconds" -> seconds = value;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Options(covers, alarms, seconds);
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    LocalStack system = ThrowawaySystem.start("sensor storm");
    List<String> covers = registerCovers(system, options.covers());
    int total = options.covers() * options.alarms();
    boolean clean;
    try (Connection intake = system.postgres().connect("intake")) {
      Instant started = Instant.now();
      Duration sending = send(system, covers, options);
      System.out.printf(
          "%nsent %,d alarms for %,d covers in %.1f s: %,.0f alarms/s%n",
          total, covers.size(), sending.toMillis() / 1e3, total / (sending.toMillis() / 1e3));
      Instant giveUp = Instant.now().plus(Duration.ofMinutes(5));
      long stored;
      do {
        stored =
            count(intake, "SELECT count(*) FROM sensor_alarm WHERE asset_code = ANY (?)", covers);
        if (stored < total) {
          TimeUnit.MILLISECONDS.sleep(200);
        }
      } while (stored < total && Instant.now().isBefore(giveUp));
      Duration storing = Duration.between(started, Instant.now());
      long cases =
          count(intake, "SELECT count(*) FROM case_record WHERE asset_code = ANY (?)", covers);
      long coversWithACase =
          count(
              intake,
              "SELECT count(DISTINCT asset_code) FROM case_record WHERE asset_code = ANY (?)",
              covers);
      System.out.printf(
          "stored %,d of %,d alarms, the last %.1f s after the first was sent (%.1f s after the"
              + " last)%n"
              + "cases opened: %,d for %,d covers (one per cover expected)%n",
          stored,
          total,
          storing.toMillis() / 1e3,
          (storing.toMillis() - sending.toMillis()) / 1e3,
          cases,
          coversWithACase);
      clean = stored == total && cases == covers.size() && coversWithACase == covers.size();
    }
    System.exit(clean ? 0 : 1);
  }

  /** New sewage covers owned by DRAINAGE in the demo city's Hubin grid, a thousand a request. */
  private static List<String> registerCovers(LocalStack system, int count) throws Exception {
    String token = system.tokens().forUser("admin1");
    HttpClient http = HttpClient.newHttpClient();
    List<String> codes = new ArrayList<>();
    String prefix = "33990101" + String.format("%02d", (int) (Math.random() * 100));
    for (int from = 0; from < count; from += 1000) {
      List<Map<String, Object>> assets = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + 1000); i++) {
        String code = prefix + String.format("%06d", i);
        codes.add(code);
        Map<String, Object> asset = new LinkedHashMap<>();
        asset.put("code", code);
        asset.put("categoryCode", "0102");
        asset.put("latitude", 30.214 + (i % 100) * 0.00002);
        asset.put("longitude", 120.086 + (i / 100 % 100) * 0.00002);
        asset.put("ownerDepartmentCode", "DRAINAGE");
        assets.add(asset);
      }
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(system.url("intake") + DemoCity.ADMIN_PATH))
                  .header("Authorization", "Bearer " + token)
                  .header("Content-Type", "application/json")
                  .PUT(
                      HttpRequest.BodyPublishers.ofString(
                          JSON.writeValueAsString(Map.of("assets", assets))))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("intake refused the covers: " + answer.body());
      }
    }
    System.out.printf("registered %,d covers%n", codes.size());
    return codes;
  }

  /**
   * Sends the alarms on an even schedule; returns how long sending took, acknowledgements included.
   */
  private static Duration send(LocalStack system, List<String> covers, Options options)
      throws Exception {
    // A gateway logs in as one, and may write the alarm topic only.
    Properties config = system.kafka().login(KafkaAccess.SENSOR_GATEWAY).clientProperties();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    int total = covers.size() * options.alarms();
    long intervalNanos = TimeUnit.SECONDS.toNanos(options.seconds()) / total;
    AtomicLong failed = new AtomicLong();
    AtomicReference<Exception> firstFailure = new AtomicReference<>();
    long start = System.nanoTime();
    try (KafkaProducer<String, String> gateway =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      for (int n = 0; n < total; n++) {
        long planned = start + n * intervalNanos;
        long wait = planned - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        String cover = covers.get(n % covers.size());
        Map<String, Object> alarm = new LinkedHashMap<>();
        alarm.put("alarmId", "storm:" + UUID.randomUUID());
        alarm.put("assetCode", cover);
        alarm.put("kind", "OPEN");
        alarm.put("state", "RAISED");
        alarm.put("value", 1);
        alarm.put("observedAt", Instant.now().toString());
        gateway.send(
            new ProducerRecord<>(Topics.SENSOR_ALARMS, cover, JSON.writeValueAsString(alarm)),
            (metadata, e) -> {
              if (e != null && failed.getAndIncrement() == 0) {
                firstFailure.set(e);
              }
            });
      }
      gateway.flush();
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " alarms not sent", firstFailure.get());
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static long count(Connection db, String query, List<String> covers) throws SQLException {
    try (PreparedStatement sql = db.prepareStatement(query)) {
      sql.setArray(1, db.createArrayOf("text", covers.toArray()));
      try (ResultSet r = sql.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private SensorStormBenchmark() {}
}
