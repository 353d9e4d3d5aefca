package io.casegrid.kit.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

  private static final String TOKEN =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJvcGVyYXRvcjEifQ.c2lnbmF0dXJl";

  private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
  private final VerifiedTokens tokens = new VerifiedTokens(Duration.ofSeconds(60), 100, now::get);

  @Test
  void answersAVerifiedTokenSentAgainWithItsRolesForTheCurrentRequest() {
    tokens.keep(verified(TOKEN, "Default", secondsFromNow(300)));

    SecurityIdentity again = tokens.find("Default", TOKEN, null, null);

    assertThat(again).isNotNull();
    assertThat(again.getPrincipal().getName()).isEqualTo("operator1");
    assertThat(again.getRoles()).containsExactly("operator");
    assertThat(again.getCredential(AccessTokenCredential.class).getToken()).isEqualTo(TOKEN);
    assertThat((Object) again.getAttribute(VerifiedTokens.FROM_CACHE)).isEqualTo(true);
  }

  @Test
  void findsNoTokenDifferingInASingleCharacter() {
    tokens.keep(verified(TOKEN, "Default", secondsFromNow(300)));

    String forged = TOKEN.substring(0, TOKEN.length() - 1) + "X";

    assertThat(tokens.find("Default", forged, null, null)).isNull();
  }

  @Test
  void answersNoTokenOnceItHasExpiredEvenWithinTheMaximumAge() {
    tokens.keep(verified(TOKEN, "Default", secondsFromNow(10)));
    now.addAndGet(9_999);
    assertThat(tokens.find("Default", TOKEN, null, null)).isNotNull();

    now.addAndGet(1);

    assertThat(tokens.find("Default", TOKEN, null, null)).isNull();
  }

  @Test
  void verifiesAValidTokenAgainAfterTheMaximumAge() {
    tokens.keep(verified(TOKEN, "Default", secondsFromNow(900)));

    now.addAndGet(60_000);

    assertThat(tokens.find("Default", TOKEN, null, null)).isNull();
  }

  @Test
  void keepsNeitherExpiredTokensNorOtherTenantsNorAnsweredOnes() {
    tokens.keep(verified("expired", "Default", secondsFromNow(0)));
    tokens.keep(verified("console", "console", secondsFromNow(300)));
    SecurityIdentity answered =
        QuarkusSecurityIdentity.builder(verified("answered", "Default", secondsFromNow(300)))
            .addAttribute(VerifiedTokens.FROM_CACHE, Boolean.TRUE)
            .build();
    tokens.keep(answered);

    assertThat(tokens.find("Default", "expired", null, null)).isNull();
    assertThat(tokens.find("console", "console", null, null)).isNull();
    assertThat(tokens.find("Default", "console", null, null)).isNull();
    assertThat(tokens.find("Default", "answered", null, null)).isNull();
    assertThat(tokens.size()).isZero();
  }

  @Test
  void neverHoldsMoreThanItsBound() {
    VerifiedTokens small = new VerifiedTokens(Duration.ofSeconds(60), 10, now::get);
    for (int i = 0; i < 1_000; i++) {
      small.keep(verified("token-" + i, "Default", secondsFromNow(300)));
    }
    assertThat(small.size()).isLessThanOrEqualTo(10);
  }

  private long secondsFromNow(long seconds) {
    return now.get() / 1000 + seconds;
  }

  private static SecurityIdentity verified(String token, String tenant, long expiresAt) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new Jwt(Map.of("preferred_username", "operator1", "exp", expiresAt)))
        .addRole("operator")
        .addCredential(new AccessTokenCredential(token))
        .addAttribute(VerifiedTokens.TENANT_ATTRIBUTE, tenant)
        .build();
  }

  private record Jwt(Map<String, Object> claims) implements JsonWebToken {
    @Override
    public String getName() {
      return (String) claims.get("preferred_username");
    }

    @Override
    public Set<String> getClaimNames() {
      return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String name) {
      return (T) claims.get(name);
    }
  }
}
