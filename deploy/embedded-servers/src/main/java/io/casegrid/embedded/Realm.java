package io.casegrid.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static boolean matches(List<String> patterns, String uri) {
      if (uri == null || uri.isEmpty() || uri.contains("#")) {
        return false;
      }
      for (String pattern : patterns) {
        boolean match =
            pattern.endsWith("*")
                ? uri.startsWith(pattern.substring(0, pattern.length() - 1))
                : uri.equals(pattern);
        // A wildcard must not let "../" climb out of the registered path.
        if (match && !uri.contains("/../") && !uri.contains("/./")) {
          return true;
        }
      }
      return false;
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

  private Realm(JsonNode json) {
    name = json.path("realm").asText();
    displayName = json.path("displayName").asText(name);
    // Keycloak's defaults where the export leaves them out.
    tokenLifespan = Duration.ofSeconds(json.path("accessTokenLifespan").asLong(300));
    ssoIdle = Duration.ofSeconds(json.path("ssoSessionIdleTimeout").asLong(1800));
    ssoMax = Duration.ofSeconds(json.path("ssoSessionMaxLifespan").asLong(36000));
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
      String name =
          u.hasNonNull("firstName")
              ? (u.path("lastName").asText("") + " " + u.path("firstName").asText()).strip()
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

  Optional<User> authenticate(String username, String password) {
    User user = username == null ? null : users.get(username);
    return user != null && user.password() != null && equal(user.password(), password)
        ? Optional.of(user)
        : Optional.empty();
  }

  static boolean equal(String expected, String given) {
    return given != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}
