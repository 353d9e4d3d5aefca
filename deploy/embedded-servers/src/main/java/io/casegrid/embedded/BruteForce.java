package io.casegrid.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keycloak's brute-force detection as a realm file sets it ({@code bruteForceProtected} and its
 * settings, with Keycloak's defaults where the file leaves them out), for the built-in issuer: a
 * user's wrong passwords are counted, and the user is locked out for a while, whatever password
 * comes next,
 *
 * <ul>
 *   <li>after a failure that follows the previous one within {@code quickLoginCheckMilliSeconds} (1
 *       s): for {@code minimumQuickLoginWaitSeconds} (60 s), since no person types that fast;
 *   <li>after every {@code failureFactor} (30) failures: for {@code waitIncrementSeconds} (60 s)
 *       times the failures over the factor, at most {@code maxFailureWaitSeconds} (15 min); with
 *       {@code permanentLockout}, for good (until the issuer restarts).
 * </ul>
 *
 * The count starts again after {@code maxDeltaTimeSeconds} (12 h) without a failure, and after a
 * successful login. An attempt while locked out is refused without checking the password and
 * without counting, as Keycloak's login refuses a temporarily disabled user.
 */
final class BruteForce {

  private final boolean on;
  private final boolean permanent;
  private final int failureFactor;
  private final Duration waitIncrement;
  private final Duration maxWait;
  private final Duration quickLoginCheck;
  private final Duration quickLoginWait;
  private final Duration maxDelta;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  BruteForce(JsonNode realm) {
    on = realm.path("bruteForceProtected").asBoolean(false);
    permanent = realm.path("permanentLockout").asBoolean(false);
    failureFactor = Math.max(1, realm.path("failureFactor").asInt(30));
    waitIncrement = Duration.ofSeconds(realm.path("waitIncrementSeconds").asLong(60));
    maxWait = Duration.ofSeconds(realm.path("maxFailureWaitSeconds").asLong(900));
    quickLoginCheck = Duration.ofMillis(realm.path("quickLoginCheckMilliSeconds").asLong(1000));
    quickLoginWait = Duration.ofSeconds(realm.path("minimumQuickLoginWaitSeconds").asLong(60));
    maxDelta = Duration.ofSeconds(realm.path("maxDeltaTimeSeconds").asLong(43200));
  }

  /** Whether {@code username} is locked out at {@code now}. */
  boolean lockedOut(String username, Instant now) {
    Failures f = failures.get(username);
    return on && f != null && f.lockedOut(now);
  }

  /** A wrong password for {@code username} at {@code now}. */
  void failed(String username, Instant now) {
    if (on) {
      failures.computeIfAbsent(username, u -> new Failures()).failed(now);
    }
  }

  /** A successful login: the count starts again. */
  void succeeded(String username) {
    failures.remove(username);
  }

  private final class Failures {
    private int count;
    private Instant last;
    private Instant notBefore = Instant.MIN;
    private boolean forGood;

    synchronized boolean lockedOut(Instant now) {
      return forGood || now.isBefore(notBefore);
    }

    synchronized void failed(Instant now) {
      Duration sinceLast = last == null ? null : Duration.between(last, now);
      last = now;
      if (sinceLast != null && sinceLast.compareTo(maxDelta) > 0) {
        count = 0;
      }
      count++;
      Duration wait = Duration.ZERO;
      // As Keycloak: a failure in the same millisecond as the last is not a quick one.
      if (sinceLast != null
          && sinceLast.compareTo(Duration.ZERO) > 0
          && sinceLast.compareTo(quickLoginCheck) < 0) {
        wait = quickLoginWait;
      }
      if (count % failureFactor == 0) {
        if (permanent) {
          forGood = true;
        }
        Duration increment = waitIncrement.multipliedBy(count / failureFactor);
        wait = max(wait, increment.compareTo(maxWait) > 0 ? maxWait : increment);
      }
      if (!wait.isZero()) {
        notBefore = max(notBefore, now.plus(wait));
      }
    }
  }

  private static <T extends Comparable<T>> T max(T a, T b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
