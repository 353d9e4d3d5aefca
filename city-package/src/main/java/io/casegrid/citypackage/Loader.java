package io.casegrid.citypackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.citypackage.assets.AssetRules;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Loads a city package into the three services, all of it or nothing: it checks the whole package
 * first (every problem, located, in the administrator's language); compares it with what each
 * service has loaded (added, changed, retired); asks each service to stage its part under one load
 * id, each checking its part by its own rules; and only when all three staged it and all three are
 * reachable, activates the part in each — dispatch, then supervision, then intake, so that no case
 * is filed under the new catalogue or areas before routing and deadlines know them. Each service
 * takes its part through its own administration endpoint, never another's database.
 *
 * <p>If a service fails between the check and its activation, the parts activated stay active and
 * the load is reported partly activated with the load id; activating the same load again (the
 * activation is idempotent in each service) completes it. A package that changes nothing is neither
 * staged nor activated.
 */
public final class Loader {

  /** The services' base addresses. */
  public record Services(URI intake, URI dispatch, URI supervision) {

    URI of(String service) {
      return switch (service) {
        case "intake" -> intake;
        case "dispatch" -> dispatch;
        default -> supervision;
      };
    }
  }

  /** What became of a load. */
  public enum Outcome {
    /** The package has problems; nothing was staged or changed. */
    INVALID,
    /** The package says what is loaded already; nothing was staged or changed. */
    UNCHANGED,
    /** Checked and compared only (a dry run, or staged without activation). */
    CHECKED,
    /** A service refused its part, or could not be reached; nothing was activated. */
    REFUSED,
    /** Every service activated its part. */
    ACTIVATED,
    /** Some services activated their part and another failed: activate the load again. */
    PARTLY_ACTIVATED
  }

  /** A problem as the report shows it: where, which rule, the value, and the message. */
  public record ReportedProblem(
      String service,
      String file,
      Long line,
      Long feature,
      String field,
      String rule,
      String value,
      String message) {}

  /** The load's report. */
  public record Report(
      Outcome outcome,
      String loadId,
      String language,
      String city,
      String version,
      int problemCount,
      List<ReportedProblem> problems,
      List<Diff.Changes> changes,
      Map<String, String> services) {}

  /** At most this many problems are reported; the count is always whole. */
  public static final int REPORTED = 1000;

  /** The media type of a service's part, as its staging endpoint takes it. */
  public static final String PART_TYPE = "application/vnd.casegrid.city-part+json";

  public static final String PART_PATH = "/api/admin/city-package";

  private static final List<String> SERVICES = List.of("intake", "dispatch", "supervision");
  private static final List<String> ACTIVATION_ORDER = List.of("dispatch", "supervision", "intake");

  private final Services services;
  private final Supplier<String> token;
  private final Messages messages;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  public Loader(Services services, Supplier<String> token, Locale language) {
    this.services = services;
    this.token = token;
    this.messages = Messages.of(language);
  }

  /** A package checked and split, or its problems. */
  public record Checked(CityPackage source, List<Problem> problems, Parts.Split parts) {}

  /** Checks the whole package, its asset rows included, and splits it if it has no problem. */
  public static Checked check(CityPackage p) throws IOException {
    PackageCheck.Result result = PackageCheck.check(p);
    List<Problem> problems = new ArrayList<>(result.problems());
    List<AssetRules.Asset> assets = new ArrayList<>();
    AssetCheck.check(p, result.defined(), problems, assets::add);
    return new Checked(p, problems, problems.isEmpty() ? Parts.split(p, assets) : null);
  }

  /**
   * Checks the package, compares it with what is loaded, and — when {@code apply} — stages and
   * activates it in every service.
   */
  public Report load(CityPackage p, boolean apply) throws IOException, InterruptedException {
    Checked checked = check(p);
    JsonNode city = p.member(CityPackage.MANIFEST, "city").map(CityPackage.Item::node).orElse(null);
    String cityName = city == null ? null : city.path("name").asText(null);
    String version =
        p.member(CityPackage.MANIFEST, "version").map(i -> i.node().asText()).orElse(null);
    if (!checked.problems().isEmpty()) {
      return report(
          Outcome.INVALID,
          null,
          cityName,
          version,
          reported(null, checked.problems()),
          List.of(),
          Map.of());
    }
    Parts.Split parts = checked.parts();
    parts.intake().set("manifest", manifestOf(p));
    Map<String, String> state = new LinkedHashMap<>();
    Parts.Split loaded;
    try {
      loaded = exported();
    } catch (Unreachable e) {
      state.put(e.service, "unreachable: " + e.getMessage());
      return report(Outcome.REFUSED, null, cityName, version, List.of(), List.of(), state);
    }
    List<Diff.Changes> changes = Diff.between(loaded, parts);
    if (Diff.none(changes)) {
      return report(Outcome.UNCHANGED, null, cityName, version, List.of(), changes, state);
    }
    if (!apply) {
      return report(Outcome.CHECKED, null, cityName, version, List.of(), changes, state);
    }
    String load = UUID.randomUUID().toString();
    List<ReportedProblem> refused = new ArrayList<>();
    for (String service : SERVICES) {
      try {
        HttpResponse<String> r =
            send(
                service,
                "PUT",
                PART_PATH + "/staging?load=" + load,
                CityPackage.JSON.writeValueAsBytes(parts.of(service)));
        if (r.statusCode() == 200) {
          state.put(service, "STAGED");
        } else {
          state.put(service, "REFUSED " + r.statusCode());
          refused.addAll(refusals(service, p, r.body()));
        }
      } catch (Unreachable e) {
        state.put(service, "unreachable: " + e.getMessage());
      }
    }
    if (state.values().stream().anyMatch(s -> !s.equals("STAGED"))) {
      return report(Outcome.REFUSED, load, cityName, version, refused, changes, state);
    }
    return activate(load, cityName, version, changes);
  }

  /**
   * Activates a load every service has staged: first asks each that it has the part staged (so a
   * service that is down stops the activation before anything changes), then activates dispatch,
   * supervision and intake in turn. Activating a load again completes one partly activated.
   */
  public Report activate(String load, String city, String version, List<Diff.Changes> changes)
      throws IOException, InterruptedException {
    Map<String, String> state = new LinkedHashMap<>();
    for (String service : ACTIVATION_ORDER) {
      try {
        HttpResponse<String> r = send(service, "GET", PART_PATH + "/staging/" + load, null);
        state.put(
            service,
            r.statusCode() == 200
                ? CityPackage.JSON.readTree(r.body()).path("state").asText()
                : "NOT_STAGED");
      } catch (Unreachable e) {
        state.put(service, "unreachable: " + e.getMessage());
      }
    }
    if (state.values().stream().anyMatch(s -> !s.equals("STAGED") && !s.equals("ACTIVE"))) {
      return report(Outcome.REFUSED, load, city, version, List.of(), changes, state);
    }
    for (String service : ACTIVATION_ORDER) {
      if (state.get(service).equals("ACTIVE")) {
        continue;
      }
      try {
        HttpResponse<String> r =
            send(service, "POST", PART_PATH + "/staging/" + load + "/activation", null);
        state.put(
            service,
            r.statusCode() == 200 ? "ACTIVE" : "FAILED " + r.statusCode() + ": " + r.body());
      } catch (Unreachable e) {
        state.put(service, "unreachable: " + e.getMessage());
      }
      if (!state.get(service).equals("ACTIVE")) {
        return report(Outcome.PARTLY_ACTIVATED, load, city, version, List.of(), changes, state);
      }
    }
    return report(Outcome.ACTIVATED, load, city, version, List.of(), changes, state);
  }

  /** What every service has loaded, as its part. */
  public Parts.Split exported() throws IOException, InterruptedException {
    ObjectNode[] parts = new ObjectNode[3];
    for (int i = 0; i < 3; i++) {
      String service = SERVICES.get(i);
      HttpResponse<String> r = send(service, "GET", PART_PATH, null);
      if (r.statusCode() != 200) {
        throw new Unreachable(service, "answered " + r.statusCode() + " " + r.body());
      }
      parts[i] = (ObjectNode) CityPackage.JSON.readTree(r.body());
    }
    return new Parts.Split(parts[0], parts[1], parts[2]);
  }

  /** The loaded state as a package's files (the export). */
  public Map<String, byte[]> export() throws IOException, InterruptedException {
    Parts.Split parts = exported();
    JsonNode manifest = parts.intake().path("manifest");
    return PackageWriter.files(
        parts, manifest.get("city"), manifest.path("version").asText("exported"));
  }

  /** The problems of a package as a report lists them, in the loader's language. */
  public List<ReportedProblem> reported(String service, List<Problem> problems) {
    return problems.stream()
        .limit(REPORTED)
        .map(
            p ->
                new ReportedProblem(
                    service,
                    p.file(),
                    p.line(),
                    p.feature(),
                    p.field(),
                    p.rule(),
                    p.value(),
                    messages.problem(p)))
        .toList();
  }

  private static ObjectNode manifestOf(CityPackage p) {
    ObjectNode m = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    p.member(CityPackage.MANIFEST, "city").ifPresent(i -> m.set("city", i.node()));
    p.member(CityPackage.MANIFEST, "version").ifPresent(i -> m.set("version", i.node()));
    return m;
  }

  // A service's refusal (problem+json naming fields of its part) named in the package's terms.
  private List<ReportedProblem> refusals(String service, CityPackage p, String body) {
    List<ReportedProblem> found = new ArrayList<>();
    try {
      JsonNode problem = CityPackage.JSON.readTree(body);
      JsonNode errors = problem.path("errors");
      if (!errors.isArray() || errors.isEmpty()) {
        found.add(
            new ReportedProblem(
                service,
                null,
                null,
                null,
                null,
                "service.refused",
                null,
                problem.path("detail").asText(body)));
      }
      for (JsonNode e : errors) {
        String field = e.path("field").asText();
        Optional<CityPackage.Item> item = PartFields.item(p, field);
        found.add(
            new ReportedProblem(
                service,
                item.map(CityPackage.Item::file).orElse(null),
                item.map(CityPackage.Item::line).orElse(null),
                item.map(CityPackage.Item::index)
                    .filter(x -> item.get().file().endsWith(".geojson"))
                    .orElse(null),
                PartFields.field(field),
                "service.refused",
                null,
                e.path("message").asText()));
      }
    } catch (IOException e) {
      found.add(
          new ReportedProblem(service, null, null, null, null, "service.refused", null, body));
    }
    return found;
  }

  private Report report(
      Outcome outcome,
      String load,
      String city,
      String version,
      List<ReportedProblem> problems,
      List<Diff.Changes> changes,
      Map<String, String> state) {
    return new Report(
        outcome,
        load,
        messages.language(),
        city,
        version,
        problems.size(),
        problems,
        changes,
        Map.copyOf(state));
  }

  private HttpResponse<String> send(String service, String method, String path, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(services.of(service).resolve(path))
            .timeout(Duration.ofMinutes(10))
            .header("Authorization", "Bearer " + token.get())
            .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", PART_TYPE);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.net.ConnectException | java.net.http.HttpTimeoutException e) {
      throw new Unreachable(service, e.toString());
    }
  }

  /** The SHA-256 of a part as staged, to tell the same part from another. */
  public static String digest(byte[] part) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(part));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A service that cannot be reached or does not answer as it should. */
  static final class Unreachable extends IOException {
    final String service;

    Unreachable(String service, String message) {
      super(message);
      this.service = service;
    }
  }
}
