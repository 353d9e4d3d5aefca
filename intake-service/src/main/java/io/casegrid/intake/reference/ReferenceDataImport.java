package io.casegrid.intake.reference;

import io.casegrid.intake.location.GeoJson;
import io.casegrid.kit.problem.Problem;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
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
    check(data);
    Session session = entityManager.unwrap(Session.class);
    session.doWork(
        connection -> {
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
                      + " owner_department_code) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO"
                      + " UPDATE SET category_code = excluded.category_code, latitude ="
                      + " excluded.latitude, longitude = excluded.longitude,"
                      + " owner_department_code = excluded.owner_department_code")) {
            for (ReferenceData.Asset a : data.assets()) {
              ps.setString(1, a.code());
              ps.setString(2, a.categoryCode());
              ps.setDouble(3, a.latitude());
              ps.setDouble(4, a.longitude());
              ps.setString(5, a.ownerDepartmentCode());
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

  // What bean validation cannot see: code lengths, the prefix rule, geometry and references
  // between rows.
  private void check(ReferenceData data) {
    List<Problem.FieldError> errors = problems(data);
    if (!errors.isEmpty()) {
      throw new ProblemException(
          Response.Status.BAD_REQUEST,
          "invalid-reference-data",
          "the reference data has " + errors.size() + " invalid fields; nothing was loaded",
          errors.subList(0, Math.min(errors.size(), 100)));
    }
  }

  /**
   * Every problem of data that bean validation passed, or would have but for these: each names the
   * rule it breaks and the offending value.
   */
  List<Problem.FieldError> problems(ReferenceData data) {
    List<Problem.FieldError> errors = new ArrayList<>();
    Set<String> categories = new HashSet<>(cache.categoryCodes());
    data.categories().forEach(c -> categories.add(c.code()));
    Set<String> areas = new HashSet<>(cache.areaCodes());
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
