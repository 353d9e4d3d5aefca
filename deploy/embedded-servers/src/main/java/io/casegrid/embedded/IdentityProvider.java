package io.casegrid.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A small OpenID Connect issuer for the local stack and the tests, serving the users, roles,
 * department groups and clients of a Keycloak realm file ({@code
 * deploy/keycloak/casegrid-realm.json}) with the same URLs and token claims as Keycloak: discovery,
 * JWKS, the token endpoint (password, client-credentials, authorization-code and refresh-token
 * grants), and for people in a browser the authorization endpoint with a login form (code flow with
 * PKCE S256, state and nonce, codes used once within a minute, redirect URIs checked against the
 * client's), single sign-on across the consoles and the end-session endpoint. Tokens are real RS256
 * signatures; the signing key is generated on the first start and kept in {@code keyFile}, never
 * shipped. A city runs its own identity provider instead; the services only know an issuer URL.
 */
public final class IdentityProvider implements AutoCloseable {

  /** The realm file on the classpath of this module. */
  public static final String REALM_RESOURCE = "/keycloak/casegrid-realm.json";

  /** The client the browser consoles log people in through (authorization code flow). */
  public static final String WEB_CONSOLE_CLIENT = "casegrid-web-console";

  /**
   * The browser's single sign-on session at the issuer (Keycloak calls its own KEYCLOAK_SESSION).
   */
  static final String SESSION_COOKIE = "CASEGRID_IDP_SESSION";

  /** Binds a login form to the browser it was shown in, so no other page can submit it. */
  static final String LOGIN_COOKIE = "CASEGRID_IDP_LOGIN";

  private static final System.Logger LOG = System.getLogger(IdentityProvider.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private final HttpServer server;
  private final String issuer;
  private final String base;
  private final Realm realm;
  private final RSAPrivateCrtKey key;
  private final String keyId;
  private final Clock clock;
  private final SignIns signIns;

  private IdentityProvider(
      HttpServer server, String base, Realm realm, RSAPrivateCrtKey key, Clock clock) {
    this.server = server;
    this.base = base;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + base;
    this.realm = realm;
    this.key = key;
    this.keyId = keyIdOf(key);
    this.clock = clock;
    this.signIns = new SignIns(clock, realm.ssoIdle, realm.ssoMax);
  }

  /**
   * Serves the realm on {@code 127.0.0.1:port}, signing with the key in {@code keyFile} (created on
   * the first start).
   */
  public static IdentityProvider start(int port, Path keyFile) throws IOException {
    return start(port, keyFile, Clock.systemUTC());
  }

  /** As {@link #start(int, Path)}, on a clock a test moves. */
  static IdentityProvider start(int port, Path keyFile, Clock clock) throws IOException {
    Realm realm = Realm.load(JSON.readTree(realmJson()));
    RSAPrivateCrtKey key = loadOrCreateKey(keyFile);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    String base = "/realms/" + realm.name;
    IdentityProvider provider = new IdentityProvider(server, base, realm, key, clock);
    String oidc = base + "/protocol/openid-connect";
    server.createContext(base + "/.well-known/openid-configuration", safe(provider::discovery));
    server.createContext(oidc + "/certs", safe(provider::keys));
    server.createContext(oidc + "/token", safe(provider::token));
    server.createContext(oidc + "/auth", safe(provider::authorize));
    server.createContext(base + "/login-actions/authenticate", safe(provider::authenticate));
    server.createContext(oidc + "/logout", safe(provider::logout));
    server.setExecutor(Executors.newFixedThreadPool(4, daemon()));
    server.start();
    return provider;
  }

  private interface Handler {
    void handle(HttpExchange exchange) throws IOException;
  }

  // The JDK's server drops the connection on an exception; answer 500 and say why in the log.
  private static HttpHandler safe(Handler handler) {
    return exchange -> {
      try {
        handler.handle(exchange);
      } catch (IOException | RuntimeException e) {
        LOG.log(
            System.Logger.Level.ERROR,
            "identity provider failed on " + exchange.getRequestURI().getPath(),
            e);
        exchange.sendResponseHeaders(500, -1);
      } finally {
        exchange.close();
      }
    };
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

  public String authorizationEndpoint() {
    return issuer + "/protocol/openid-connect/auth";
  }

  /**
   * Admits the consoles of a service at {@code serviceUrl} (e.g. {@code http://127.0.0.1:41234}) as
   * redirect URIs of the browser consoles' client, as an administrator adds them in Keycloak: for
   * services listening on other ports than the realm file names.
   */
  public void allowConsolesAt(String serviceUrl) {
    realm.clients.get(WEB_CONSOLE_CLIENT).allowRedirectUri(serviceUrl + "/console/*");
  }

  /**
   * A token signed now for a user of the realm, as the token endpoint would give it, but living
   * until {@code expiresAt}: lets a test present a token that has already expired.
   */
  public String tokenFor(String username, Instant expiresAt) {
    return accessToken(user(username), console(), Instant.now(), expiresAt, c -> c);
  }

  /**
   * A token of a user of the realm, signed with the issuer's own key but with claims a test
   * changed: another audience, another issuer, roles the user does not have.
   */
  public String tokenFor(String username, UnaryOperator<ObjectNode> change) {
    Instant now = Instant.now();
    return accessToken(user(username), console(), now, now.plus(realm.tokenLifespan), change);
  }

  /**
   * A token for a member of staff of a department that exists only in a test (its own, so that
   * tests do not share a queue): signed like every other token, with the staff role and the
   * department claim.
   */
  public String staffTokenFor(String department) {
    String username = "staff-of-" + department.toLowerCase(java.util.Locale.ROOT);
    Realm.User user =
        new Realm.User(
            UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString(),
            username,
            null,
            null,
            List.of("department-staff"),
            List.of("/departments/" + department),
            department);
    Instant now = Instant.now();
    return accessToken(user, console(), now, now.plus(realm.tokenLifespan), c -> c);
  }

  private Realm.User user(String username) {
    Realm.User user = realm.users.get(username);
    if (user == null) {
      throw new IllegalArgumentException("no user " + username + " in the realm");
    }
    return user;
  }

  private Realm.Client console() {
    return realm.clients.get(AccessTokens.CONSOLE_CLIENT);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("issuer", issuer);
    body.put("authorization_endpoint", authorizationEndpoint());
    body.put("token_endpoint", tokenEndpoint());
    body.put("jwks_uri", issuer + "/protocol/openid-connect/certs");
    body.put("end_session_endpoint", issuer + "/protocol/openid-connect/logout");
    body.putArray("grant_types_supported")
        .add("authorization_code")
        .add("refresh_token")
        .add("password")
        .add("client_credentials");
    body.putArray("response_types_supported").add("code");
    body.putArray("response_modes_supported").add("query");
    body.putArray("subject_types_supported").add("public");
    body.putArray("id_token_signing_alg_values_supported").add("RS256");
    body.putArray("code_challenge_methods_supported").add("S256");
    body.putArray("scopes_supported").add("openid").add("profile").add("email");
    body.putArray("token_endpoint_auth_methods_supported")
        .add("client_secret_post")
        .add("client_secret_basic")
        .add("none");
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

  // The authorization endpoint: a login form, or at once a code for a browser already signed in.
  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> p = parametersOf(exchange);
    if (p == null) {
      page(exchange, 400, SignInPages.error("请求参数重复。", "A parameter is repeated."));
      return;
    }
    Realm.Client client = realm.clients.get(p.getOrDefault("client_id", ""));
    String redirect = p.get("redirect_uri");
    // Never redirect to a URI the client did not register (RFC 6749, 4.1.2.1).
    if (client == null || !client.standardFlow) {
      page(exchange, 400, SignInPages.error("未知的客户端。", "Unknown client."));
      return;
    }
    if (!client.mayRedirectTo(redirect)) {
      page(
          exchange,
          400,
          SignInPages.error(
              "回调地址未为此客户端登记。", "The redirect URI is not registered for this client."));
      return;
    }
    String state = p.get("state");
    String challenge = p.get("code_challenge");
    String refusal = null;
    if (!"code".equals(p.get("response_type"))) {
      refusal = "unsupported_response_type";
    } else if (challenge == null && client.pkceRequired) {
      refusal = "invalid_request: PKCE with S256 is required";
    } else if (challenge != null
        && (!"S256".equals(p.get("code_challenge_method"))
            || !challenge.matches("[A-Za-z0-9_-]{43}"))) {
      refusal = "invalid_request: code_challenge_method must be S256";
    }
    if (refusal != null) {
      redirectError(exchange, redirect, state, refusal);
      return;
    }
    SignIns.AuthRequest request =
        new SignIns.AuthRequest(
            client, redirect, state, p.get("nonce"), challenge, p.getOrDefault("scope", "openid"));
    Optional<SignIns.Session> session = cookie(exchange, SESSION_COOKIE).flatMap(signIns::session);
    if (session.isPresent() && !"login".equals(p.get("prompt"))) {
      redirectWithCode(exchange, request, session.get());
    } else if ("none".equals(p.get("prompt"))) {
      redirectError(exchange, redirect, state, "login_required");
    } else {
      String login = signIns.startLogin(request);
      setCookie(exchange, LOGIN_COOKIE, login);
      page(exchange, 200, SignInPages.login(realm.displayName, loginAction(), login, null, null));
    }
  }

  // The login form's answer.
  private void authenticate(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      page(exchange, 405, SignInPages.error("请使用登录表单。", "Use the sign-in form."));
      return;
    }
    Map<String, String> form = formOf(exchange);
    String login = form == null ? null : form.get("login");
    Optional<SignIns.AuthRequest> waiting =
        login != null && login.equals(cookie(exchange, LOGIN_COOKIE).orElse(null))
            ? signIns.pendingLogin(login)
            : Optional.empty();
    if (waiting.isEmpty()) {
      page(
          exchange,
          400,
          SignInPages.error(
              "登录已过期，或不是在此浏览器中开始的。请重新打开控制台。",
              "This sign-in has expired or was started in another browser. Open the console again."));
      return;
    }
    String username = form.get("username");
    Optional<Realm.User> user = realm.authenticate(username, form.get("password"), clock.instant());
    if (user.isEmpty()) {
      if (signIns.loginFailed(login)) {
        page(
            exchange,
            401,
            SignInPages.login(
                realm.displayName,
                loginAction(),
                login,
                username,
                "用户名或密码不正确。 Wrong username or password."));
      } else {
        page(
            exchange,
            401,
            SignInPages.error(
                "密码错误次数过多。请重新打开控制台。", "Too many wrong passwords. Open the console again."));
      }
      return;
    }
    SignIns.AuthRequest request = signIns.finishLogin(login).orElseThrow();
    SignIns.Session session = signIns.startSession(user.get());
    setCookie(exchange, SESSION_COOKIE, session.id);
    expireCookie(exchange, LOGIN_COOKIE);
    redirectWithCode(exchange, request, session);
  }

  private void redirectWithCode(
      HttpExchange exchange, SignIns.AuthRequest request, SignIns.Session session)
      throws IOException {
    String code = signIns.issueCode(request, session);
    StringBuilder location = new StringBuilder(request.redirectUri());
    location.append(request.redirectUri().contains("?") ? '&' : '?').append("code=").append(code);
    if (request.state() != null) {
      location.append("&state=").append(encode(request.state()));
    }
    location.append("&session_state=").append(session.id).append("&iss=").append(encode(issuer));
    redirect(exchange, location.toString());
  }

  private void redirectError(HttpExchange exchange, String redirect, String state, String error)
      throws IOException {
    int colon = error.indexOf(':');
    StringBuilder location = new StringBuilder(redirect);
    location
        .append(redirect.contains("?") ? '&' : '?')
        .append("error=")
        .append(colon < 0 ? error : error.substring(0, colon));
    if (colon > 0) {
      location.append("&error_description=").append(encode(error.substring(colon + 1).strip()));
    }
    if (state != null) {
      location.append("&state=").append(encode(state));
    }
    redirect(exchange, location.toString());
  }

  // RP-initiated logout: ends the browser's session, then returns to a registered page.
  private void logout(HttpExchange exchange) throws IOException {
    Map<String, String> p = parametersOf(exchange);
    if (p == null) {
      page(exchange, 400, SignInPages.error("请求参数重复。", "A parameter is repeated."));
      return;
    }
    Optional<JsonNode> hint = verifiedOwnToken(p.get("id_token_hint"));
    String clientId = hint.map(h -> h.path("azp").asText(null)).orElse(p.get("client_id"));
    Realm.Client client = clientId == null ? null : realm.clients.get(clientId);
    String redirect = p.get("post_logout_redirect_uri");
    if (redirect != null && (client == null || !client.mayRedirectAfterLogoutTo(redirect))) {
      page(
          exchange,
          400,
          SignInPages.error("退出后的回调地址未登记。", "The post-logout redirect URI is not registered."));
      return;
    }
    // Without a token of ours naming the session, a person confirms: no page logs one out unseen.
    boolean confirmed =
        hint.isPresent()
            || ("POST".equals(exchange.getRequestMethod()) && "yes".equals(p.get("confirm")));
    if (!confirmed) {
      Map<String, String> kept = new LinkedHashMap<>(p);
      kept.remove("confirm");
      page(
          exchange,
          200,
          SignInPages.confirmLogout(issuer + "/protocol/openid-connect/logout", kept));
      return;
    }
    hint.map(h -> h.path("sid").asText(null)).filter(Objects::nonNull).ifPresent(signIns::end);
    cookie(exchange, SESSION_COOKIE).ifPresent(signIns::end);
    expireCookie(exchange, SESSION_COOKIE);
    if (redirect == null) {
      page(exchange, 200, SignInPages.loggedOut());
      return;
    }
    String state = p.get("state");
    redirect(
        exchange,
        state == null
            ? redirect
            : redirect + (redirect.contains("?") ? '&' : '?') + "state=" + encode(state));
  }

  private String loginAction() {
    return issuer + "/login-actions/authenticate";
  }

  private void token(HttpExchange exchange) throws IOException {
    if (!"POST".equals(exchange.getRequestMethod())) {
      oauthError(exchange, 405, "invalid_request", "use POST");
      return;
    }
    Map<String, String> form = formOf(exchange);
    if (form == null) {
      oauthError(exchange, 400, "invalid_request", "a parameter is repeated");
      return;
    }
    Realm.Client client = authenticateClient(exchange, form);
    if (client == null) {
      oauthError(exchange, 401, "invalid_client", "unknown client or wrong secret");
      return;
    }
    String grant = form.getOrDefault("grant_type", "");
    switch (grant) {
      case "authorization_code" -> exchangeCode(exchange, client, form);
      case "refresh_token" -> refresh(exchange, client, form);
      case "password", "client_credentials" -> directGrant(exchange, client, grant, form);
      default ->
          oauthError(
              exchange, 400, "unsupported_grant_type", "grant " + grant + " is not supported");
    }
  }

  private void directGrant(
      HttpExchange exchange, Realm.Client client, String grant, Map<String, String> form)
      throws IOException {
    Optional<Realm.User> user =
        grant.equals("password")
            ? client.directAccessGrants
                ? realm.authenticate(form.get("username"), form.get("password"), clock.instant())
                : Optional.empty()
            : client.serviceAccounts
                ? Optional.ofNullable(realm.serviceAccounts.get(client.id))
                : Optional.empty();
    if (user.isEmpty()) {
      oauthError(exchange, 401, "invalid_grant", "invalid user credentials");
      return;
    }
    Instant now = clock.instant();
    ObjectNode body = JSON.createObjectNode();
    body.put(
        "access_token",
        accessToken(user.get(), client, now, now.plus(realm.tokenLifespan), c -> c));
    body.put("token_type", "Bearer");
    body.put("expires_in", realm.tokenLifespan.toSeconds());
    body.put("scope", "openid profile email");
    answer(exchange, 200, body);
  }

  private void exchangeCode(HttpExchange exchange, Realm.Client client, Map<String, String> form)
      throws IOException {
    Optional<SignIns.Code> redeemed = signIns.redeem(form.get("code"));
    if (redeemed.isEmpty() || redeemed.get().request().client() != client) {
      oauthError(exchange, 400, "invalid_grant", "the code is unknown, used or expired");
      return;
    }
    SignIns.AuthRequest request = redeemed.get().request();
    if (!request.redirectUri().equals(form.get("redirect_uri"))) {
      oauthError(exchange, 400, "invalid_grant", "redirect_uri differs from the authorization's");
      return;
    }
    if (request.codeChallenge() != null
        && !request.codeChallenge().equals(s256(form.get("code_verifier")))) {
      oauthError(exchange, 400, "invalid_grant", "the PKCE code verifier does not match");
      return;
    }
    Optional<SignIns.Session> session = signIns.session(redeemed.get().session().id);
    if (session.isEmpty()) {
      oauthError(exchange, 400, "invalid_grant", "the session has ended");
      return;
    }
    String refreshToken = signIns.issueRefresh(client.id, session.get(), request.scope());
    answerTokens(exchange, client, session.get(), request.scope(), request.nonce(), refreshToken);
  }

  private void refresh(HttpExchange exchange, Realm.Client client, Map<String, String> form)
      throws IOException {
    String token = form.get("refresh_token");
    Optional<SignIns.Refresh> grant = signIns.refresh(token);
    if (grant.isEmpty() || !grant.get().clientId().equals(client.id)) {
      oauthError(exchange, 400, "invalid_grant", "the refresh token is not valid");
      return;
    }
    answerTokens(exchange, client, grant.get().session(), grant.get().scope(), null, token);
  }

  private void answerTokens(
      HttpExchange exchange,
      Realm.Client client,
      SignIns.Session session,
      String scope,
      String nonce,
      String refreshToken)
      throws IOException {
    Instant now = clock.instant();
    Instant expires = now.plus(realm.tokenLifespan);
    ObjectNode body = JSON.createObjectNode();
    body.put(
        "access_token",
        accessToken(session.user, client, now, expires, c -> c.put("sid", session.id)));
    body.put("token_type", "Bearer");
    body.put("expires_in", realm.tokenLifespan.toSeconds());
    body.put("refresh_token", refreshToken);
    body.put("refresh_expires_in", signIns.remaining(session).toSeconds());
    if (Set.of(scope.split(" ")).contains("openid")) {
      body.put("id_token", idToken(session, client, nonce, now, expires));
    }
    body.put("session_state", session.id);
    body.put("scope", scope);
    answer(exchange, 200, body);
  }

  private Realm.Client authenticateClient(HttpExchange exchange, Map<String, String> form) {
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
    Realm.Client client = id == null ? null : realm.clients.get(id);
    if (client == null) {
      return null;
    }
    return client.isPublic() || Realm.equal(client.secret, secret) ? client : null;
  }

  // The claims Keycloak puts into an access token with the realm's mappers.
  private String accessToken(
      Realm.User user,
      Realm.Client client,
      Instant issuedAt,
      Instant expiresAt,
      UnaryOperator<ObjectNode> change) {
    ObjectNode claims = claims(user, client.id, issuedAt, expiresAt);
    if (client.audience != null) {
      claims.put("aud", client.audience);
    }
    claims.put("typ", "Bearer");
    claims.put("scope", "openid profile email");
    ArrayNode roles = claims.putObject("realm_access").putArray("roles");
    user.roles().forEach(roles::add);
    return sign(change.apply(claims));
  }

  // An ID token as Keycloak issues it to a client: for that client, naming the session.
  private String idToken(
      SignIns.Session session, Realm.Client client, String nonce, Instant now, Instant expires) {
    ObjectNode claims = claims(session.user, client.id, now, expires);
    claims.put("aud", client.id);
    claims.put("typ", "ID");
    claims.put("auth_time", session.started.getEpochSecond());
    claims.put("sid", session.id);
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    return sign(claims);
  }

  private ObjectNode claims(Realm.User user, String clientId, Instant issuedAt, Instant expiresAt) {
    ObjectNode claims = JSON.createObjectNode();
    claims.put("exp", expiresAt.getEpochSecond());
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("iss", issuer);
    claims.put("sub", user.id());
    claims.put("azp", clientId);
    claims.put("preferred_username", user.username());
    if (user.name() != null) {
      claims.put("name", user.name());
    }
    ArrayNode groups = claims.putArray("groups");
    user.groups().forEach(groups::add);
    if (user.department() != null) {
      claims.put("department", user.department());
    }
    return claims;
  }

  private String sign(ObjectNode claims) {
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("kid", keyId);
    try {
      String signingInput =
          B64.encodeToString(JSON.writeValueAsBytes(header))
              + "."
              + B64.encodeToString(JSON.writeValueAsBytes(claims));
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

  // The claims of a token this issuer signed (expired or not: a logout names an old session too).
  private Optional<JsonNode> verifiedOwnToken(String token) {
    String[] parts = token == null ? new String[0] : token.split("\\.");
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      Base64.Decoder decoder = Base64.getUrlDecoder();
      JsonNode header = JSON.readTree(decoder.decode(parts[0]));
      if (!"RS256".equals(header.path("alg").asText())
          || !keyId.equals(header.path("kid").asText())) {
        return Optional.empty();
      }
      PublicKey publicKey =
          KeyFactory.getInstance("RSA")
              .generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(publicKey);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(decoder.decode(parts[2]))) {
        return Optional.empty();
      }
      JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
      return issuer.equals(claims.path("iss").asText()) ? Optional.of(claims) : Optional.empty();
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String s256(String verifier) {
    if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}")) {
      return null;
    }
    try {
      return B64.encodeToString(
          MessageDigest.getInstance("SHA-256")
              .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  // The query of a GET, the form of a POST; null when a parameter is repeated.
  private static Map<String, String> parametersOf(HttpExchange exchange) throws IOException {
    return "POST".equals(exchange.getRequestMethod())
        ? formOf(exchange)
        : parse(exchange.getRequestURI().getRawQuery());
  }

  private static Map<String, String> formOf(HttpExchange exchange) throws IOException {
    byte[] raw = exchange.getRequestBody().readNBytes(16 * 1024);
    return parse(new String(raw, StandardCharsets.UTF_8));
  }

  private static Map<String, String> parse(String raw) {
    Map<String, String> parameters = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (String pair : raw == null ? new String[0] : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
        if (!seen.add(name)) {
          return null;
        }
        parameters.put(name, URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return parameters;
  }

  private static Optional<String> cookie(HttpExchange exchange, String name) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String pair : header.split(";")) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return Optional.of(pair.substring(eq + 1).strip());
        }
      }
    }
    return Optional.empty();
  }

  // Only the issuer's own paths see its cookies; never readable by scripts.
  private void setCookie(HttpExchange exchange, String name, String value) {
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", name + "=" + value + "; Path=" + base + "/; HttpOnly; SameSite=Lax");
  }

  private void expireCookie(HttpExchange exchange, String name) {
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", name + "=; Path=" + base + "/; Max-Age=0; HttpOnly; SameSite=Lax");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(302, -1);
  }

  private static void page(HttpExchange exchange, int status, String html) throws IOException {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", "text/html; charset=utf-8");
    headers.set("Cache-Control", "no-store");
    headers.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
    headers.set("X-Frame-Options", "DENY");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("Referrer-Policy", "no-referrer");
    exchange.sendResponseHeaders(status, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
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
}
