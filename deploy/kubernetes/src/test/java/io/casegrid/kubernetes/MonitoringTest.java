package io.casegrid.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass promtool (Debian's prometheus package, installed by install-tools.sh when
 * missing) and its unit tests, and the rules and dashboards ask only for metrics that exist: those
 * the services register with Micrometer (found in their sources) and the few that Quarkus and the
 * operators export, named below.
 */
class MonitoringTest {

  private static final Path MONITORING = Repository.KUBERNETES.resolve("monitoring");

  /** Metrics that come from elsewhere than our code, and where from. */
  private static final Set<String> OTHER_METRICS =
      Set.of(
          // Micrometer's HTTP server binder in Quarkus, tagged method, uri (template), status.
          "http_server_requests_seconds_count",
          // Micrometer's Kafka client binder (quarkus.micrometer.binder.kafka.enabled).
          "kafka_consumer_fetch_manager_records_lag_max",
          // Prometheus itself, per scraped target.
          "up",
          // Strimzi's cluster operator: when each CA certificate expires.
          "strimzi_certificate_expiration_timestamp_ms",
          // cert-manager: when each Certificate expires.
          "certmanager_certificate_expiration_timestamp_seconds");

  // A Micrometer meter registered by name in our sources, and its kind.
  private static final Pattern METER =
      Pattern.compile(
          "(Counter|Timer|Gauge)\\.builder\\(\\s*\"(casegrid\\.[a-z.]+)\"|"
              + "counter\\(\\s*\\w+\\s*,\\s*\"(casegrid\\.[a-z.]+)\"");
  private static final Pattern METRIC =
      Pattern.compile("\\b([a-z_]+_[a-z_]+)\\s*(?=[{\\[(]|\\)|$|\\s)");
  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "by",
          "sum",
          "max",
          "min",
          "rate",
          "increase",
          "deriv",
          "and",
          "or",
          "time",
          "label_values",
          "humanizeDuration",
          "humanizePercentage");

  @BeforeAll
  static void installPromtool() {
    Tools.install();
  }

  @Test
  void theAlertRulesAreValidAndFireWhenTheyShould() throws Exception {
    Path rules = MONITORING.resolve("casegrid-alerts.yml");
    assertThat(run(List.of("promtool", "check", "rules", rules.toString())))
        .contains("SUCCESS: 8 rules found");
    assertThat(
            run(
                List.of(
                    "promtool",
                    "test",
                    "rules",
                    MONITORING.resolve("casegrid-alerts.test.yml").toString())))
        .contains("SUCCESS");
  }

  @Test
  void rulesAndDashboardsAskOnlyForMetricsThatExist() throws IOException {
    Set<String> exported = exportedMetrics();
    List<String> queries = new ArrayList<>();
    JsonNode rules = new YAMLMapper().readTree(MONITORING.resolve("casegrid-alerts.yml").toFile());
    rules.findValues("expr").forEach(expr -> queries.add(expr.asText()));
    try (Stream<Path> dashboards = Files.list(MONITORING.resolve("dashboards"))) {
      for (Path dashboard : dashboards.toList()) {
        JsonNode json = new ObjectMapper().readTree(dashboard.toFile());
        assertThat(json.path("panels")).as(dashboard.toString()).isNotEmpty();
        json.findValues("expr").forEach(expr -> queries.add(expr.asText()));
      }
    }
    Set<String> unknown = new TreeSet<>();
    for (String query : queries) {
      // Label sets and grouping clauses name labels, not metrics.
      String metrics = query.replaceAll("\\{[^}]*}", "{}").replaceAll("by \\([^)]*\\)", "");
      Matcher metric = METRIC.matcher(metrics);
      while (metric.find()) {
        if (!exported.contains(metric.group(1)) && !PROMQL_WORDS.contains(metric.group(1))) {
          unknown.add(metric.group(1));
        }
      }
    }
    assertThat(queries).hasSizeGreaterThan(15);
    assertThat(unknown).isEmpty();
  }

  // The Prometheus names of the meters our sources register: dots become underscores, counters
  // end in _total, timers export _seconds_count, _sum and _max.
  private static Set<String> exportedMetrics() throws IOException {
    Set<String> names = new HashSet<>(OTHER_METRICS);
    try (Stream<Path> sources = Files.walk(Repository.ROOT)) {
      for (Path source :
          sources
              .filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/"))
              .toList()) {
        Matcher meter = METER.matcher(Files.readString(source));
        while (meter.find()) {
          String kind = meter.group(1) == null ? "Counter" : meter.group(1);
          String name =
              (meter.group(2) == null ? meter.group(3) : meter.group(2)).replace('.', '_');
          switch (kind) {
            case "Counter" -> names.add(name + "_total");
            case "Timer" ->
                List.of("_count", "_sum", "_max").forEach(s -> names.add(name + "_seconds" + s));
            default -> names.add(name);
          }
        }
      }
    }
    return names;
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    return output;
  }
}
