package io.casegrid.kit.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.hibernate.Session;

/**
 * The version of a service's reference data (categories, areas, routing, policies...), bumped by
 * every load. Services keep reference data in memory and rebuild it when the version moves, which
 * another instance of the service may have caused.
 */
@ApplicationScoped
public class ReferenceVersion {

  private final EntityManager entityManager;
  private final TransactionSynchronizationRegistry transactions;
  private final List<Cached<?>> caches = new CopyOnWriteArrayList<>();

  ReferenceVersion(EntityManager entityManager, TransactionSynchronizationRegistry transactions) {
    this.entityManager = entityManager;
    this.transactions = transactions;
  }

  /**
   * Marks the reference data as changed; call in the loading transaction. Every cache of this
   * service forgets its value once that transaction has ended: forgotten before the commit, a
   * reader in between would cache the old data again for a whole check period, and a value built
   * inside a transaction that rolls back must not outlive it.
   */
  public long bump() {
    long version =
        ((Number)
                entityManager
                    .createNativeQuery(
                        "UPDATE reference_version SET version = version + 1 WHERE id = 1"
                            + " RETURNING version")
                    .getSingleResult())
            .longValue();
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            caches.forEach(Cached::invalidate);
          }
        });
    return version;
  }

  /**
   * The version now. Plain JDBC: a native query would first flush the caller's session, and a
   * consumer's batch may hold hundreds of entities to dirty-check (a sixth of supervision's CPU at
   * 100 reports a second); the version is written by statements only, never held as an entity, so a
   * flush could not change what this reads.
   */
  public long current() {
    return entityManager
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
              try (PreparedStatement select =
                      connection.prepareStatement(
                          "SELECT version FROM reference_version WHERE id = 1");
                  ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
              }
            });
  }

  /**
   * A value built from the reference data, rebuilt when the version moved; the version is looked at
   * most once per {@code checkEvery}. Read it inside a transaction.
   */
  public <T> Cached<T> cache(Duration checkEvery, LongFunction<T> build) {
    Cached<T> cache = new Cached<>(this, checkEvery, build);
    caches.add(cache);
    return cache;
  }

  /** See {@link #cache}. */
  public static final class Cached<T> {

    private record Snapshot<T>(long version, long checkedAt, T value) {}

    private final ReferenceVersion version;
    private final long checkEveryNanos;
    private final LongFunction<T> build;
    private volatile Snapshot<T> snapshot;
    // Moved by every invalidation, so that a value built across one is not kept.
    private final AtomicLong generation = new AtomicLong();

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
      long seen = generation.get();
      long current = version.current();
      T value = s != null && s.version() == current ? s.value() : build.apply(current);
      synchronized (this) {
        if (generation.get() == seen) {
          snapshot = new Snapshot<>(current, now, value);
        }
      }
      return value;
    }

    /** Forgets the value, so the next read rebuilds it; a load's end does this for every cache. */
    void invalidate() {
      synchronized (this) {
        generation.incrementAndGet();
        snapshot = null;
      }
    }
  }
}
