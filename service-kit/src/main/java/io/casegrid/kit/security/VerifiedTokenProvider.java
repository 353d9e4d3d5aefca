package io.casegrid.kit.security;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Answers a bearer token verified before from {@link VerifiedTokens}, ahead of Quarkus OIDC; for
 * any other it answers nothing, and Quarkus OIDC verifies it as always.
 */
@ApplicationScoped
public class VerifiedTokenProvider implements IdentityProvider<TokenAuthenticationRequest> {

  private final VerifiedTokens tokens;

  VerifiedTokenProvider(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  public Class<TokenAuthenticationRequest> getRequestType() {
    return TokenAuthenticationRequest.class;
  }

  // Before Quarkus OIDC's provider, which has the default priority.
  @Override
  public int priority() {
    return SYSTEM_FIRST + 2;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      TokenAuthenticationRequest request, AuthenticationRequestContext context) {
    if (!(request.getToken() instanceof AccessTokenCredential token)) {
      return Uni.createFrom().nullItem();
    }
    RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
    if (routing == null) {
      return Uni.createFrom().nullItem();
    }
    String tenant = routing.get(VerifiedTokens.TENANT_ATTRIBUTE);
    return Uni.createFrom().item(tokens.find(tenant, token.getToken(), routing, context));
  }
}
