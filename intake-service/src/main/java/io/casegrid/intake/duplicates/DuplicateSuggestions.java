package io.casegrid.intake.duplicates;

import io.casegrid.events.Channel;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Suggests the open cases a report about to be registered probably duplicates, so the operator can
 * add the caller to the existing case and tell them its number instead of opening another.
 */
@ApplicationScoped
public class DuplicateSuggestions {

  /** An open case the new report probably duplicates. */
  public record Suggestion(
      UUID caseId,
      String caseNumber,
      long distanceMetres,
      boolean sameAsset,
      OffsetDateTime reportedAt,
      long ageMinutes,
      CaseStatus status,
      int reporterCount,
      String description,
      String addressText,
      String gridCode) {}

  /** The suggestions, and the distance and time they were looked for within. */
  public record Suggestions(
      String categoryCode, int radiusMetres, long windowHours, List<Suggestion> suggestions) {}

  private record Row(
      UUID id,
      String caseNumber,
      CaseStatus status,
      Channel channel,
      Instant reportedAt,
      String description,
      String addressText,
      String gridCode) {}

  private final EntityManager entityManager;
  private final ReferenceCache reference;
  private final DuplicatesConfig config;
  private final CityConfig city;

  DuplicateSuggestions(
      EntityManager entityManager,
      ReferenceCache reference,
      DuplicatesConfig config,
      CityConfig city) {
    this.entityManager = entityManager;
    this.reference = reference;
    this.config = config;
    this.city = city;
  }

  /** The suggestions, their descriptions and addresses as {@code freeText} shows them. */
  @Transactional
  public Suggestions suggest(DuplicateQuery query, UnaryOperator<String> freeText) {
    ReferenceCache.CategoryInfo category =
        reference
            .category(query.categoryCode())
            .orElseThrow(
                () ->
                    DomainException.invalidField(
                        "unknown-category", "categoryCode", "is not in the category catalogue"));
    DuplicateMatcher.Place place = place(query);
    DuplicateMatcher.Window window =
        new DuplicateMatcher.Window(
            category.duplicateRadiusMetres() != null
                ? category.duplicateRadiusMetres()
                : config.radiusMetres(),
            category.duplicateWindowHours() != null
                ? Duration.ofHours(category.duplicateWindowHours())
                : config.window());
    Instant now = Instant.now();
    List<DuplicateMatcher.Match<Row>> matches =
        DuplicateMatcher.matches(
            new DuplicateMatcher.Report(place, query.assetCode(), now),
            candidates(category.code(), place, query.assetCode(), window, now),
            window,
            config.maxSuggestions());
    Map<UUID, Integer> joined = joinedReporters(matches.stream().map(m -> m.item().id()).toList());
    return new Suggestions(
        category.code(),
        window.radiusMetres(),
        window.within().toHours(),
        matches.stream()
            .map(
                m -> {
                  Row r = m.item();
                  int reporters =
                      (CaseRecord.filedByPerson(r.channel()) ? 1 : 0)
                          + joined.getOrDefault(r.id(), 0);
                  return new Suggestion(
                      r.id(),
                      r.caseNumber(),
                      m.distanceMetres(),
                      m.sameAsset(),
                      r.reportedAt().atZone(city.zone()).toOffsetDateTime(),
                      m.age().toMinutes(),
                      r.status(),
                      reporters,
                      freeText.apply(r.description()),
                      freeText.apply(r.addressText()),
                      r.gridCode());
                })
            .toList());
  }

  private DuplicateMatcher.Place place(DuplicateQuery query) {
    if (query.position() != null) {
      return new DuplicateMatcher.Place(query.position().latitude(), query.position().longitude());
    }
    @SuppressWarnings("unchecked")
    List<Object[]> asset =
        entityManager
            .createNativeQuery("SELECT latitude, longitude FROM asset WHERE code = ?1")
            .setParameter(1, query.assetCode())
            .getResultList();
    if (asset.isEmpty()) {
      throw DomainException.invalidField(
          "unknown-asset", "assetCode", "is not in the asset register");
    }
    return new DuplicateMatcher.Place(
        ((Number) asset.get(0)[0]).doubleValue(), ((Number) asset.get(0)[1]).doubleValue());
  }

  // A first selection by index (category, time) and by a box around the place; the matcher
  // measures each exactly.
  private List<DuplicateMatcher.Candidate<Row>> candidates(
      String categoryCode,
      DuplicateMatcher.Place place,
      String assetCode,
      DuplicateMatcher.Window window,
      Instant now) {
    DuplicateMatcher.Box box = DuplicateMatcher.box(place, window.radiusMetres());
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT id, case_number, status, channel, reported_at, description, address_text,"
                    + " grid_code, latitude, longitude, asset_code FROM case_record WHERE"
                    + " category_code = ?1 AND reported_at >= ?2 AND status IN (?3) AND"
                    + " ((latitude BETWEEN ?4 AND ?5 AND longitude BETWEEN ?6 AND ?7) OR"
                    + " asset_code = ?8)")
            .setParameter(1, categoryCode)
            .setParameter(2, now.minus(window.within()))
            .setParameter(3, CaseStatus.openOnes().stream().map(Enum::name).toList())
            .setParameter(4, box.minLatitude())
            .setParameter(5, box.maxLatitude())
            .setParameter(6, box.minLongitude())
            .setParameter(7, box.maxLongitude())
            .setParameter(8, assetCode == null ? "" : assetCode)
            .getResultList();
    List<DuplicateMatcher.Candidate<Row>> candidates = new ArrayList<>();
    for (Object[] r : rows) {
      candidates.add(
          new DuplicateMatcher.Candidate<>(
              new Row(
                  (UUID) r[0],
                  (String) r[1],
                  CaseStatus.valueOf((String) r[2]),
                  Channel.valueOf((String) r[3]),
                  instant(r[4]),
                  (String) r[5],
                  (String) r[6],
                  (String) r[7]),
              r[8] == null
                  ? null
                  : new DuplicateMatcher.Place(
                      ((Number) r[8]).doubleValue(), ((Number) r[9]).doubleValue()),
              (String) r[10],
              instant(r[4])));
    }
    return candidates;
  }

  private Map<UUID, Integer> joinedReporters(List<UUID> caseIds) {
    Map<UUID, Integer> counts = new HashMap<>();
    if (caseIds.isEmpty()) {
      return counts;
    }
    entityManager
        .createQuery(
            "SELECT r.caseId, count(r) FROM CaseReporter r WHERE r.caseId IN :ids GROUP BY"
                + " r.caseId",
            Object[].class)
        .setParameter("ids", caseIds)
        .getResultList()
        .forEach(r -> counts.put((UUID) r[0], ((Number) r[1]).intValue()));
    return counts;
  }

  private static Instant instant(Object value) {
    return value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
  }
}
