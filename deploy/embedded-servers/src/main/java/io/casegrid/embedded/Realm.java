package io.casegrid.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the built-in issuer needs of a Keycloak realm export: users, clients and lifetimes. */
final class Realm {

  /** A person or a machine client's service account, with the claims its tokens carry. */
  record User(
      String id,
      String username,
      String name,
      String password,
      List<String> roles,
      List<String> groups,
      String department) {}

  /** A client of the realm, as Keycloak's client representation describes it. */
  static final class Client {
    final String id;
    final String secret;
    final boolean standardFlow;
    final boolean directAccessGrants;
    final boolean serviceAccounts;
    final String audience;
    final boolean pkceRequired;
    private final List<String> redirectUris;
    private final List<String> postLogoutRedirectUris;

    Client(JsonNode c) {
      id = c.path("clientId").asText();
      secret = c.path("publicClient").asBoolean(false) ? null : c.path("secret").asText("");
      standardFlow = c.path("standardFlowEnabled").asBoolean(true);
      directAccessGrants = c.path("directAccessGrantsEnabled").asBoolean(false);
      serviceAccounts = c.path("serviceAccountsEnabled").asBoolean(false);
      String found = null;
      for (JsonNode mapper : c.path("protocolMappers")) {
        if ("oidc-audience-mapper".equals(mapper.path("protocolMapper").asText())) {
          found = mapper.path("config").path("included.custom.audience").asText(null);
        }
      }
      audience = found;
      JsonNode attributes = c.path("attributes");
      pkceRequired = "S256".equals(attributes.path("pkce.code.challenge.method").asText(""));
      redirectUris = new CopyOnWriteArrayList<>();
      c.path("redirectUris").forEach(u -> redirectUris.add(u.asText()));
      // Keycloak's attribute: URIs separated by "##", and "+" for "the redirect URIs".
      postLogoutRedirectUris = new CopyOnWriteArrayList<>();
      for (String uri : attributes.path("post.logout.redirect.uris").asText("").split("##")) {
        if (!uri.isBlank()) {
          postLogoutRedirectUris.add(uri.strip());
        }
      }
    }

    boolean isPublic() {
      return secret == null;
    }

    /** Keycloak's rule: an exact URI, or a pattern ending in {@code *} matching by prefix. */
    boolean mayRedirectTo(String uri) {
      return matches(redirectUris, uri);
    }

    boolean mayRedirectAfterLogoutTo(String uri) {
      return postLogoutRedirectUris.contains("+")
          ? mayRedirectTo(uri)
          : matches(postLogoutRedirectUris, uri);
    }

    void allowRedirectUri(String pattern) {
      if (!redirectUris.contains(pattern)) {
        redirectUris.add(pattern);
      }
    }

    /**
     * Keycloak's check: the URI is decoded (repeatedly, for what was encoded twice) and normalised
     * first, and one that does not stay what it was, because it climbs ({@code ..}, {@code .},
     * however encoded) or holds a backslash, a control character or a fragment, is refused rather
     * than matched: a browser or a server behind the console would resolve it elsewhere.
     */
    private static boolean matches(List<String> patterns, String uri) {
      Optional<String> plain = plain(uri);
      if (plain.isEmpty()) {
        return false;
      }
      for (String pattern : patterns) {
        boolean match =
            pattern.endsWith("*")
                ? plain.get().startsWith(pattern.substring(0, pattern.length() - 1))
                    && uri.startsWith(pattern.substring(0, pattern.length() - 1))
                : uri.equals(pattern);
        if (match) {
          return true;
        }
      }
      return false;
    }

    // The URI decoded, if it is an absolute http(s) URI whose path stays as written once decoded.
    private static Optional<String> plain(String uri) {
      if (uri == null || uri.isEmpty()) {
        return Optional.empty();
      }
      String decoded = uri;
      for (int i = 0; decoded.contains("%"); i++) {
        String once;
        try {
          once = URLDecoder.decode(decoded.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return Optional.empty();
        }
        if (once.equals(decoded) || i == 5) {
          return Optional.empty();
        }
        decoded = once;
      }
      for (char c : decoded.toCharArray()) {
        if (c == '\\' || c == '#' || Character.isISOControl(c) || Character.isWhitespace(c)) {
          return Optional.empty();
        }
      }
      URI parsed;
      try {
        parsed = new URI(decoded);
      } catch (URISyntaxException e) {
        return Optional.empty();
      }
      if (!parsed.isAbsolute()
          || !List.of("http", "https").contains(parsed.getScheme().toLowerCase(Locale.ROOT))
          || parsed.getRawUserInfo() != null
          || parsed.getHost() == null
          || parsed.getRawPath() == null) {
        return Optional.empty();
      }
      for (String segment : parsed.getRawPath().split("/", -1)) {
        String name = segment.split(";", 2)[0];
        if (name.equals(".") || name.equals("..")) {
          return Optional.empty();
        }
      }
      return Optional.of(decoded);
    }
  }

  final String name;
  final String displayName;
  final Duration tokenLifespan;
  final Duration ssoIdle;
  final Duration ssoMax;
  final Map<String, User> users = new LinkedHashMap<>();
  final Map<String, User> serviceAccounts = new HashMap<>();
  final Map<String, Client> clients = new HashMap<>();
  private final BruteForce bruteForce;

  private Realm(JsonNode json) {
    name = json.path("realm").asText();
    displayName = json.path("displayName").asText(name);
    // Keycloak's defaults where the export leaves them out.
    tokenLifespan = Duration.ofSeconds(json.path("accessTokenLifespan").asLong(300));
    ssoIdle = Duration.ofSeconds(json.path("ssoSessionIdleTimeout").asLong(1800));
    ssoMax = Duration.ofSeconds(json.path("ssoSessionMaxLifespan").asLong(36000));
    bruteForce = new BruteForce(json);
  }

  static Realm load(JsonNode json) {
    Realm realm = new Realm(json);
    Map<String, String> departmentOfGroup = new HashMap<>();
    collectGroups(json.path("groups"), departmentOfGroup);
    for (JsonNode c : json.path("clients")) {
      Client client = new Client(c);
      realm.clients.put(client.id, client);
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
      // Keycloak's "name" claim: first name, then last name.
      String name =
          u.hasNonNull("firstName")
              ? (u.path("firstName").asText() + " " + u.path("lastName").asText("")).strip()
              : null;
      User user =
          new User(
              UUID.nameUUIDFromBytes(("casegrid-user:" + username).getBytes(StandardCharsets.UTF_8))
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

  /**
   * The user whose password this is, unless brute-force detection has locked them out: a wrong
   * password counts against the user, as Keycloak counts it.
   */
  Optional<User> authenticate(String username, String password, Instant now) {
    User user = username == null ? null : users.get(username);
    if (user == null || user.password() == null || bruteForce.lockedOut(username, now)) {
      return Optional.empty();
    }
    if (!equal(user.password(), password)) {
      bruteForce.failed(username, now);
      return Optional.empty();
    }
    bruteForce.succeeded(username);
    return Optional.of(user);
  }

  static boolean equal(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
