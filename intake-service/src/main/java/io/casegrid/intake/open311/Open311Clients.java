package io.casegrid.intake.open311;

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
 * open311Clients}): an api key is known by its SHA-256 only.
 */
@ApplicationScoped
class Open311Clients {

  private final EntityManager entityManager;

  Open311Clients(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** The client application the key was issued to; empty for an unknown key. */
  Optional<String> clientOf(String apiKey) {
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
