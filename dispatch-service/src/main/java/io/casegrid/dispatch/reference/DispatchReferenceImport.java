package io.casegrid.dispatch.reference;

import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.problem.Problem;
import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;

/** Loads departments, territories and the routing catalogue: all of it, or nothing. */
@ApplicationScoped
public class DispatchReferenceImport {

  /** How many rows of each kind were loaded. */
  public record Result(int departments, int territories, int routingRules, long version) {}

  // A rule without a date has been in effect since ever; the column's default says the same.
  private static final OffsetDateTime ALWAYS = OffsetDateTime.parse("1970-01-01T00:00:00Z");

  private final EntityManager entityManager;
  private final RoutingTable table;
  private final DepartmentDirectory directory;
  private final ReferenceVersion version;

  DispatchReferenceImport(
      EntityManager entityManager,
      RoutingTable table,
      DepartmentDirectory directory,
      ReferenceVersion version) {
    this.entityManager = entityManager;
    this.table = table;
    this.directory = directory;
    this.version = version;
  }

  @Transactional
  public Result load(DispatchReferenceData data) {
    return load(data, false);
  }

  /**
   * Loads the data; with {@code replace} (a city package's part) it replaces the departments,
   * territories and routing rules, so that what the data does not hold is retired.
   */
  @Transactional
  public Result load(DispatchReferenceData data, boolean replace) {
    check(data, replace);
    entityManager
        .unwrap(Session.class)
        .doWork(
            connection -> {
              if (replace) {
                try (var s = connection.createStatement()) {
                  s.execute("DELETE FROM routing_rule");
                  s.execute("DELETE FROM territory");
                }
              }
              try (PreparedStatement ps =
                  connection.prepareStatement(
                      "INSERT INTO department (code, name, name_en, kind, parent_code) VALUES (?,"
                          + " ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                          + " name_en = excluded.name_en, kind = excluded.kind, parent_code ="
                          + " excluded.parent_code")) {
                for (DispatchReferenceData.Department d : data.departments()) {
                  ps.setString(1, d.code());
                  ps.setString(2, d.name());
                  ps.setString(3, d.nameEn());
                  ps.setString(4, d.kind().name());
                  ps.setString(5, d.parentCode());
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              try (PreparedStatement ps =
                  connection.prepareStatement(
                      "INSERT INTO territory (area_code, department_code) VALUES (?, ?) ON"
                          + " CONFLICT (area_code) DO UPDATE SET department_code ="
                          + " excluded.department_code")) {
                for (DispatchReferenceData.Territory t : data.territories()) {
                  ps.setString(1, t.areaCode());
                  ps.setString(2, t.departmentCode());
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              try (PreparedStatement ps =
                  connection.prepareStatement(
                      "INSERT INTO routing_rule (category_code, district_code, department_code,"
                          + " territorial_office, co_handler_codes, effective_from) VALUES (?, ?,"
                          + " ?, ?, ?, ?) ON CONFLICT (category_code, COALESCE(district_code,"
                          + " '*'), effective_from) DO UPDATE SET department_code ="
                          + " excluded.department_code, territorial_office ="
                          + " excluded.territorial_office, co_handler_codes ="
                          + " excluded.co_handler_codes")) {
                for (DispatchReferenceData.RoutingRule r : data.routingRules()) {
                  ps.setString(1, r.categoryCode());
                  ps.setString(2, r.districtCode());
                  ps.setString(3, r.departmentCode());
                  ps.setString(
                      4, r.territorialOffice() == null ? null : r.territorialOffice().name());
                  ps.setString(
                      5, r.coHandlerCodes() == null ? "" : String.join(",", r.coHandlerCodes()));
                  ps.setObject(
                      6,
                      r.effectiveFrom() == null ? ALWAYS : r.effectiveFrom(),
                      java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                  ps.addBatch();
                }
                ps.executeBatch();
              }
              if (replace) {
                try (PreparedStatement ps =
                    connection.prepareStatement(
                        "DELETE FROM department WHERE NOT (code = ANY (?))")) {
                  ps.setArray(
                      1,
                      connection.createArrayOf(
                          "text",
                          data.departments().stream()
                              .map(DispatchReferenceData.Department::code)
                              .toArray()));
                  ps.executeUpdate();
                }
              }
            });
    long loaded = version.bump();
    table.invalidate();
    directory.invalidate();
    return new Result(
        data.departments().size(), data.territories().size(), data.routingRules().size(), loaded);
  }

  private void check(DispatchReferenceData data, boolean replace) {
    List<Problem.FieldError> errors = problems(data, replace);
    if (!errors.isEmpty()) {
      // 400, as the load always answered: the document as a whole does not hold together.
      throw new DomainException(
          DomainException.Refusal.MALFORMED,
          "invalid-reference-data",
          "the reference data names unknown departments or breaks the hierarchy; nothing was"
              + " loaded",
          errors.subList(0, Math.min(errors.size(), 100)).stream()
              .map(e -> new DomainException.Violation(e.field(), e.message()))
              .toList());
    }
  }

  /**
   * Every department a territory or rule names must exist, loaded now or before (only now, when the
   * data replaces what is loaded); every parent too, and the hierarchy must stay a tree of bounded
   * depth.
   */
  List<Problem.FieldError> problems(DispatchReferenceData data, boolean replace) {
    Map<String, String> parentOf = new HashMap<>();
    if (!replace) {
      @SuppressWarnings("unchecked")
      List<Object[]> loaded =
          entityManager
              .createNativeQuery("SELECT code, parent_code FROM department")
              .getResultList();
      loaded.forEach(r -> parentOf.put((String) r[0], (String) r[1]));
    }
    data.departments().forEach(d -> parentOf.put(d.code(), d.parentCode()));
    Set<String> known = parentOf.keySet();
    Set<String> cyclic = Departments.cyclic(parentOf);
    Set<String> tooDeep = Departments.tooDeep(parentOf);
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < data.departments().size(); i++) {
      DispatchReferenceData.Department d = data.departments().get(i);
      String field = "departments[" + i + "].parentCode";
      if (d.parentCode() != null && !known.contains(d.parentCode())) {
        errors.add(new Problem.FieldError(field, "unknown"));
      } else if (cyclic.contains(d.code())) {
        errors.add(new Problem.FieldError(field, "makes the department its own ancestor"));
      } else if (tooDeep.contains(d.code())) {
        errors.add(
            new Problem.FieldError(
                field, "puts the department deeper than " + Departments.MAX_DEPTH + " levels"));
      }
    }
    for (int i = 0; i < data.territories().size(); i++) {
      if (!known.contains(data.territories().get(i).departmentCode())) {
        errors.add(new Problem.FieldError("territories[" + i + "].departmentCode", "unknown"));
      }
    }
    for (int i = 0; i < data.routingRules().size(); i++) {
      DispatchReferenceData.RoutingRule r = data.routingRules().get(i);
      if (r.departmentCode() != null && !known.contains(r.departmentCode())) {
        errors.add(new Problem.FieldError("routingRules[" + i + "].departmentCode", "unknown"));
      }
      if (r.coHandlerCodes() != null && !known.containsAll(r.coHandlerCodes())) {
        errors.add(new Problem.FieldError("routingRules[" + i + "].coHandlerCodes", "unknown"));
      }
    }
    return errors;
  }
}
