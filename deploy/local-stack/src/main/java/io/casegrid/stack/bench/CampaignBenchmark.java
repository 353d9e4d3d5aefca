package io.casegrid.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.embedded.DemoCity;
import io.casegrid.stack.LocalStack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A rectification campaign at a city's scale: the register grown to {@code --assets} covers (the
 * demo city's, each repeated a few metres apart, imported as a CSV file), a campaign over all its
 * cover classes launched over HTTP (the census timed from the request and inside intake), {@code
 * --inspected} of its items marked inspected in the database, and then the progress report, by
 * owner, district, street and grid, read {@code --reads} times each over HTTP, one at a time.
 *
 * <p>Run it with {@code ./mvnw -Pbench -Dbench.main=CampaignBenchmark -Dbench.args="--assets
 * 100000"}.
 */
public final class CampaignBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private CampaignBenchmark() {}

  public static void main(String[] args) throws Exception {
    int assets = option(args, "--assets", 100_000);
    double inspected = option(args, "--inspected-percent", 30) / 100.0;
    int reads = option(args, "--reads", 200);
    LocalStack system = ThrowawaySystem.start("campaign");
    String intake = system.url("intake");
    String admin = system.tokens().forUser("admin1");
    String supervisor = system.tokens().forUser("supervisor1");

    long importing = System.nanoTime();
    JsonNode started =
        send(intake + "/api/admin/asset-imports", "POST", admin, "text/csv", covers(assets), 202);
    String importUrl = intake + "/api/admin/asset-imports/" + started.get("id").asText();
    JsonNode done = started;
    while (!done.get("state").asText().equals("DONE")) {
      if (done.get("state").asText().equals("FAILED")) {
        throw new IllegalStateException("import failed: " + done);
      }
      Thread.sleep(1000);
      done = send(importUrl, "GET", admin, null, null, 200);
    }
    System.out.printf(
        "register: %d rows imported in %.1f s%n",
        done.get("rowsStored").asLong(), (System.nanoTime() - importing) / 1e9);

    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    List<String> classes = new ArrayList<>();
    for (int c = 1; c <= 14; c++) {
      classes.add(String.format("01%02d", c));
    }
    JsonNode campaign =
        send(
            intake + "/api/campaigns",
            "POST",
            supervisor,
            "application/json",
            JSON.writeValueAsBytes(
                Map.of(
                    "name", "全市窨井盖专项整治（压测）",
                    "scope", Map.of("categoryCodes", classes, "registerAsOf", today.toString()),
                    "period",
                        Map.of(
                            "startsOn", today.toString(),
                            "inspectBy", today.plusDays(30).toString(),
                            "rectifyBy", today.plusDays(90).toString(),
                            "rectificationWorkingDays", 10))),
            201);
    String id = campaign.get("id").asText();
    long launching = System.nanoTime();
    JsonNode launched =
        send(intake + "/api/campaigns/" + id + "/launch", "POST", supervisor, null, null, 200);
    System.out.printf(
        "launch: %d items in scope; the request took %d ms, the census inside intake %d ms%n",
        launched.get("itemsInScope").asInt(),
        (System.nanoTime() - launching) / 1_000_000,
        launched.get("launchMillis").asLong());

    int marked = inspect(system, UUID.fromString(id), inspected);
    System.out.printf(
        "inspected: %d items marked (%.0f %%), 5 %% of them defects%n", marked, inspected * 100);

    for (String groupBy : List.of("OWNER", "DISTRICT", "STREET", "GRID")) {
      String url = intake + "/api/campaigns/" + id + "/progress?groupBy=" + groupBy;
      for (int i = 0; i < 20; i++) {
        send(url, "GET", supervisor, null, null, 200); // warm-up
      }
      long[] took = new long[reads];
      JsonNode report = null;
      for (int i = 0; i < reads; i++) {
        long t = System.nanoTime();
        report = send(url, "GET", supervisor, null, null, 200);
        took[i] = System.nanoTime() - t;
      }
      System.out.printf(
          "progress by %-8s %4d groups, inspected %d of %d: %s%n",
          groupBy,
          report.get("groups").size(),
          report.at("/total/inspected").asLong(),
          report.at("/total/inScope").asLong(),
          Percentiles.of(took));
    }
    System.exit(0);
  }

  // The demo city's covers, each repeated a few metres apart under new codes, owners kept.
  private static byte[] covers(int count) {
    List<String[]> demo = new ArrayList<>();
    String[] lines =
        new String(DemoCity.files().get("assets.csv"), StandardCharsets.UTF_8).split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].split(",", -1);
      if (cells[1].startsWith("01")) {
        demo.add(cells);
      }
    }
    Random random = new Random(17);
    StringBuilder csv =
        new StringBuilder("code,categoryCode,latitude,longitude,ownerDepartmentCode\n");
    for (int i = 0; i < count; i++) {
      String[] base = demo.get(i % demo.size());
      csv.append(base[0], 0, 10)
          .append(String.format("%06d", 100_000 + i))
          .append(',')
          .append(base[1])
          .append(',')
          .append(Double.parseDouble(base[2]) + (random.nextDouble() - 0.5) * 0.0004)
          .append(',')
          .append(Double.parseDouble(base[3]) + (random.nextDouble() - 0.5) * 0.0004)
          .append(',')
          .append(base[4])
          .append('\n');
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int inspect(LocalStack system, UUID campaign, double share) throws Exception {
    try (Connection db = system.postgres().connect("intake");
        PreparedStatement update =
            db.prepareStatement(
                "UPDATE campaign_item SET inspected_at = now(), inspected_by = 'bench',"
                    + " condition = CASE WHEN random() < 0.05 THEN 'DEFECT' ELSE 'OK' END,"
                    + " photos = '{}' WHERE campaign_id = ? AND random() < ?")) {
      update.setObject(1, campaign);
      update.setDouble(2, share);
      int n = update.executeUpdate();
      try (var analyze = db.createStatement()) {
        analyze.execute("ANALYZE campaign_item");
      }
      return n;
    }
  }

  private static JsonNode send(
      String url, String method, String token, String type, byte[] body, int status)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json");
    if (type != null) {
      request.header("Content-Type", type);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private static int option(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }
}
