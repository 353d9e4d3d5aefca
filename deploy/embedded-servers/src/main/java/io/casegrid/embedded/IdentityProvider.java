package io.casegrid.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * A small OpenID Connect issuer for the local stack and the tests, serving the users, roles,
 * department groups and machine clients of a Keycloak realm file ({@code
 * deploy/keycloak/casegrid-realm.json}) with the same URLs and token claims as Keycloak: discovery,
 * JWKS, and the token endpoint with the password and client-credentials grants. Tokens are real
 * RS256 signatures; the signing key is generated on the first start and kept in {@code keyFile},
 * never shipped. A city runs its own identity provider instead; the services only know an issuer
 * URL.
 */
public final class IdentityProvider implements AutoCloseable {

  /** The realm file on the classpath of this module. */
  public static final String REALM_RESOURCE = "/keycloak/casegrid-realm.json";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final HttpServer server;
  private final String issuer;
  private final Realm realm;
  private final RSAPrivateCrtKey key;
  private final String keyId;

  private IdentityProvider(HttpServer server, String issuer, Realm realm, RSAPrivateCrtKey key) {
    this.server = server;
    this.issuer = issuer;
    this.realm = realm;
    this.key = key;
    this.keyId = keyIdOf(key);
  }

  /**
   * Serves the realm on {@code 127.0.0.1:port}, signing with the key in {@code keyFile} (created on
   * the first start).
   */
  public static IdentityProvider start(int port, Path keyFile) throws IOException {
    Realm realm = Realm.load(JSON.readTree(realmJson()));
    RSAPrivateCrtKey key = loadOrCreateKey(keyFile);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/" + realm.name;
    IdentityProvider provider = new IdentityProvider(server, issuer, realm, key);
    String base = "/realms/" + realm.name;
    server.createContext(base + "/.well-known/openid-configuration", provider::discovery);
    server.createContext(base + "/protocol/openid-connect/certs", provider::keys);
    server.createContext(base + "/protocol/openid-connect/token", provider::token);
    server.setExecutor(Executors.newFixedThreadPool(4, daemon()));
    server.start();
    return provider;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "identity-provider");
      t.setDaemon(true);
      return t;
    };
  }

  public static byte[] realmJson() throws IOException {
    try (InputStream in = IdentityProvider.class.getResourceAsStream(REALM_RESOURCE)) {
      if (in == null) {
        throw new IOException(REALM_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    }
  }

  /** The issuer URL the services are configured with ({@code quarkus.oidc.auth-server-url}). */
  public String issuer() {
    return issuer;
  }

  public String tokenEndpoint() {
    return issuer + "/protocol/openid-connect/token";
  }

  /**
   * A token signed now for a user of the realm, as the token endpoint would give it, but living
   * until {@code expiresAt}: lets a test present a token that has already expired.
   */
  public String tokenFor(String username, Instant expiresAt) {
    User user = realm.users.get(username);
    if (user == null) {
      throw new IllegalArgumentException("no user " + username + " in the realm");
    }
    return sign(user, realm.clients.get("casegrid-console"), Instant.now(), expiresAt);
  }

  /**
   * A token of a user of the realm, signed with the issuer's own key but with claims a test
   * changed: another audience, another issuer, roles the user does not have.
   */
  public String tokenFor(String username, java.util.function.UnaryOperator<ObjectNode> change) {
    User user = realm.users.get(username);
    if (user == null) {
      throw new IllegalArgumentException("no user " + username + " in the realm");
    }
    Instant now = Instant.now();
    return sign(
        user, realm.clients.get("casegrid-console"), now, now.plus(realm.tokenLifespan), change);
  }

  /**
   * A token for a member of staff of a department that exists only in a test (its own, so that
   * tests do not share a queue): signed like every other token, with the staff role and the
   * department claim.
   */
  public String staffTokenFor(String department) {
    String username = "staff-of-" + department.toLowerCase(java.util.Locale.ROOT);
    User user =
        new User(
            UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString(),
            username,
            null,
            null,
            List.of("department-staff"),
            List.of("/departments/" + department),
            department);
    Instant now = Instant.now();
    return sign(user, realm.clients.get("casegrid-console"), now, now.plus(realm.tokenLifespan));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("issuer", issuer);
    body.put("token_endpoint", tokenEndpoint());
    body.put("jwks_uri", issuer + "/protocol/openid-connect/certs");
    body.putArray("grant_types_supported").add("password").add("client_credentials");
    body.putArray("response_types_supported").add("token");
    body.putArray("subject_types_supported").add("public");
    body.putArray("id_token_signing_alg_values_supported").add("RS256");
    body.putArray("token_endpoint_auth_methods_supported")
        .add("client_secret_post")
        .add("client_secret_basic");
    answer(exchange, 200, body);
  }

  private void keys(HttpExchange exchange) throws IOException {
    ObjectNode jwk = JSON.createObjectNode();
    jwk.put("kty", "RSA");
    jwk.put("kid", keyId);
    jwk.put("use", "sig");
    jwk.put("alg", "RS256");
    jwk.put("n", B64.encodeToString(unsigned(key.getModulus().toByteArray())));
    jwk.put("e", B64.encodeToString(unsigned(key.getPublicExponent().toByteArray())));
    ObjectNode body = JSON.createObjectNode();
    body.putArray("keys").add(jwk);
    answer(exchange, 200, body);
  }

  private void token(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      oauthError(exchange, 405, "invalid_request", "use POST");
      return;
    }
    Map<String, String> form = formOf(exchange);
    Client client = authenticateClient(exchange, form);
    if (client == null) {
      oauthError(exchange, 401, "invalid_client", "unknown client or wrong secret");
      return;
    }
    String grant = form.getOrDefault("grant_type", "");
    Optional<User> user =
        switch (grant) {
          case "password" ->
              client.directAccessGrants
                  ? realm.authenticate(form.get("username"), form.get("password"))
                  : Optional.empty();
          case "client_credentials" ->
              client.serviceAccounts
                  ? Optional.ofNullable(realm.serviceAccounts.get(client.id))
                  : Optional.empty();
          default -> null;
        };
    if (user == null) {
      oauthError(exchange, 400, "unsupported_grant_type", "grant " + grant + " is not supported");
      return;
    }
    if (user.isEmpty()) {
      oauthError(exchange, 401, "invalid_grant", "invalid user credentials");
      return;
    }
    Instant now = Instant.now();
    ObjectNode body = JSON.createObjectNode();
    body.put("access_token", sign(user.get(), client, now, now.plus(realm.tokenLifespan)));
    body.put("token_type", "Bearer");
    body.put("expires_in", realm.tokenLifespan.toSeconds());
    body.put("scope", "openid profile email");
    answer(exchange, 200, body);
  }

  private Client authenticateClient(HttpExchange exchange, Map<String, String> form) {
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.startsWith("Basic ")) {
      String[] pair;
      try {
        pair =
            new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8)
                .split(":", 2);
      } catch (IllegalArgumentException notBase64) {
        return null;
      }
      id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
      secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : null;
    }
    Client client = id == null ? null : realm.clients.get(id);
    if (client == null) {
      return null;
    }
    return client.secret == null || equal(client.secret, secret) ? client : null;
  }

  // The claims Keycloak puts into an access token with the realm's mappers.
  private String sign(User user, Client client, Instant issuedAt, Instant expiresAt) {
    return sign(user, client, issuedAt, expiresAt, c -> c);
  }

  private String sign(
      User user,
      Client client,
      Instant issuedAt,
      Instant expiresAt,
      java.util.function.UnaryOperator<ObjectNode> change) {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("iss", issuer);
    if (client.audience != null) {
      claims.put("aud", client.audience);
    }
    claims.put("sub", user.id);
    claims.put("typ", "Bearer");
    claims.put("azp", client.id);
    claims.put("scope", "openid profile email");
    claims.put("preferred_username", user.username);
    if (user.name != null) {
      claims.put("name", user.name);
    }
    ArrayNode roles = claims.putObject("realm_access").putArray("roles");
    user.roles.forEach(roles::add);
    ArrayNode groups = claims.putArray("groups");
    user.groups.forEach(groups::add);
    if (user.department != null) {
      claims.put("department", user.department);
    }
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", keyId);
    try {
      String signingInput =
          B64.encodeToString(JSON.writeValueAsBytes(header))
              + "."
              + B64.encodeToString(JSON.writeValueAsBytes(change.apply(claims)));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + B64.encodeToString(rsa.sign());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }

  private static Map<String, String> formOf(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readNBytes(16 * 1024);
    Map<String, String> form = new HashMap<>();
    for (String pair : new String(raw, StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void oauthError(HttpExchange exchange, int status, String error, String detail)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("error", error);
    body.put("error_description", detail);
    answer(exchange, status, body);
  }

  private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static boolean equal(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  private static RSAPrivateCrtKey loadOrCreateKey(Path keyFile) throws IOException {
    try {
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (Files.exists(keyFile)) {
        return (RSAPrivateCrtKey)
            rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(keyFile)));
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      RSAPrivateCrtKey key = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
      Files.createDirectories(keyFile.getParent());
      Files.write(keyFile, key.getEncoded());
      try {
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system: the folder's own protection applies.
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read or create the signing key " + keyFile, e);
    }
  }

  private static String keyIdOf(RSAPrivateCrtKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getModulus().toByteArray());
      return B64.encodeToString(digest).substring(0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // JWK numbers are unsigned big-endian: drop the sign byte BigInteger adds.
  private static byte[] unsigned(byte[] bytes) {
    return bytes.length > 1 && bytes[0] == 0
        ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length)
        : bytes;
  }

  private record User(
      String id,
      String username,
      String name,
      String password,
      List<String> roles,
      List<String> groups,
      String department) {}

  private record Client(
      String id,
      String secret,
      boolean directAccessGrants,
      boolean serviceAccounts,
      String audience) {}

  /** What the issuer needs of a Keycloak realm export. */
  private static final class Realm {
    final String name;
    final Duration tokenLifespan;
    final Map<String, User> users = new LinkedHashMap<>();
    final Map<String, User> serviceAccounts = new HashMap<>();
    final Map<String, Client> clients = new HashMap<>();

    private Realm(String name, Duration tokenLifespan) {
      this.name = name;
      this.tokenLifespan = tokenLifespan;
    }

    static Realm load(JsonNode json) {
      Realm realm =
          new Realm(
              json.path("realm").asText(),
              Duration.ofSeconds(json.path("accessTokenLifespan").asLong(300)));
      Map<String, String> departmentOfGroup = new HashMap<>();
      collectGroups(json.path("groups"), departmentOfGroup);
      for (JsonNode c : json.path("clients")) {
        String audience = null;
        for (JsonNode mapper : c.path("protocolMappers")) {
          if ("oidc-audience-mapper".equals(mapper.path("protocolMapper").asText())) {
            audience = mapper.path("config").path("included.custom.audience").asText(null);
          }
        }
        realm.clients.put(
            c.path("clientId").asText(),
            new Client(
                c.path("clientId").asText(),
                c.path("publicClient").asBoolean(false) ? null : c.path("secret").asText(""),
                c.path("directAccessGrantsEnabled").asBoolean(false),
                c.path("serviceAccountsEnabled").asBoolean(false),
                audience));
      }
      for (JsonNode u : json.path("users")) {
        if (!u.path("enabled").asBoolean(true)) {
          continue;
        }
        String username = u.path("username").asText();
        String password = null;
        for (JsonNode credential : u.path("credentials")) {
          if ("password".equals(credential.path("type").asText())) {
            password = credential.path("value").asText();
          }
        }
        List<String> roles = new ArrayList<>();
        u.path("realmRoles").forEach(r -> roles.add(r.asText()));
        List<String> groups = new ArrayList<>();
        u.path("groups").forEach(g -> groups.add(g.asText()));
        String department =
            groups.stream()
                .map(departmentOfGroup::get)
                .filter(d -> d != null)
                .findFirst()
                .orElse(null);
        String name =
            u.hasNonNull("firstName")
                ? (u.path("lastName").asText("") + " " + u.path("firstName").asText()).strip()
                : null;
        User user =
            new User(
                UUID.nameUUIDFromBytes(
                        ("casegrid-user:" + username).getBytes(StandardCharsets.UTF_8))
                    .toString(),
                username,
                name,
                password,
                List.copyOf(roles),
                List.copyOf(groups),
                department);
        if (u.hasNonNull("serviceAccountClientId")) {
          realm.serviceAccounts.put(u.path("serviceAccountClientId").asText(), user);
        } else {
          realm.users.put(username, user);
        }
      }
      return realm;
    }

    private static void collectGroups(JsonNode groups, Map<String, String> departmentOfGroup) {
      for (JsonNode g : groups) {
        JsonNode department = g.path("attributes").path("department");
        if (department.isArray() && !department.isEmpty()) {
          departmentOfGroup.put(g.path("path").asText(), department.get(0).asText());
        }
        collectGroups(g.path("subGroups"), departmentOfGroup);
      }
    }

    Optional<User> authenticate(String username, String password) {
      User user = username == null ? null : users.get(username);
      return user != null && user.password != null && equal(user.password, password)
          ? Optional.of(user)
          : Optional.empty();
    }
  }
}
