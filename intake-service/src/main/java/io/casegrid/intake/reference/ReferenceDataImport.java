package io.casegrid.intake.reference;

import io.casegrid.citypackage.geo.GeoJson;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.problem.Problem;
import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hibernate.Session;

/** Loads reference data in one transaction: all of it, or nothing if any part is wrong. */
@ApplicationScoped
public class ReferenceDataImport {

  /**
   * How many rows of each kind were loaded, and the category catalogue's version in effect after
   * the load (a new one if the load changed the catalogue).
   */
  public record Result(
      int categories,
      int areas,
      int departments,
      int assets,
      int open311Clients,
      long version,
      int categoryVersion) {}

  private final EntityManager entityManager;
  private final ReferenceCache cache;
  private final ReferenceVersion referenceVersion;
  private final CategoryCatalogue catalogue;

  ReferenceDataImport(
      EntityManager entityManager,
      ReferenceCache cache,
      ReferenceVersion referenceVersion,
      CategoryCatalogue catalogue) {
    this.entityManager = entityManager;
    this.cache = cache;
    this.referenceVersion = referenceVersion;
    this.catalogue = catalogue;
  }

  @Transactional
  public Result load(ReferenceData data) {
    return load(data, false);
  }

  /**
   * Loads the data; with {@code replace} (a city package's part) what the data does not hold is
   * retired: categories (which leave the catalogue's next version; cases keep theirs), areas,
   * departments, assets and Open311 clients.
   */
  @Transactional
  public Result load(ReferenceData data, boolean replace) {
    check(data, replace);
    Session session = entityManager.unwrap(Session.class);
    session.doWork(
        connection -> {
          if (replace) {
            retire(
                connection, "asset", "code", data.assets().stream().map(ReferenceData.Asset::code));
          }
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO category (code, name, name_en, kind, default_urgency,"
                      + " duplicate_radius_metres, duplicate_window_hours) VALUES (?, ?, ?, ?, ?,"
                      + " ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en ="
                      + " excluded.name_en, kind = excluded.kind, default_urgency ="
                      + " excluded.default_urgency, duplicate_radius_metres ="
                      + " excluded.duplicate_radius_metres, duplicate_window_hours ="
                      + " excluded.duplicate_window_hours")) {
            for (ReferenceData.Category c : data.categories()) {
              ps.setString(1, c.code());
              ps.setString(2, c.name());
              ps.setString(3, c.nameEn());
              ps.setString(4, c.kind().name());
              ps.setString(5, c.defaultUrgency().name());
              ps.setObject(6, c.duplicateRadiusMetres(), java.sql.Types.INTEGER);
              ps.setObject(7, c.duplicateWindowHours(), java.sql.Types.INTEGER);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO area (code, level, name, name_en, parent_code, geometry)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET level ="
                      + " excluded.level, name = excluded.name, name_en = excluded.name_en,"
                      + " parent_code = excluded.parent_code, geometry = excluded.geometry")) {
            // Parents first, so the foreign key holds row by row.
            for (ReferenceData.Area a :
                data.areas().stream()
                    .sorted(Comparator.comparing(ReferenceData.Area::level))
                    .toList()) {
              ps.setString(1, a.code());
              ps.setString(2, a.level().name());
              ps.setString(3, a.name());
              ps.setString(4, a.nameEn());
              ps.setString(5, a.parentCode());
              ps.setString(6, a.geometry().toString());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO department (code, name, name_en) VALUES (?, ?, ?) ON CONFLICT"
                      + " (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en")) {
            for (ReferenceData.Department d : data.departments()) {
              ps.setString(1, d.code());
              ps.setString(2, d.name());
              ps.setString(3, d.nameEn());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO asset (code, category_code, latitude, longitude,"
                      + " owner_department_code, address) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT"
                      + " (code) DO UPDATE SET category_code = excluded.category_code, latitude"
                      + " = excluded.latitude, longitude = excluded.longitude,"
                      + " owner_department_code = excluded.owner_department_code, address ="
                      + " excluded.address")) {
            for (ReferenceData.Asset a : data.assets()) {
              ps.setString(1, a.code());
              ps.setString(2, a.categoryCode());
              ps.setDouble(3, a.latitude());
              ps.setDouble(4, a.longitude());
              ps.setString(5, a.ownerDepartmentCode());
              ps.setString(6, a.address());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO open311_client (client_id, name, api_key_sha256) VALUES (?, ?, ?)"
                      + " ON CONFLICT (client_id) DO UPDATE SET name = excluded.name,"
                      + " api_key_sha256 = excluded.api_key_sha256")) {
            for (ReferenceData.Open311Client c : data.open311Clients()) {
              ps.setString(1, c.clientId());
              ps.setString(2, c.name());
              ps.setString(3, c.apiKeySha256());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          if (replace) {
            retire(
                connection,
                "open311_client",
                "client_id",
                data.open311Clients().stream().map(ReferenceData.Open311Client::clientId));
            retire(
                connection,
                "department",
                "code",
                data.departments().stream().map(ReferenceData.Department::code));
            retire(connection, "area", "code", data.areas().stream().map(ReferenceData.Area::code));
            retire(
                connection,
                "category",
                "code",
                data.categories().stream().map(ReferenceData.Category::code));
          }
        });
    int categoryVersion = catalogue.recordIfChanged();
    long version = referenceVersion.bump();
    cache.invalidate();
    return new Result(
        data.categories().size(),
        data.areas().size(),
        data.departments().size(),
        data.assets().size(),
        data.open311Clients().size(),
        version,
        categoryVersion);
  }

  // Deletes the rows of a table whose key is not among those loaded.
  private static void retire(
      java.sql.Connection connection,
      String table,
      String key,
      java.util.stream.Stream<String> kept)
      throws java.sql.SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "DELETE FROM " + table + " WHERE NOT (" + key + " = ANY (?))")) {
      ps.setArray(1, connection.createArrayOf("text", kept.toArray()));
      ps.executeUpdate();
    }
  }

  // What bean validation cannot see: code lengths, the prefix rule, geometry and references
  // between rows.
  private void check(ReferenceData data, boolean replace) {
    List<Problem.FieldError> errors = problems(data, replace);
    if (!errors.isEmpty()) {
      throw new DomainException(
          DomainException.Refusal.MALFORMED,
          "invalid-reference-data",
          "the reference data has " + errors.size() + " invalid fields; nothing was loaded",
          errors.subList(0, Math.min(errors.size(), 100)).stream()
              .map(e -> new DomainException.Violation(e.field(), e.message()))
              .toList());
    }
  }

  /**
   * Every problem of data that bean validation passed, or would have but for these: each names the
   * rule it breaks and the offending value.
   */
  List<Problem.FieldError> problems(ReferenceData data) {
    return problems(data, false);
  }

  /** As above; with {@code replace}, only what the data holds counts as loaded. */
  List<Problem.FieldError> problems(ReferenceData data, boolean replace) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Set<String> categories = replace ? new HashSet<>() : new HashSet<>(cache.categoryCodes());
    data.categories().forEach(c -> categories.add(c.code()));
    Set<String> areas = replace ? new HashSet<>() : new HashSet<>(cache.areaCodes());
    data.areas().forEach(a -> areas.add(a.code()));
    for (int i = 0; i < data.areas().size(); i++) {
      ReferenceData.Area a = data.areas().get(i);
      if (a.code() == null || a.code().isBlank() || a.level() == null) {
        continue; // Bean validation names these.
      }
      int index = i;
      AreaCodes.codeProblem(a.code(), a.level())
          .ifPresent(p -> errors.add(error("areas[%d].code", index, p)));
      Optional<String> parent = AreaCodes.parentProblem(a.code(), a.level(), a.parentCode());
      if (parent.isPresent()) {
        errors.add(error("areas[%d].parentCode", i, parent.get()));
      } else if (a.parentCode() != null && !areas.contains(a.parentCode())) {
        errors.add(
            error(
                "areas[%d].parentCode",
                i, AreaCodes.shown(a.parentCode()) + " is neither loaded nor in this load"));
      }
      if (a.geometry() != null) {
        try {
          GeoJson.read(a.geometry());
        } catch (IllegalArgumentException e) {
          errors.add(error("areas[%d].geometry", i, e.getMessage()));
        }
      }
    }
    for (int i = 0; i < data.assets().size(); i++) {
      if (!categories.contains(data.assets().get(i).categoryCode())) {
        errors.add(error("assets[%d].categoryCode", i, "is not in the category catalogue"));
      }
    }
    return errors;
  }

  private static Problem.FieldError error(String field, int index, String message) {
    return new Problem.FieldError(field.formatted(index), message);
  }
}
