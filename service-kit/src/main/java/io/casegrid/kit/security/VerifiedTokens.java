package io.casegrid.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The identities of bearer access tokens already verified, so that a token sent again (a client
 * sends the same token on every request until it expires) is not parsed and its RS256 signature
 * checked again: that took a quarter of intake's CPU per registration.
 *
 * <p>Keyed by the whole token as sent: a token differing in a single byte (a forged signature,
 * altered claims) is not found and goes to the full verification. Only what Quarkus OIDC verified
 * successfully is kept, and only the default tenant's bearer tokens (not the consoles' sessions).
 * An entry lives until the token's {@code exp} and never longer than {@code
 * casegrid.security.token-cache.max-age}, which bounds how long a token stays accepted after the
 * identity provider withdrew its signing key; a token past its {@code exp} is never answered from
 * here.
 */
@ApplicationScoped
public class VerifiedTokens {

  /** The OIDC tenant a request was resolved to (Quarkus OIDC's routing context attribute). */
  static final String TENANT_ATTRIBUTE = "tenant-id";

  /** Marks an identity answered from here, so that it is not stored again. */
  static final String FROM_CACHE = VerifiedTokens.class.getName();

  private static final String DEFAULT_TENANT = "Default";

  private final LongSupplier millis;
  private final Duration maxAge;
  private final Cache<String, Verified> cache;

  @Inject
  VerifiedTokens(SecurityConfig config) {
    this(config.tokenCache().maxAge(), config.tokenCache().maxSize(), System::currentTimeMillis);
  }

  VerifiedTokens(Duration maxAge, int maxSize, LongSupplier millis) {
    this.millis = millis;
    this.maxAge = maxAge;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxSize)
            .expireAfter(new UntilExpiry())
            .ticker(() -> millis.getAsLong() * 1_000_000L)
            .executor(Runnable::run)
            .build();
  }

  /** An identity Quarkus OIDC made, answered until {@code until} (epoch milliseconds). */
  private record Verified(SecurityIdentity identity, long until) {}

  /**
   * The identity of a token verified before and still valid, made for this request; null if it must
   * be verified.
   */
  SecurityIdentity find(
      String tenant, String token, RoutingContext request, AuthenticationRequestContext context) {
    if (!DEFAULT_TENANT.equals(tenant)) {
      return null;
    }
    Verified verified = cache.getIfPresent(token);
    if (verified == null || millis.getAsLong() >= verified.until()) {
      return null;
    }
    // The identity carries the request it was made for; a cached one gets the current request.
    return QuarkusSecurityIdentity.builder(verified.identity())
        .addAttribute(RoutingContext.class.getName(), request)
        .addAttribute(AuthenticationRequestContext.class.getName(), context)
        .addAttribute(FROM_CACHE, Boolean.TRUE)
        .build();
  }

  /** Keeps an identity Quarkus OIDC has just verified from a bearer access token. */
  void keep(SecurityIdentity identity) {
    if (identity.isAnonymous()
        || identity.getAttribute(FROM_CACHE) != null
        || !DEFAULT_TENANT.equals(identity.getAttribute(TENANT_ATTRIBUTE))
        || !(identity.getPrincipal() instanceof JsonWebToken jwt)
        || jwt.getExpirationTime() <= 0) {
      return;
    }
    AccessTokenCredential token = identity.getCredential(AccessTokenCredential.class);
    if (token == null || token.getToken() == null) {
      return;
    }
    long now = millis.getAsLong();
    long until = Math.min(jwt.getExpirationTime() * 1000, now + maxAge.toMillis());
    if (until <= now) {
      return;
    }
    // Not the request it was verified in: that would keep the request's buffers alive.
    SecurityIdentity kept =
        QuarkusSecurityIdentity.builder(identity)
            .addAttribute(RoutingContext.class.getName(), null)
            .addAttribute(AuthenticationRequestContext.class.getName(), null)
            .build();
    cache.asMap().putIfAbsent(token.getToken(), new Verified(kept, until));
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private final class UntilExpiry implements Expiry<String, Verified> {
    @Override
    public long expireAfterCreate(String token, Verified verified, long currentTime) {
      return Math.max(0, verified.until() - millis.getAsLong()) * 1_000_000L;
    }

    @Override
    public long expireAfterUpdate(
        String token, Verified verified, long currentTime, long currentDuration) {
      return expireAfterCreate(token, verified, currentTime);
    }

    @Override
    public long expireAfterRead(
        String token, Verified verified, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
