package io.casegrid.kit.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.function.LongFunction;

/**
 * The version of a service's reference data (categories, areas, routing, policies...), bumped by
 * every load. Services keep reference data in memory and rebuild it when the version moves, which
 * another instance of the service may have caused.
 */
@ApplicationScoped
public class ReferenceVersion {

  private final EntityManager entityManager;

  ReferenceVersion(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /** Marks the reference data as changed; call in the loading transaction. */
  public long bump() {
    return ((Number)
            entityManager
                .createNativeQuery(
                    "UPDATE reference_version SET version = version + 1 WHERE id = 1"
                        + " RETURNING version")
                .getSingleResult())
        .longValue();
  }

  public long current() {
    return ((Number)
            entityManager
                .createNativeQuery("SELECT version FROM reference_version WHERE id = 1")
                .getSingleResult())
        .longValue();
  }

  /**
   * A value built from the reference data, rebuilt when the version moved; the version is looked at
   * most once per {@code checkEvery}. Read it inside a transaction.
   */
  public <T> Cached<T> cache(Duration checkEvery, LongFunction<T> build) {
    return new Cached<>(this, checkEvery, build);
  }

  /** See {@link #cache}. */
  public static final class Cached<T> {

    private record Snapshot<T>(long version, long checkedAt, T value) {}

    private final ReferenceVersion version;
    private final long checkEveryNanos;
    private final LongFunction<T> build;
    private volatile Snapshot<T> snapshot;

    private Cached(ReferenceVersion version, Duration checkEvery, LongFunction<T> build) {
      this.version = version;
      this.checkEveryNanos = checkEvery.toNanos();
      this.build = build;
    }

    public T get() {
      Snapshot<T> s = snapshot;
      long now = System.nanoTime();
      if (s != null && now - s.checkedAt() < checkEveryNanos) {
        return s.value();
      }
      long current = version.current();
      T value = s != null && s.version() == current ? s.value() : build.apply(current);
      snapshot = new Snapshot<>(current, now, value);
      return value;
    }

    /** Forgets the value, so the next read rebuilds it (after a load in this instance). */
    public void invalidate() {
      snapshot = null;
    }
  }
}
