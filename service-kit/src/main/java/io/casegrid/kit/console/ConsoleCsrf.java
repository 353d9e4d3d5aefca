package io.casegrid.kit.console;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The request token of a console session: a page gets it in its HTML, and every API call the page
 * makes on the strength of the session cookie must send it back in {@value Console#CSRF_HEADER}.
 * Another site can make a browser send the cookie, but cannot read the page, so it cannot send the
 * token. The token is an HMAC of the person ({@code sub}) and their session at the identity
 * provider ({@code sid}), so it needs no storage and holds across token refreshes.
 */
@ApplicationScoped
public class ConsoleCsrf {

  private final byte[] key;

  ConsoleCsrf(ConsoleConfig config) {
    this.key =
        config
            .sessionSecret()
            .map(secret -> hmac(secret.getBytes(StandardCharsets.UTF_8), "casegrid console csrf"))
            .orElseGet(ConsoleCsrf::randomKey);
  }

  /** The token of the session {@code identity} was authenticated by; empty for other callers. */
  public Optional<String> tokenFor(SecurityIdentity identity) {
    if (!Console.TENANT.equals(identity.getAttribute("tenant-id"))
        || !(identity.getPrincipal() instanceof JsonWebToken session)) {
      return Optional.empty();
    }
    String sid = session.getClaim("sid") == null ? "" : session.getClaim("sid").toString();
    return Optional.of(
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(hmac(key, session.getSubject() + "\n" + sid)));
  }

  /** Whether {@code presented} is the token of the session. */
  public boolean accepts(SecurityIdentity identity, String presented) {
    return presented != null
        && tokenFor(identity)
            .map(
                expected ->
                    MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII),
                        presented.getBytes(StandardCharsets.US_ASCII)))
            .orElse(false);
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
