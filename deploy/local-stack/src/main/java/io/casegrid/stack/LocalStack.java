package io.casegrid.stack;

import io.casegrid.citypackage.CityPackage;
import io.casegrid.citypackage.Loader;
import io.casegrid.embedded.AccessTokens;
import io.casegrid.embedded.ChildJvm;
import io.casegrid.embedded.Credentials;
import io.casegrid.embedded.DemoCity;
import io.casegrid.embedded.FreePorts;
import io.casegrid.embedded.IdentityProvider;
import io.casegrid.embedded.KafkaBroker;
import io.casegrid.embedded.KafkaCluster;
import io.casegrid.embedded.KafkaLogin;
import io.casegrid.embedded.Postgres;
import io.casegrid.embedded.SecretFiles;
import io.casegrid.events.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.LogManager;
import java.util.stream.IntStream;

/**
 * The whole system on one machine: a real PostgreSQL (one database and role per service), real
 * Kafka in KRaft mode, and the three services from their packaged applications, each in its own
 * process; everything authenticates with credentials made up on the first start and kept in {@code
 * home/keys}. In the cluster shape ({@link Settings#cluster}) there are three Kafka nodes, two
 * instances of each service, and a reverse proxy giving each service one entry point. Data is kept
 * in {@code home}, so a restart keeps every case; the demo city (or none, or a city's package:
 * {@link #CITY}) is loaded on the first start only. Closing it stops everything; a crash leaves
 * nothing running for long, because every child ends when this JVM ends, and the next start ends
 * any stale process.
 */
public final class LocalStack implements AutoCloseable {

  /** The services in start order, by the folder of their module. */
  public static final List<String> SERVICES = List.of("intake", "dispatch", "supervision");

  /**
   * Where things live and listen. {@code servicePorts} are the services' entry points; with {@code
   * instancePorts} empty each service runs once, on its entry point, otherwise once per port listed
   * for it, behind the reverse proxy on its entry point.
   */
  public record Settings(
      Path home,
      Path repoRoot,
      int postgresPort,
      List<KafkaBroker.Node> kafkaNodes,
      int identityPort,
      Map<String, Integer> servicePorts,
      Map<String, List<Integer>> instancePorts,
      String serviceHeap) {

    /** Whether this is the cluster shape: several instances of each service behind the proxy. */
    public boolean cluster() {
      return !instancePorts.isEmpty();
    }

    /** The documented defaults of the local stack. */
    public static Settings defaults(Path repoRoot) {
      return new Settings(
          defaultHome(),
          repoRoot,
          15432,
          List.of(new KafkaBroker.Node(1, 19092, 19093)),
          18080,
          Map.of("intake", 8081, "dispatch", 8082, "supervision", 8083),
          Map.of(),
          "384m");
    }

    /**
     * The documented cluster shape: the same entry points as {@link #defaults}, three Kafka nodes,
     * and two instances of each service (intake on 8181 and 8182, dispatch on 8281 and 8282,
     * supervision on 8381 and 8382).
     */
    public static Settings cluster(Path repoRoot) {
      return new Settings(
          defaultHome(),
          repoRoot,
          15432,
          List.of(
              new KafkaBroker.Node(1, 19092, 19093),
              new KafkaBroker.Node(2, 19094, 19095),
              new KafkaBroker.Node(3, 19096, 19097)),
          18080,
          Map.of("intake", 8081, "dispatch", 8082, "supervision", 8083),
          Map.of(
              "intake", List.of(8181, 8182),
              "dispatch", List.of(8281, 8282),
              "supervision", List.of(8381, 8382)),
          "384m");
    }

    /** A system of either shape on free ports in {@code home}, for tests and benchmarks. */
    public static Settings onFreePorts(Path home, Path repoRoot, boolean cluster, String heap) {
      int nodes = cluster ? 3 : 1;
      return new Settings(
          home,
          repoRoot,
          FreePorts.next(),
          IntStream.rangeClosed(1, nodes)
              .mapToObj(id -> new KafkaBroker.Node(id, FreePorts.next(), FreePorts.next()))
              .toList(),
          FreePorts.next(),
          Map.of(
              "intake", FreePorts.next(),
              "dispatch", FreePorts.next(),
              "supervision", FreePorts.next()),
          cluster
              ? Map.of(
                  "intake", List.of(FreePorts.next(), FreePorts.next()),
                  "dispatch", List.of(FreePorts.next(), FreePorts.next()),
                  "supervision", List.of(FreePorts.next(), FreePorts.next()))
              : Map.of(),
          heap);
    }

    private static Path defaultHome() {
      return Path.of(
          System.getProperty(
              "casegrid.home", Path.of(System.getProperty("user.home"), ".casegrid").toString()));
    }
  }

  /** System property naming an external OIDC issuer to use instead of the built-in one. */
  public static final String EXTERNAL_ISSUER = "casegrid.oidc.issuer";

  /** System property that starts the cluster shape ({@code -Dcasegrid.cluster}). */
  public static final String CLUSTER = "casegrid.cluster";

  /**
   * System property naming an OTLP/HTTP collector (e.g. http://127.0.0.1:4318) the services send
   * their traces to; without it tracing stays off, as it is by default.
   */
  public static final String OTLP_ENDPOINT = "casegrid.otlp.endpoint";

  /** The demo administrator who loads the demo city. */
  private static final String DEMO_ADMIN = "admin1";

  // A service's first start, three at once with the brokers, took 168 s on two shared cores that
  // other builds kept busy: three minutes left no margin, and the fault suite gave up on it.
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);

  private final Settings settings;
  private final Postgres postgres;
  private final KafkaCluster kafka;
  private final IdentityProvider identity;
  private final String issuer;
  private final AccessTokens tokens;
  private final Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();
  private final List<ChildJvm> extraInstances = new ArrayList<>();
  private ReverseProxy proxy;

  private LocalStack(
      Settings settings,
      Postgres postgres,
      KafkaCluster kafka,
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
        Postgres.start(
            settings.home().resolve("postgres"),
            settings.postgresPort(),
            true,
            Credentials.inFile(
                settings.home().resolve("keys/postgres.properties"),
                "Passwords of PostgreSQL's superuser and of each service's role: never share them."));
    KafkaCluster kafka = null;
    IdentityProvider identity = null;
    LocalStack stack = null;
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
          KafkaCluster.start(
              settings.home().resolve(settings.cluster() ? "kafka-cluster" : "kafka"),
              settings.kafkaNodes(),
              settings.cluster() ? "384m" : "512m",
              Credentials.inFile(
                  settings.home().resolve("keys/kafka.properties"),
                  "Passwords of the Kafka users (services, sensor gateways, administrator,"
                      + " brokers): never share them."));
      kafka.createTopics(Topics.ALL, 6);
      stack = new LocalStack(settings, postgres, kafka, identity, issuer);
      stack.startServices();
      stack.loadCityOnFirstStart(city);
      return stack;
    } catch (IOException | RuntimeException e) {
      if (stack != null) {
        stack.close();
      } else {
        if (identity != null) {
          identity.close();
        }
        if (kafka != null) {
          kafka.close();
        }
        postgres.close();
      }
      throw e;
    }
  }

  // The first instance of every service starts side by side with the others', then the second
  // ones: two instances migrating one database at once would only wait for each other.
  private void startServices() throws IOException {
    Map<String, List<ServiceInstance>> byService = new LinkedHashMap<>();
    for (String service : SERVICES) {
      int entry = settings.servicePorts().get(service);
      allowConsoles(entry);
      List<Integer> ports =
          settings.cluster() ? settings.instancePorts().get(service) : List.of(entry);
      List<ServiceInstance> ofService = new ArrayList<>();
      for (int i = 0; i < ports.size(); i++) {
        int port = ports.get(i);
        String name = settings.cluster() ? service + "-" + (i + 1) : service;
        allowConsoles(port);
        ServiceInstance[] self = new ServiceInstance[1];
        self[0] =
            new ServiceInstance(
                service,
                name,
                port,
                () -> startInstance(service, port, name),
                () -> awaitReady(name, port, self[0]::isAlive));
        ofService.add(self[0]);
      }
      byService.put(service, List.copyOf(ofService));
    }
    instances.putAll(byService);
    int rounds = byService.values().stream().mapToInt(List::size).max().orElse(0);
    for (int round = 0; round < rounds; round++) {
      List<ServiceInstance> starting = new ArrayList<>();
      for (List<ServiceInstance> ofService : byService.values()) {
        if (round < ofService.size()) {
          ServiceInstance instance = ofService.get(round);
          instance.launch();
          starting.add(instance);
        }
      }
      for (ServiceInstance instance : starting) {
        instance.awaitReady();
      }
    }
    if (settings.cluster()) {
      proxy =
          ReverseProxy.start(
              settings.home().resolve("proxy"),
              settings.repoRoot(),
              settings.servicePorts(),
              settings.instancePorts());
      for (String service : SERVICES) {
        awaitReady(
            service + " (through the proxy)", settings.servicePorts().get(service), proxy::isAlive);
      }
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
    awaitReady(service + "-" + port, port, instance::isAlive);
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
                "-Dquarkus.datasource.username=" + postgres.login(service).user(),
                "-Dkafka.bootstrap.servers=" + kafka.bootstrapServers(),
                "-Dcasegrid.kafka.username=" + service,
                "-Dquarkus.oidc.auth-server-url=" + issuer));
    if (settings.cluster()) {
      // Behind the proxy, the client's address is the one it forwards.
      options.add("-Dquarkus.http.proxy.proxy-address-forwarding=true");
      options.add("-Dquarkus.http.proxy.allow-x-forwarded=true");
      options.add("-Dquarkus.http.proxy.trusted-proxies=127.0.0.1");
    }
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
    String secrets = consoleSessionSecret().toUri() + "," + logins(service).toUri();
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
   * The file holding the passwords a service logs in with, to its database and to Kafka, written at
   * every start from the credentials in {@code home/keys}.
   */
  private Path logins(String service) throws IOException {
    KafkaLogin bus = kafka.login(service);
    return SecretFiles.write(
        settings.home().resolve("keys/" + service + "-logins.properties"),
        "# How "
            + service
            + " logs in to its database and to Kafka: never share it.\n"
            + "quarkus.datasource.password="
            + postgres.login(service).password()
            + "\ncasegrid.kafka.password="
            + bus.password()
            + "\n");
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
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return SecretFiles.write(
        file,
        "# " + comment + "\n" + property + "=" + Base64.getEncoder().encodeToString(key) + "\n");
  }

  private void awaitReady(String instanceName, int port, BooleanSupplier alive) throws IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline && alive.getAsBoolean()) {
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
            + (alive.getAsBoolean()
                ? " not ready within " + READY_TIMEOUT
                : " ended while starting")
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

  /** The entry point of a service: its one instance, or the proxy in front of its instances. */
  public String url(String service) {
    return "http://127.0.0.1:" + settings.servicePorts().get(service);
  }

  public Settings settings() {
    return settings;
  }

  /** The running instances of a service. */
  public List<ServiceInstance> instances(String service) {
    return instances.get(service);
  }

  /** The issuer the services trust. */
  public String issuer() {
    return issuer;
  }

  /** Tokens of the demo users and machine clients from the stack's identity provider. */
  public AccessTokens tokens() {
    return tokens;
  }

  public KafkaCluster kafka() {
    return kafka;
  }

  public Postgres postgres() {
    return postgres;
  }

  public String jdbcUrl(String service) {
    return postgres.jdbcUrl(service);
  }

  @Override
  public void close() {
    if (proxy != null) {
      proxy.close();
    }
    extraInstances.forEach(ChildJvm::close);
    List<ServiceInstance> running =
        new ArrayList<>(instances.values().stream().flatMap(List::stream).toList());
    java.util.Collections.reverse(running);
    running.forEach(ServiceInstance::close);
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
    Path repo = Path.of("").toAbsolutePath();
    boolean cluster = Boolean.parseBoolean(System.getProperty(CLUSTER, "false"));
    Settings settings = cluster ? Settings.cluster(repo) : Settings.defaults(repo);
    System.out.println(
        "casegrid: starting PostgreSQL, Kafka and the services"
            + (cluster ? " as a cluster (3 Kafka nodes, 2 instances of each service)" : "")
            + "; data in "
            + settings.home());
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
      if (cluster) {
        for (ServiceInstance instance : stack.instances(service)) {
          banner.append(
              String.format("  %-12s   instance %s (%s)%n", "", instance.url(), instance.name()));
        }
      }
    }
    banner.append(
        String.format(
            "%n  PostgreSQL   %s (each service's role, passwords in %s)%n",
            stack.jdbcUrl("<service>"), settings.home().resolve("keys")));
    banner.append(
        String.format(
            "  Kafka        %s (SASL SCRAM-SHA-512, passwords in %s)%n",
            stack.kafka().bootstrapServers(), settings.home().resolve("keys")));
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
