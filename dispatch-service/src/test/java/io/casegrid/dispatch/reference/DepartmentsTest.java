package io.casegrid.dispatch.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DepartmentsTest {

  private static Departments.Department department(
      String code, DepartmentKind kind, String parent) {
    return new Departments.Department(code, code, null, kind, parent);
  }

  private final Departments city =
      new Departments(
          List.of(
              department("GOV-339901", DepartmentKind.TERRITORIAL, null),
              department("ST-339901002", DepartmentKind.TERRITORIAL, "GOV-339901"),
              department("ST-339901001", DepartmentKind.TERRITORIAL, "GOV-339901"),
              department("CM-339901", DepartmentKind.BUREAU, "GOV-339901"),
              department("DRAINAGE", DepartmentKind.UTILITY, null),
              department("DRAINAGE-EAST", DepartmentKind.UTILITY, "DRAINAGE"),
              department("DRAINAGE-EAST-1", DepartmentKind.UTILITY, "DRAINAGE-EAST"),
              department("HEATING", DepartmentKind.UTILITY, "GONE")));

  @Test
  void putsUtilitiesBureausAndTerritorialOfficesAtTheTopWithTheirSubDepartmentsBelow() {
    assertThat(city.top())
        .extracting(Departments.Department::code)
        .containsExactly("DRAINAGE", "HEATING", "GOV-339901");
    assertThat(city.childrenOf("GOV-339901"))
        .extracting(Departments.Department::code)
        .containsExactly("CM-339901", "ST-339901001", "ST-339901002");
  }

  @Test
  void givesADepartmentWithAnUnknownParentAPlaceAtTheTop() {
    assertThat(city.top()).extracting(Departments.Department::code).contains("HEATING");
    assertThat(city.within("HEATING", "GONE")).isFalse();
  }

  @Test
  void findsEveryDepartmentBelowOneItselfFirst() {
    assertThat(city.subtree("DRAINAGE"))
        .containsExactly("DRAINAGE", "DRAINAGE-EAST", "DRAINAGE-EAST-1");
    assertThat(city.subtree("ST-339901001")).containsExactly("ST-339901001");
    assertThat(city.subtree("NOBODY")).isEmpty();
  }

  @Test
  void tellsWhetherADepartmentLiesBelowAnother() {
    assertThat(city.within("DRAINAGE-EAST-1", "DRAINAGE")).isTrue();
    assertThat(city.within("DRAINAGE", "DRAINAGE")).isTrue();
    assertThat(city.within("DRAINAGE", "DRAINAGE-EAST")).isFalse();
    assertThat(city.within("ST-339901001", "DRAINAGE")).isFalse();
  }

  @Test
  void findsTheDepartmentsThatWouldBeTheirOwnAncestor() {
    Map<String, String> parents = new HashMap<>();
    parents.put("A", "B");
    parents.put("B", "C");
    parents.put("C", "A");
    parents.put("D", "A");
    parents.put("E", null);
    parents.put("F", "F");

    assertThat(Departments.cyclic(parents)).containsExactlyInAnyOrder("A", "B", "C", "F");
  }

  @Test
  void keepsACycleLoadedBeforeParentsWereCheckedAtTheTopAndTerminates() {
    Departments looped =
        new Departments(
            List.of(
                department("A", DepartmentKind.BUREAU, "B"),
                department("B", DepartmentKind.BUREAU, "A"),
                department("C", DepartmentKind.BUREAU, "A")));

    assertThat(looped.top()).extracting(Departments.Department::code).containsExactly("A", "B");
    assertThat(looped.subtree("A")).containsExactly("A", "C");
    assertThat(looped.within("C", "B")).isFalse();
  }

  @Test
  void findsTheDepartmentsDeeperThanTheHierarchyMayGo() {
    Map<String, String> chain = new HashMap<>();
    chain.put("L1", null);
    for (int level = 2; level <= Departments.MAX_DEPTH + 1; level++) {
      chain.put("L" + level, "L" + (level - 1));
    }

    assertThat(Departments.tooDeep(chain)).containsExactly("L" + (Departments.MAX_DEPTH + 1));
  }
}
