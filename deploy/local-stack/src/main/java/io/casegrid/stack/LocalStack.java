package io.casegrid.stack;

import io.casegrid.citypackage.CityPackage;
import io.casegrid.citypackage.Loader;
import io.casegrid.embedded.AccessTokens;
import io.casegrid.embedded.ChildJvm;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.IdentityProvider;
import io.casegrid.embedded.KafkaBroker;
import io.casegrid.embedded.Postgres;
import io.casegrid.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.LogManager;

/**
 * The whole system on one machine: a real PostgreSQL (one database per service), a real Kafka
 * broker in KRaft mode, and the three services from their packaged applications, each in its own
 * process. Data is kept in {@code home}, so a restart keeps every case; the demo city (or none, or
 * a city's package: {@link #CITY}) is loaded on the first start only. Closing it stops everything;
 * a crash leaves nothing running for long, because every child ends when this JVM ends, and the
 * next start ends any stale process.
 */
public final class LocalStack implements AutoCloseable {

  /** The services in start order, by the folder of their module. */
  public static final List<String> SERVICES = List.of("intake", "dispatch", "supervision");

  /** Where things live and listen. */
  public record Settings(
      Path home,
      Path repoRoot,
      int postgresPort,
      int kafkaPort,
      int kafkaControllerPort,
      int identityPort,
      Map<String, Integer> servicePorts,
      String serviceHeap) {

    /** The documented defaults of the local stack. */
    public static Settings defaults(Path repoRoot) {
      Path home =
          Path.of(
              System.getProperty(
                  "casegrid.home",
                  Path.of(System.getProperty("user.home"), ".casegrid").toString()));
      return new Settings(
          home,
          repoRoot,
          15432,
          19092,
          19093,
          18080,
          Map.of("intake", 8081, "dispatch", 8082, "supervision", 8083),
          "384m");
    }
  }

  /** System property naming an external OIDC issuer to use instead of the built-in one. */
  public static final String EXTERNAL_ISSUER = "casegrid.oidc.issuer";

  /**
   * System property naming an OTLP/HTTP collector (e.g. http://127.0.0.1:4318) the services send
   * their traces to; without it tracing stays off, as it is by default.
   */
  public static final String OTLP_ENDPOINT = "casegrid.otlp.endpoint";

  /** The demo administrator who loads the demo city. */
  private static final String DEMO_ADMIN = "admin1";

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final Settings settings;
  private final Postgres postgres;
  private final KafkaBroker kafka;
  private final IdentityProvider identity;
  private final String issuer;
  private final AccessTokens tokens;
  private final Map<String, ChildJvm> services = new LinkedHashMap<>();
  private final List<ChildJvm> extraInstances = new ArrayList<>();

  private LocalStack(
      Settings settings,
      Postgres postgres,
      KafkaBroker kafka,
      IdentityProvider identity,
      String issuer) {
    this.settings = settings;
    this.postgres = postgres;
    this.kafka = kafka;
    this.identity = identity;
    this.issuer = issuer;
    this.tokens = new AccessTokens(issuer + "/protocol/openid-connect/token");
  }

  /**
   * System property choosing the city a first start loads: {@code demo} (the default, for a first
   * look), {@code none} (an empty installation, for a city to load its own package), or the path of
   * a city package (a folder or zip).
   */
  public static final String CITY = "casegrid.city";

  /** Starts the system; on the first start, loads the city {@link #CITY} names. */
  public static LocalStack start(Settings settings) throws IOException {
    return start(settings, System.getProperty(CITY, "demo"));
  }

  /** Starts the system; on the first start, loads {@code city}: demo, none, or a package's path. */
  public static LocalStack start(Settings settings, String city) throws IOException {
    Files.createDirectories(settings.home());
    Postgres postgres =
        Postgres.start(settings.home().resolve("postgres"), settings.postgresPort(), true);
    KafkaBroker kafka = null;
    IdentityProvider identity = null;
    try {
      // A city's (or a real Keycloak's) issuer replaces the built-in one; its realm must hold
      // the demo users to load the demo city.
      String issuer = System.getProperty(EXTERNAL_ISSUER, "");
      if (issuer.isBlank()) {
        identity =
            IdentityProvider.start(
                settings.identityPort(), settings.home().resolve("idp/signing-key.pk8"));
        issuer = identity.issuer();
      }
      SERVICES.forEach(postgres::ensureDatabase);
      kafka =
          KafkaBroker.start(
              settings.home().resolve("kafka"),
              settings.kafkaPort(),
              settings.kafkaControllerPort(),
              "512m");
      kafka.createTopics(Topics.ALL, 6);
      LocalStack stack = new LocalStack(settings, postgres, kafka, identity, issuer);
      for (String service : SERVICES) {
        stack.allowConsoles(settings.servicePorts().get(service));
        stack.services.put(
            service, stack.startInstance(service, settings.servicePorts().get(service), service));
      }
      for (String service : SERVICES) {
        stack.awaitReady(service, settings.servicePorts().get(service));
      }
      stack.loadCityOnFirstStart(city);
      return stack;
    } catch (IOException | RuntimeException e) {
      if (identity != null) {
        identity.close();
      }
      if (kafka != null) {
        kafka.close();
      }
      postgres.close();
      throw e;
    }
  }

  /**
   * Starts one more instance of a service on {@code port}, sharing the database and topics: that is
   * how a service scales out.
   */
  public ChildJvm startExtraInstance(String service, int port) throws IOException {
    allowConsoles(port);
    ChildJvm instance = startInstance(service, port, service + "-" + port);
    extraInstances.add(instance);
    awaitReady(service + "-" + port, port);
    return instance;
  }

  // The built-in issuer learns the ports the consoles listen on; a city's issuer is told by its
  // administrator (deploy/keycloak).
  private void allowConsoles(int port) {
    if (identity != null) {
      identity.allowConsolesAt("http://127.0.0.1:" + port);
      identity.allowConsolesAt("http://localhost:" + port);
    }
  }

  private ChildJvm startInstance(String service, int port, String instanceName) throws IOException {
    Path app = settings.repoRoot().resolve(service + "-service/target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(app)) {
      throw new IOException(app + " is missing: build the services first (./mvnw package)");
    }
    List<String> options =
        new ArrayList<>(
            List.of(
                "-Xmx" + settings.serviceHeap(),
                "-XX:+UseG1GC",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.jdbc.url=" + postgres.jdbcUrl(service),
                "-Dquarkus.datasource.username=" + Postgres.USER,
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dquarkus.oidc.auth-server-url=" + issuer));
    String otlp = System.getProperty(OTLP_ENDPOINT, "");
    if (!otlp.isBlank()) {
      options.addAll(
          List.of(
              "-Dquarkus.otel.sdk.disabled=false",
              "-Dquarkus.otel.exporter.otlp.protocol=http/protobuf",
              "-Dquarkus.otel.exporter.otlp.endpoint=" + otlp,
              "-Dquarkus.otel.bsp.schedule.delay=200ms"));
    }
    // Rate limits given to this JVM (the system tests and benchmarks raise them: they register
    // hundreds of cases a second as one operator) hold for the services too.
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith("casegrid.rate-limit."))
        .sorted()
        .forEach(name -> options.add("-D" + name + "=" + System.getProperty(name)));
    // Secrets are read from files, so that they never show on a command line (ps).
    String secrets = consoleSessionSecret().toUri().toString();
    if (service.equals("intake")) {
      secrets += "," + personalDataKey().toUri();
      // The loader behind /api/admin/city-packages hands each service its part.
      options.add("-Dcasegrid.city-package.intake-url=" + url("intake"));
      options.add("-Dcasegrid.city-package.dispatch-url=" + url("dispatch"));
      options.add("-Dcasegrid.city-package.supervision-url=" + url("supervision"));
    }
    options.add("-Dquarkus.config.locations=" + secrets);
    return ChildJvm.start(
        instanceName,
        options,
        app.toString(),
        "io.quarkus.bootstrap.runner.QuarkusEntryPoint",
        List.of(),
        settings.home().resolve("logs/" + instanceName + ".log"),
        settings.home().resolve("run/" + instanceName + ".pid"));
  }

  /**
   * The file holding the key that protects citizens' personal data in intake, generated on the
   * first start (32 random bytes, readable by the owner only) and kept with the data it protects:
   * without it the stored names and phones cannot be read.
   */
  private Path personalDataKey() throws IOException {
    return secretFile(
        "personal-data.properties",
        "The key protecting citizens' personal data in intake: keep it with the data, never share"
            + " it.",
        "casegrid.personal-data.key");
  }

  /**
   * The file holding the secret of the consoles' sessions, shared by the services and their
   * instances, so that a console session survives a restart of the stack.
   */
  private Path consoleSessionSecret() throws IOException {
    return secretFile(
        "console.properties",
        "The secret of the browser consoles' sessions: never share it.",
        "casegrid.console.session-secret");
  }

  // A properties file under home/keys with 32 random bytes (base64) as the value of one property,
  // made on the first start and readable by the owner only.
  private Path secretFile(String name, String comment, String property) throws IOException {
    Path file = settings.home().resolve("keys/" + name);
    if (Files.exists(file)) {
      return file;
    }
    Path folder = Files.createDirectories(file.getParent());
    boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (posix) {
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String content =
        "# " + comment + "\n" + property + "=" + Base64.getEncoder().encodeToString(key) + "\n";
    // Written aside and moved into place, so a crash never leaves half a key; a leftover from
    // such a crash is replaced.
    Path aside = folder.resolve(file.getFileName() + ".new");
    Files.deleteIfExists(aside);
    Path written =
        posix
            ? Files.createFile(
                aside,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
            : Files.createFile(aside);
    Files.writeString(written, content);
    return Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
  }

  private void awaitReady(String instanceName, int port) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + instanceName, e);
      }
      sleep(250);
    }
    throw new IOException(
        instanceName
            + " not ready within "
            + READY_TIMEOUT
            + "; see "
            + settings.home().resolve("logs/" + instanceName + ".log"));
  }

  /**
   * Loads the city package a first start is asked for, through the same loader an administrator
   * uses; a home folder that had a city loaded (or was started empty) is left as it is, so that a
   * restart never loads the demo city over a city's own.
   */
  private void loadCityOnFirstStart(String city) throws IOException {
    Path marker = settings.home().resolve("city-loaded");
    if (Files.exists(marker) || Files.exists(settings.home().resolve("demo-city-loaded"))) {
      return;
    }
    if (!city.equals("none")) {
      try (CityPackage p =
          city.equals("demo") ? DemoCity.cityPackage() : CityPackage.read(Path.of(city))) {
        Loader.Report report = loader(Locale.ENGLISH).load(p, true);
        if (report.outcome() != Loader.Outcome.ACTIVATED
            && report.outcome() != Loader.Outcome.UNCHANGED) {
          throw new IOException(
              "the city package "
                  + city
                  + " was not loaded: "
                  + report.outcome()
                  + " "
                  + report.problems()
                  + " "
                  + report.services());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while loading the city", e);
      }
    }
    Files.writeString(
        marker,
        city.equals("none")
            ? "Started without a city: load one with the city package command.\n"
            : "The city package " + city + " was loaded on the first start.\n");
  }

  /** A loader of city packages into this system, as its demo administrator. */
  public Loader loader(Locale language) {
    return new Loader(
        new Loader.Services(
            URI.create(url("intake")), URI.create(url("dispatch")), URI.create(url("supervision"))),
        () -> tokens.forUser(DEMO_ADMIN),
        language);
  }

  public String url(String service) {
    return "http://127.0.0.1:" + settings.servicePorts().get(service);
  }

  /** The issuer the services trust. */
  public String issuer() {
    return issuer;
  }

  /** Tokens of the demo users and machine clients from the stack's identity provider. */
  public AccessTokens tokens() {
    return tokens;
  }

  public String kafkaBootstrapServers() {
    return kafka.bootstrapServers();
  }

  public String jdbcUrl(String service) {
    return postgres.jdbcUrl(service);
  }

  public ChildJvm service(String name) {
    return services.get(name);
  }

  @Override
  public void close() {
    extraInstances.forEach(ChildJvm::close);
    List<ChildJvm> running = new ArrayList<>(services.values());
    java.util.Collections.reverse(running);
    running.forEach(ChildJvm::close);
    kafka.close();
    if (identity != null) {
      identity.close();
    }
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      // Ctrl-C reaches PostgreSQL too, which may already be on its way down.
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The README's first command ends here: start, print where everything is, run until Ctrl-C. */
  public static void main(String[] args) throws Exception {
    long started = System.nanoTime();
    try (InputStream logging =
        LocalStack.class.getResourceAsStream("/local-stack-logging.properties")) {
      LogManager.getLogManager().readConfiguration(logging);
    }
    Settings settings = Settings.defaults(Path.of("").toAbsolutePath());
    System.out.println(
        "casegrid: starting PostgreSQL, Kafka and the services; data in " + settings.home());
    LocalStack stack = start(settings);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("casegrid: stopping");
                  stack.close();
                },
                "local-stack-stop"));
    StringBuilder banner = new StringBuilder();
    banner.append(
        String.format("%ncasegrid is up after %.1f s%n%n", (System.nanoTime() - started) / 1e9));
    for (String service : SERVICES) {
      String url = stack.url(service);
      banner.append(String.format("  %-12s %s%n", service, url));
      if (service.equals("intake")) {
        banner.append(
            String.format("  %-12s   console  %s/console/ (hotline operators)%n", "", url));
      }
      banner.append(String.format("  %-12s   health   %s/q/health%n", "", url));
      banner.append(String.format("  %-12s   OpenAPI  %s/q/openapi%n", "", url));
      banner.append(String.format("  %-12s   Swagger  %s/q/swagger-ui%n", "", url));
      banner.append(String.format("  %-12s   metrics  %s/q/metrics%n", "", url));
    }
    banner.append(
        String.format("%n  PostgreSQL   %s (user postgres)%n", stack.jdbcUrl("<service>")));
    banner.append(String.format("  Kafka        %s%n", stack.kafkaBootstrapServers()));
    banner.append(String.format("  identity     %s%n", stack.issuer()));
    banner.append(
        String.format(
            "               demo users (password \"%s\"): operator1, inspector1, dispatcher1,"
                + " drainage1, water1, supervisor1, leader1, admin1; see deploy/keycloak%n",
            AccessTokens.DEMO_PASSWORD));
    banner.append(String.format("  data, logs   %s%n%nPress Ctrl-C to stop.%n", settings.home()));
    System.out.print(banner);
    Thread.currentThread().join();
  }
}
