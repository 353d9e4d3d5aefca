package io.casegrid.embedded;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The built-in issuer's memory of people signing in with a browser: single sign-on sessions,
 * authorization requests waiting for a password, authorization codes and refresh tokens. All of it
 * lives in memory only, so a restart of the issuer logs everybody out.
 */
final class SignIns {

  /** How long a login form may be filled in. */
  static final Duration LOGIN_LIFETIME = Duration.ofMinutes(10);

  /** Wrong passwords a login form takes before the client must start again. */
  static final int MAX_FAILURES = 5;

  /** How long an authorization code may be exchanged; Keycloak's default is one minute too. */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(1);

  /** A client's authorization request, checked before it is kept. */
  record AuthRequest(
      Realm.Client client,
      String redirectUri,
      String state,
      String nonce,
      String codeChallenge,
      String scope) {}

  /** A person signed in with a browser; their tokens name it as {@code sid}. */
  static final class Session {
    final String id;
    final Realm.User user;
    final Instant started;
    volatile Instant lastUsed;

    Session(String id, Realm.User user, Instant started) {
      this.id = id;
      this.user = user;
      this.started = started;
      this.lastUsed = started;
    }
  }

  /** A login form shown for a request; it takes a few wrong passwords, then it is gone. */
  record PendingLogin(AuthRequest request, Instant expires, AtomicInteger failures) {}

  record Code(AuthRequest request, Session session, Instant expires) {}

  record Refresh(String clientId, Session session, String scope) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final Duration idle;
  private final Duration max;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Map<String, PendingLogin> logins = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Refresh> refreshes = new ConcurrentHashMap<>();

  SignIns(Clock clock, Duration idle, Duration max) {
    this.clock = clock;
    this.idle = idle;
    this.max = max;
  }

  Instant now() {
    return clock.instant();
  }

  String startLogin(AuthRequest request) {
    sweep();
    String id = randomId();
    logins.put(id, new PendingLogin(request, now().plus(LOGIN_LIFETIME), new AtomicInteger()));
    return id;
  }

  /** The request a login form was shown for, while it waits. */
  Optional<AuthRequest> pendingLogin(String id) {
    PendingLogin login = id == null ? null : logins.get(id);
    return login == null || now().isAfter(login.expires())
        ? Optional.empty()
        : Optional.of(login.request());
  }

  /** Counts a wrong password; false once the form has taken too many, and is gone. */
  boolean loginFailed(String id) {
    PendingLogin login = logins.get(id);
    if (login != null && login.failures().incrementAndGet() < MAX_FAILURES) {
      return true;
    }
    logins.remove(id);
    return false;
  }

  /** The waiting request, taken away: a login form signs in once. */
  Optional<AuthRequest> finishLogin(String id) {
    Optional<AuthRequest> request = pendingLogin(id);
    logins.remove(id);
    return request;
  }

  Session startSession(Realm.User user) {
    Session session = new Session(randomId(), user, now());
    sessions.put(session.id, session);
    return session;
  }

  /** A live session, whose idle time starts again. */
  Optional<Session> session(String id) {
    Session s = id == null ? null : sessions.get(id);
    if (s == null) {
      return Optional.empty();
    }
    Instant now = now();
    if (now.isAfter(s.lastUsed.plus(idle)) || now.isAfter(s.started.plus(max))) {
      end(s.id);
      return Optional.empty();
    }
    s.lastUsed = now;
    return Optional.of(s);
  }

  /** How long the session's refresh tokens still hold if it stays idle. */
  Duration remaining(Session s) {
    Instant idleEnd = s.lastUsed.plus(idle);
    Instant maxEnd = s.started.plus(max);
    return Duration.between(now(), idleEnd.isBefore(maxEnd) ? idleEnd : maxEnd);
  }

  void end(String sessionId) {
    sessions.remove(sessionId);
    refreshes.values().removeIf(r -> r.session().id.equals(sessionId));
    codes.values().removeIf(c -> c.session().id.equals(sessionId));
  }

  String issueCode(AuthRequest request, Session session) {
    sweep();
    String code = randomId();
    codes.put(code, new Code(request, session, now().plus(CODE_LIFETIME)));
    return code;
  }

  /** The code's grant, taken away: a code is exchanged once, and only while it is fresh. */
  Optional<Code> redeem(String code) {
    Code c = code == null ? null : codes.remove(code);
    return c == null || now().isAfter(c.expires()) ? Optional.empty() : Optional.of(c);
  }

  String issueRefresh(String clientId, Session session, String scope) {
    String token = randomId();
    refreshes.put(token, new Refresh(clientId, session, scope));
    return token;
  }

  /** The refresh token's grant while its session lives. */
  Optional<Refresh> refresh(String token) {
    Refresh r = token == null ? null : refreshes.get(token);
    if (r == null || session(r.session().id).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(r);
  }

  private void sweep() {
    Instant now = now();
    logins.values().removeIf(l -> now.isAfter(l.expires()));
    codes.values().removeIf(c -> now.isAfter(c.expires()));
    sessions.values().stream().map(s -> s.id).toList().forEach(this::session);
  }

  private static String randomId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
