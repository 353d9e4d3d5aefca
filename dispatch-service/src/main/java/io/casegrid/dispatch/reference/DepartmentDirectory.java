package io.casegrid.dispatch.reference;

import io.casegrid.kit.reference.ReferenceVersion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;

/** The departments and their hierarchy from the current reference data, kept between loads. */
@ApplicationScoped
public class DepartmentDirectory {

  private final EntityManager entityManager;
  private final ReferenceVersion.Cached<Departments> departments;

  DepartmentDirectory(EntityManager entityManager, ReferenceVersion version) {
    this.entityManager = entityManager;
    this.departments = version.cache(Duration.ofSeconds(5), v -> load());
  }

  public Departments departments() {
    return departments.get();
  }

  @SuppressWarnings("unchecked")
  private Departments load() {
    List<Object[]> rows =
        entityManager
            .createNativeQuery("SELECT code, name, name_en, kind, parent_code FROM department")
            .getResultList();
    return new Departments(
        rows.stream()
            .map(
                r ->
                    new Departments.Department(
                        (String) r[0],
                        (String) r[1],
                        (String) r[2],
                        DepartmentKind.valueOf((String) r[3]),
                        (String) r[4]))
            .toList());
  }
}
