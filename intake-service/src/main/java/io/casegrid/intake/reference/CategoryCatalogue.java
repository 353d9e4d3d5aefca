package io.casegrid.intake.reference;

import io.casegrid.events.Urgency;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versions of the category catalogue (分类目录版本). A load that changes the catalogue (a category
 * added, renamed, reclassed, given another default urgency or duplicate window, or retired) makes a
 * new version effective from the load, kept whole; a case keeps the version it was filed under and
 * shows its category as that version has it. Versions never change, so each is read once and kept
 * in memory.
 */
@ApplicationScoped
public class CategoryCatalogue {

  /** One version: when it took effect, how many categories, and how many it added or changed. */
  public record Version(int version, Instant effectiveAt, int categories, int added, int changed) {}

  private static final String COLUMNS =
      "code, name, name_en, kind, default_urgency, duplicate_radius_metres,"
          + " duplicate_window_hours";

  private final EntityManager entityManager;
  private final Map<Integer, Map<String, ReferenceCache.CategoryInfo>> revisions =
      new ConcurrentHashMap<>();

  CategoryCatalogue(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * Compares the categories as loaded with the current version, and makes a new version if they
   * differ; call in the loading transaction, after the categories are written. Returns the current
   * version, 0 while the catalogue is empty.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  int recordIfChanged() {
    // Loads one after another, so two cannot take the same number.
    entityManager
        .createNativeQuery("LOCK TABLE category_version IN SHARE ROW EXCLUSIVE MODE")
        .executeUpdate();
    int current = current();
    Object[] difference =
        (Object[])
            entityManager
                .createNativeQuery(
                    "SELECT count(*) FILTER (WHERE r.code IS NULL), count(*) FILTER (WHERE r.code"
                        + " IS NOT NULL AND (c.name, c.name_en, c.kind, c.default_urgency,"
                        + " c.duplicate_radius_metres, c.duplicate_window_hours) IS DISTINCT FROM"
                        + " (r.name, r.name_en, r.kind, r.default_urgency,"
                        + " r.duplicate_radius_metres, r.duplicate_window_hours)), count(*) FROM"
                        + " category c LEFT JOIN category_revision r ON r.version = ?1 AND r.code"
                        + " = c.code")
                .setParameter(1, current)
                .getSingleResult();
    int added = ((Number) difference[0]).intValue();
    // A category the load retired changes the catalogue as much as one it renamed.
    int retired =
        ((Number)
                entityManager
                    .createNativeQuery(
                        "SELECT count(*) FROM category_revision r WHERE r.version = ?1 AND NOT"
                            + " EXISTS (SELECT 1 FROM category c WHERE c.code = r.code)")
                    .setParameter(1, current)
                    .getSingleResult())
            .intValue();
    int changed = ((Number) difference[1]).intValue() + retired;
    if (added + changed == 0) {
      return current;
    }
    int next = current + 1;
    entityManager
        .createNativeQuery(
            "INSERT INTO category_version (version, effective_at, categories, added, changed)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, next)
        .setParameter(2, Instant.now().truncatedTo(ChronoUnit.MICROS))
        .setParameter(3, ((Number) difference[2]).intValue())
        .setParameter(4, added)
        .setParameter(5, changed)
        .executeUpdate();
    entityManager
        .createNativeQuery(
            "INSERT INTO category_revision (version, "
                + COLUMNS
                + ") SELECT ?1, "
                + COLUMNS
                + " FROM category")
        .setParameter(1, next)
        .executeUpdate();
    return next;
  }

  /** The version in effect now; 0 while the catalogue is empty. */
  public int current() {
    return ((Number)
            entityManager
                .createNativeQuery("SELECT COALESCE(max(version), 0) FROM category_version")
                .getSingleResult())
        .intValue();
  }

  /** Every version, the newest first. */
  @SuppressWarnings("unchecked")
  public List<Version> versions() {
    return ((List<Object[]>)
            entityManager
                .createNativeQuery(
                    "SELECT version, effective_at, categories, added, changed FROM"
                        + " category_version ORDER BY version DESC")
                .getResultList())
        .stream().map(CategoryCatalogue::version).toList();
  }

  @SuppressWarnings("unchecked")
  public Optional<Version> version(int version) {
    return ((List<Object[]>)
            entityManager
                .createNativeQuery(
                    "SELECT version, effective_at, categories, added, changed FROM"
                        + " category_version WHERE version = ?1")
                .setParameter(1, version)
                .getResultList())
        .stream().findFirst().map(CategoryCatalogue::version);
  }

  /**
   * The categories of a version by code, in code order; empty for a version that does not exist.
   */
  public Map<String, ReferenceCache.CategoryInfo> categoriesOf(int version) {
    Map<String, ReferenceCache.CategoryInfo> known = revisions.get(version);
    if (known != null) {
      return known;
    }
    Map<String, ReferenceCache.CategoryInfo> read = read(version);
    // An unknown version is not kept: it may be made by the next load.
    if (!read.isEmpty()) {
      revisions.putIfAbsent(version, read);
    }
    return read;
  }

  /** A category as the version had it. */
  public Optional<ReferenceCache.CategoryInfo> category(int version, String code) {
    return Optional.ofNullable(categoriesOf(version).get(code));
  }

  @SuppressWarnings("unchecked")
  private Map<String, ReferenceCache.CategoryInfo> read(int version) {
    Map<String, ReferenceCache.CategoryInfo> categories = new LinkedHashMap<>();
    for (Object[] r :
        (List<Object[]>)
            entityManager
                .createNativeQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM category_revision WHERE version = ?1 ORDER BY code")
                .setParameter(1, version)
                .getResultList()) {
      categories.put(
          (String) r[0],
          new ReferenceCache.CategoryInfo(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              CategoryKind.valueOf((String) r[3]),
              Urgency.valueOf((String) r[4]),
              version,
              r[5] == null ? null : ((Number) r[5]).intValue(),
              r[6] == null ? null : ((Number) r[6]).intValue()));
    }
    return java.util.Collections.unmodifiableMap(categories);
  }

  private static Version version(Object[] r) {
    return new Version(
        ((Number) r[0]).intValue(),
        r[1] instanceof OffsetDateTime o ? o.toInstant() : (Instant) r[1],
        ((Number) r[2]).intValue(),
        ((Number) r[3]).intValue(),
        ((Number) r[4]).intValue());
  }
}
