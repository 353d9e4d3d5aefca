package io.casegrid.kit.security;

import io.casegrid.kit.console.ConsoleTenantResolver;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Answers a bearer token verified before from {@link VerifiedTokens}, ahead of Quarkus OIDC's
 * mechanism. Quarkus OIDC, even when the identity was then found in the cache, first resolved the
 * tenant through a chain of Mutiny stages, decoded the token's JSON to tell whether it is opaque
 * ({@code AccessTokenCredential}'s constructor) and ran the identity providers: 7.5 % of intake's
 * CPU at overload.
 *
 * <p>It answers only a request of the API's default tenant carrying an {@code Authorization:
 * Bearer} token that Quarkus OIDC verified before and that has not expired; it answers nothing for
 * any other request (no token, a console's, a token never seen, altered or expired), which Quarkus
 * OIDC then authenticates, refuses or challenges exactly as without it. It gives no challenge of
 * its own, and no credential transport, so that a path or annotation asking for the bearer
 * mechanism still gets Quarkus OIDC's.
 */
@ApplicationScoped
public class VerifiedTokenMechanism implements HttpAuthenticationMechanism {

  private static final String SCHEME = "Bearer";

  // Quarkus OIDC's own mechanism has priority 1001.
  private static final int BEFORE_OIDC = 1002;

  private final VerifiedTokens tokens;
  private final ConsoleTenantResolver tenants;

  VerifiedTokenMechanism(VerifiedTokens tokens, ConsoleTenantResolver tenants) {
    this.tokens = tokens;
    this.tenants = tenants;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext request, IdentityProviderManager identityProviderManager) {
    String token = bearerToken(request);
    if (token == null || !VerifiedTokens.DEFAULT_TENANT.equals(tenants.resolve(request))) {
      return Uni.createFrom().nullItem();
    }
    SecurityIdentity identity = tokens.find(token, request);
    if (identity != null) {
      // As Quarkus OIDC marks a request it authenticated.
      request.put(VerifiedTokens.TENANT_ATTRIBUTE, VerifiedTokens.DEFAULT_TENANT);
    }
    return Uni.createFrom().item(identity);
  }

  /** The token as Quarkus OIDC takes it from the header: everything after the scheme's space. */
  static String bearerToken(RoutingContext request) {
    String header = request.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      return null;
    }
    int space = header.indexOf(' ');
    if (space != SCHEME.length() || !header.regionMatches(true, 0, SCHEME, 0, space)) {
      return null;
    }
    return header.substring(space + 1);
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(TokenAuthenticationRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom().nullItem();
  }

  @Override
  public int getPriority() {
    return BEFORE_OIDC;
  }
}
