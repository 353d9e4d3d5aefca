package io.casegrid.supervision.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.supervision.metrics.MetricsQueries.Grouping;
import io.casegrid.supervision.metrics.MetricsQueries.Scope;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which table and rows each grouping and scope reads, without a database. */
class MetricsQueriesTest {

  private static final MetricsQueries.Span MONTH =
      new MetricsQueries.Span(true, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-01"));

  private static String sql(Grouping by, Scope scope, List<String> values) {
    return MetricsQueries.countsSql(by, MONTH, scope, values);
  }

  @Test
  void readsDepartmentsDistrictsAndCategoriesOfAllCasesFromTheCountersAsBefore() {
    for (Grouping by : List.of(Grouping.DEPARTMENT, Grouping.DISTRICT, Grouping.CATEGORY)) {
      List<String> values = new ArrayList<>();
      assertThat(sql(by, Scope.department("WATER"), values))
          .contains("FROM metric_monthly WHERE month BETWEEN ? AND ? AND department_code = ?")
          .endsWith("GROUP BY " + by.column);
      assertThat(values).containsExactly("WATER");
    }
  }

  @Test
  void readsStreetsFromTheStreetRowsAndGridsFromTheGridRows() {
    assertThat(sql(Grouping.STREET, Scope.ALL, new ArrayList<>()))
        .contains("FROM area_metric_monthly WHERE month BETWEEN ? AND ? AND level = 'STREET'")
        .endsWith("GROUP BY street_code");
    assertThat(sql(Grouping.GRID, Scope.ALL, new ArrayList<>()))
        .contains("AND level = 'GRID'")
        .endsWith("GROUP BY grid_code");
  }

  @Test
  void readsAStreetsGridsFromTheGridRowsOfThatStreet() {
    List<String> values = new ArrayList<>();
    assertThat(sql(Grouping.GRID, new Scope(null, "339901001", null), values))
        .contains("level = 'GRID' AND street_code = ?");
    assertThat(values).containsExactly("339901001");
  }

  @Test
  void readsOneDepartmentsStreetsAndAStreetsDepartmentsFromTheStreetRows() {
    List<String> values = new ArrayList<>();
    assertThat(sql(Grouping.STREET, Scope.department("WATER"), values))
        .contains("level = 'STREET_DEPARTMENT' AND department_code = ?");
    assertThat(values).containsExactly("WATER");
    assertThat(sql(Grouping.DEPARTMENT, new Scope(null, "339901001", null), new ArrayList<>()))
        .contains("level = 'STREET_DEPARTMENT' AND street_code = ?")
        .endsWith("GROUP BY department_code");
  }

  @Test
  void readsTheStreetOfAGridFromTheGridRows() {
    assertThat(sql(Grouping.STREET, new Scope(null, null, "339901001001001"), new ArrayList<>()))
        .contains("level = 'GRID' AND grid_code = ?")
        .endsWith("GROUP BY street_code");
  }

  @Test
  void refusesAStreetByDistrictOrCategoryAndGridsByOrForOneDepartment() {
    Scope street = new Scope(null, "339901001", null);
    assertThat(street.groupable(Grouping.DISTRICT)).isFalse();
    assertThat(street.groupable(Grouping.CATEGORY)).isFalse();
    assertThat(Scope.ALL.groupable(Grouping.CATEGORY)).isTrue();
    // The grids' rows are all departments' together.
    assertThat(new Scope(null, null, "339901001001001").groupable(Grouping.DEPARTMENT)).isFalse();
    assertThat(Scope.department("WATER").groupable(Grouping.GRID)).isFalse();
    assertThat(Scope.ALL.groupable(Grouping.GRID)).isTrue();
    assertThatThrownBy(() -> sql(Grouping.CATEGORY, street, new ArrayList<>()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
