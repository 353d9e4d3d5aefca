package io.casegrid.kit.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A service's parts of city packages (table {@code city_package_part}, which each service creates):
 * staged under a load id, checked by the service's own rules, and activated when every service has
 * staged its part, so that the three switch on one activation. At most one part is active; an
 * activation is idempotent, so a load activated again changes nothing.
 */
@ApplicationScoped
public class StagedParts {

  /** Where a part stands. */
  public enum State {
    /** Checked and kept, not in effect. */
    STAGED,
    /** In effect: the service's reference data is this part. */
    ACTIVE,
    /** Was in effect; a later load replaced it. */
    SUPERSEDED
  }

  /** A part as kept: its load, SHA-256, state and content (the service's reference data). */
  public record Part(
      UUID load,
      String digest,
      State state,
      String content,
      Instant stagedAt,
      String stagedBy,
      Instant activatedAt) {}

  /** Staged parts of loads never activated are kept this many, the newest. */
  static final int KEPT = 20;

  private final EntityManager entityManager;

  StagedParts(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Keeps a checked part under its load; a part staged again under the same load replaces it. */
  @Transactional
  public void stage(UUID load, String digest, String content, String stagedBy) {
    entityManager
        .createNativeQuery(
            "INSERT INTO city_package_part (load_id, digest, state, content, staged_at, staged_by)"
                + " VALUES (?1, ?2, 'STAGED', ?3, ?4, ?5) ON CONFLICT (load_id) DO UPDATE SET"
                + " digest = excluded.digest, content = excluded.content, staged_at ="
                + " excluded.staged_at, staged_by = excluded.staged_by WHERE"
                + " city_package_part.state = 'STAGED'")
        .setParameter(1, load)
        .setParameter(2, digest)
        .setParameter(3, content)
        .setParameter(4, Instant.now().truncatedTo(ChronoUnit.MICROS))
        .setParameter(5, stagedBy)
        .executeUpdate();
    entityManager
        .createNativeQuery(
            "DELETE FROM city_package_part WHERE state = 'STAGED' AND load_id NOT IN (SELECT"
                + " load_id FROM city_package_part WHERE state = 'STAGED' ORDER BY staged_at DESC"
                + " LIMIT ?1)")
        .setParameter(1, KEPT)
        .executeUpdate();
  }

  public Optional<Part> find(UUID load) {
    return select("WHERE load_id = ?1", load).stream().findFirst();
  }

  /** The part in effect, if a package was ever activated. */
  public Optional<Part> active() {
    return select("WHERE state = 'ACTIVE'", null).stream().findFirst();
  }

  /** Marks the part active and the one before superseded; call in the activating transaction. */
  @Transactional(Transactional.TxType.MANDATORY)
  public void activated(UUID load) {
    entityManager
        .createNativeQuery(
            "UPDATE city_package_part SET state = 'SUPERSEDED' WHERE state = 'ACTIVE' AND load_id"
                + " <> ?1")
        .setParameter(1, load)
        .executeUpdate();
    entityManager
        .createNativeQuery(
            "UPDATE city_package_part SET state = 'ACTIVE', activated_at = ?2 WHERE load_id = ?1")
        .setParameter(1, load)
        .setParameter(2, Instant.now().truncatedTo(ChronoUnit.MICROS))
        .executeUpdate();
  }

  @SuppressWarnings("unchecked")
  private List<Part> select(String where, UUID load) {
    var query =
        entityManager.createNativeQuery(
            "SELECT load_id, digest, state, content, staged_at, staged_by, activated_at FROM"
                + " city_package_part "
                + where);
    if (load != null) {
      query.setParameter(1, load);
    }
    return ((List<Object[]>) query.getResultList())
        .stream()
            .map(
                r ->
                    new Part(
                        (UUID) r[0],
                        (String) r[1],
                        State.valueOf((String) r[2]),
                        (String) r[3],
                        instant(r[4]),
                        (String) r[5],
                        instant(r[6])))
            .toList();
  }

  private static Instant instant(Object value) {
    return value == null
        ? null
        : value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
  }
}
