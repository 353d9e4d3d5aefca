package io.casegrid.intake.open311;

import io.casegrid.kit.ratelimit.RateLimiter;
import io.casegrid.kit.ratelimit.TooManyRequests;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The Open311 client applications an administrator registered (reference data {@code
 * open311Clients}): an api key is known by its SHA-256 only. Keys are rate limited: each
 * application files at most its group {@code open311-clients} allows, and an address that sent more
 * wrong keys than {@code open311-key-guesses} allows is answered 429 before its key is even looked
 * at, so that guessing reveals nothing.
 */
@ApplicationScoped
class Open311Clients {

  private static final String GUESSES = "open311-key-guesses";

  private final EntityManager entityManager;
  private final RateLimiter limiter;
  private final HttpServerRequest request;

  Open311Clients(EntityManager entityManager, RateLimiter limiter, HttpServerRequest request) {
    this.entityManager = entityManager;
    this.limiter = limiter;
    this.request = request;
  }

  /**
   * The client application the key was issued to; empty for an unknown key. 429 ({@link
   * io.casegrid.kit.ratelimit.TooManyRequests}) when the application or the address is over its
   * limit.
   */
  Optional<String> clientOf(String apiKey) {
    SocketAddress remote = request.remoteAddress();
    String address = "address:" + (remote == null ? "unknown" : remote.hostAddress());
    limiter
        .exhausted(GUESSES, address)
        .ifPresent(
            wait -> {
              throw new TooManyRequests(wait);
            });
    Optional<String> client = lookUp(apiKey);
    if (client.isEmpty()) {
      limiter.acquire(GUESSES, address, "anonymous");
    } else {
      limiter.take("open311-clients", "client:" + client.get(), client.get());
    }
    return client;
  }

  private Optional<String> lookUp(String apiKey) {
    if (apiKey == null || apiKey.isBlank() || apiKey.length() > 200) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<String> clients =
        entityManager
            .createNativeQuery("SELECT client_id FROM open311_client WHERE api_key_sha256 = ?1")
            .setParameter(1, sha256(apiKey))
            .getResultList();
    return clients.stream().findFirst();
  }

  static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
