package io.casegrid.citypackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The loader command:
 *
 * <pre>
 * validate PACKAGE            check a package (folder or zip) alone, no service needed
 * diff PACKAGE                check it and show what it would change in the running services
 * load PACKAGE                check, compare, stage in every service and activate: all or nothing
 * activate LOAD-ID            activate a load again (one a failing service left partly active)
 * export FOLDER               write what is loaded back as a package
 * </pre>
 *
 * Options: {@code --lang en} (Chinese by default), {@code --json} (the report as JSON), {@code
 * --intake/--dispatch/--supervision URL} (the local stack's by default), and the administrator's
 * access token as {@code --token} or {@code CASEGRID_TOKEN}, or got with {@code --user} and {@code
 * --password} from {@code --issuer} (the local stack's identity provider by default).
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws Exception {
    List<String> positional = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        String name = args[i].substring(2);
        boolean flag = name.equals("json");
        options.put(name, flag ? "true" : (i + 1 < args.length ? args[++i] : ""));
      } else {
        positional.add(args[i]);
      }
    }
    if (positional.size() != 2) {
      out.println(
          "usage: validate PACKAGE | diff PACKAGE | load PACKAGE | activate LOAD-ID | export FOLDER"
              + "  [--lang en] [--json] [--token T | --user U --password P] [--intake URL ...]");
      return 2;
    }
    Locale language = Locale.forLanguageTag(options.getOrDefault("lang", "zh-CN"));
    boolean json = options.containsKey("json");
    String command = positional.get(0);
    String target = positional.get(1);
    Loader loader =
        new Loader(
            new Loader.Services(
                URI.create(options.getOrDefault("intake", "http://127.0.0.1:8081")),
                URI.create(options.getOrDefault("dispatch", "http://127.0.0.1:8082")),
                URI.create(options.getOrDefault("supervision", "http://127.0.0.1:8083"))),
            token(options),
            language);
    Loader.Report report;
    switch (command) {
      case "validate" -> {
        try (CityPackage p = read(Path.of(target))) {
          Loader.Checked checked = Loader.check(p);
          report =
              new Loader.Report(
                  checked.problems().isEmpty() ? Loader.Outcome.CHECKED : Loader.Outcome.INVALID,
                  null,
                  Messages.of(language).language(),
                  null,
                  null,
                  checked.problems().size(),
                  loader.reported(null, checked.problems()),
                  List.of(),
                  Map.of());
        }
      }
      case "diff", "load" -> {
        try (CityPackage p = read(Path.of(target))) {
          report = loader.load(p, command.equals("load"));
        }
      }
      case "activate" -> report = loader.activate(target, null, null, List.of());
      case "export" -> {
        PackageWriter.toFolder(loader.export(), Path.of(target));
        out.println(target);
        return 0;
      }
      default -> {
        out.println("unknown command " + command);
        return 2;
      }
    }
    print(report, json, out);
    return switch (report.outcome()) {
      case ACTIVATED, UNCHANGED, CHECKED -> 0;
      default -> 1;
    };
  }

  private static CityPackage read(Path path) throws IOException {
    return CityPackage.read(path);
  }

  /** Prints a report for a person, or as JSON. */
  static void print(Loader.Report report, boolean json, PrintStream out) throws IOException {
    if (json) {
      out.println(
          CityPackage.JSON
              .copy()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(report));
      return;
    }
    out.println(report.outcome() + (report.loadId() == null ? "" : "  load " + report.loadId()));
    for (Loader.ReportedProblem p : report.problems()) {
      StringBuilder where = new StringBuilder();
      if (p.service() != null) {
        where.append('[').append(p.service()).append("] ");
      }
      where.append(p.file() == null ? "" : p.file());
      if (p.line() != null) {
        where.append(':').append(p.line());
      }
      if (p.feature() != null) {
        where.append(" features[").append(p.feature()).append(']');
      }
      if (p.field() != null) {
        where.append(' ').append(p.field());
      }
      out.println("  " + where + "  (" + p.rule() + ")  " + p.message());
    }
    if (report.problemCount() > report.problems().size()) {
      out.println("  … " + (report.problemCount() - report.problems().size()) + " more");
    }
    for (Diff.Changes c : report.changes()) {
      if (!c.isEmpty()) {
        out.printf(
            "  %-12s %-24s +%d ~%d -%d (=%d)%s%s%s%n",
            c.service(),
            c.kind(),
            c.added(),
            c.changed(),
            c.retired(),
            c.unchanged(),
            keys(" added ", c.addedKeys()),
            keys(" changed ", c.changedKeys()),
            keys(" retired ", c.retiredKeys()));
      }
    }
    report.services().forEach((service, state) -> out.println("  " + service + ": " + state));
  }

  private static String keys(String label, List<String> keys) {
    return keys.isEmpty()
        ? ""
        : label
            + String.join(",", keys.subList(0, Math.min(5, keys.size())))
            + (keys.size() > 5 ? ",…" : "");
  }

  // The administrator's token: given, or got from the identity provider with a password.
  private static Supplier<String> token(Map<String, String> options) {
    String given = options.getOrDefault("token", System.getenv("CASEGRID_TOKEN"));
    if (given != null && !given.isBlank()) {
      return () -> given;
    }
    String issuer = options.getOrDefault("issuer", "http://127.0.0.1:18080/realms/casegrid");
    String user = options.getOrDefault("user", "admin1");
    String password = options.getOrDefault("password", System.getenv("CASEGRID_PASSWORD"));
    return () ->
        passwordGrant(issuer, options.getOrDefault("client", "casegrid-console"), user, password);
  }

  static String passwordGrant(String issuer, String client, String user, String password) {
    String form =
        "grant_type=password&client_id="
            + enc(client)
            + "&username="
            + enc(user)
            + "&password="
            + enc(password == null ? "" : password);
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .POST(HttpRequest.BodyPublishers.ofString(form))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      JsonNode body = CityPackage.JSON.readTree(r.body());
      if (!body.hasNonNull("access_token")) {
        throw new IllegalStateException("no access token for " + user + ": " + r.body());
      }
      return body.get("access_token").asText();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the identity provider at " + issuer + " cannot be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
