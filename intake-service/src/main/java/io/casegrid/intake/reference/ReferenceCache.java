package io.casegrid.intake.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.citypackage.geo.GeoJson;
import io.casegrid.events.Location;
import io.casegrid.events.Urgency;
import io.casegrid.intake.location.GridLocator;
import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The category catalogue and the grid index in memory, so a registration does not read them from
 * the database; rebuilt when the reference data's version moves.
 */
@ApplicationScoped
public class ReferenceCache {

  private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What intake needs to know of a category when registering a case, as a version of the catalogue
   * has it; the distance and time within which a new report of it is a likely duplicate, if the
   * category has its own (null: the configured default).
   */
  public record CategoryInfo(
      String code,
      String name,
      String nameEn,
      CategoryKind kind,
      Urgency defaultUrgency,
      int version,
      Integer duplicateRadiusMetres,
      Integer duplicateWindowHours) {}

  /** The reference data of one version, for work that must see one version throughout. */
  public record Snapshot(
      Map<String, CategoryInfo> categories,
      Set<String> areaCodes,
      GridLocator locator,
      Set<String> departmentCodes) {

    public Optional<CategoryInfo> category(String code) {
      return Optional.ofNullable(categories.get(code));
    }

    public Optional<Location> locate(double latitude, double longitude) {
      return locator.locate(latitude, longitude);
    }

    public boolean isDepartment(String code) {
      return departmentCodes.contains(code);
    }
  }

  private final EntityManager entityManager;
  private final CategoryCatalogue catalogue;
  private final ReferenceVersion.Cached<Snapshot> snapshot;

  ReferenceCache(
      EntityManager entityManager, CategoryCatalogue catalogue, ReferenceVersion version) {
    this.entityManager = entityManager;
    this.catalogue = catalogue;
    this.snapshot = version.cache(CHECK_EVERY, v -> load());
  }

  public Optional<CategoryInfo> category(String code) {
    return snapshot.get().category(code);
  }

  public Optional<Location> locate(double latitude, double longitude) {
    return snapshot.get().locate(latitude, longitude);
  }

  /** The reference data as it is now. Call it inside a transaction. */
  public Snapshot current() {
    return snapshot.get();
  }

  /** The whole category catalogue in effect, by code. */
  public List<CategoryInfo> categories() {
    return snapshot.get().categories().values().stream()
        .sorted(java.util.Comparator.comparing(CategoryInfo::code))
        .toList();
  }

  Set<String> categoryCodes() {
    return snapshot.get().categories().keySet();
  }

  Set<String> areaCodes() {
    return snapshot.get().areaCodes();
  }

  void invalidate() {
    snapshot.invalidate();
  }

  @SuppressWarnings("unchecked")
  private Snapshot load() {
    // The version in effect, as kept: a case records the version whose categories it used.
    Map<String, CategoryInfo> categories = catalogue.categoriesOf(catalogue.current());
    List<Object[]> areas =
        entityManager.createNativeQuery("SELECT code, level, geometry FROM area").getResultList();
    List<GridLocator.Grid> grids = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (Object[] r : areas) {
      String code = (String) r[0];
      codes.add(code);
      if (AreaLevel.GRID.name().equals(r[1])) {
        grids.add(
            new GridLocator.Grid(
                new Location(
                    code.substring(0, 6), code.substring(0, 9), code.substring(0, 12), code),
                GeoJson.read(readTree((String) r[2]))));
      }
    }
    Set<String> departments =
        Set.copyOf(
            (List<String>)
                entityManager.createNativeQuery("SELECT code FROM department").getResultList());
    return new Snapshot(
        Map.copyOf(categories), Set.copyOf(codes), new GridLocator(grids), departments);
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
