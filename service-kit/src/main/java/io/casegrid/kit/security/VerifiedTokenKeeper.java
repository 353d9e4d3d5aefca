package io.casegrid.kit.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps each identity Quarkus OIDC verified from a bearer token in {@link VerifiedTokens}. */
@ApplicationScoped
public class VerifiedTokenKeeper implements SecurityIdentityAugmentor {

  private final VerifiedTokens tokens;

  VerifiedTokenKeeper(VerifiedTokens tokens) {
    this.tokens = tokens;
  }

  // First of all augmentors, so that the identity kept is the one verification made.
  @Override
  public int priority() {
    return Integer.MAX_VALUE;
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    tokens.keep(identity);
    return Uni.createFrom().item(identity);
  }
}
