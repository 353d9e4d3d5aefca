package io.casegrid.supervision.bulletin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The names of departments, districts, streets (街道), grids (网格) and categories in one language, by
 * code, as the reference data gives them: for the bulletins and the dashboard.
 */
public record ReferenceNames(
    Map<String, String> departments,
    Map<String, String> districts,
    Map<String, String> streets,
    Map<String, String> grids,
    Map<String, String> categories) {

  public static ReferenceNames read(Connection connection, Language language) throws SQLException {
    Map<String, String> departments = new HashMap<>();
    Map<String, String> districts = new HashMap<>();
    Map<String, String> streets = new HashMap<>();
    Map<String, String> grids = new HashMap<>();
    Map<String, String> categories = new HashMap<>();
    try (PreparedStatement q =
            connection.prepareStatement(
                "SELECT kind, code, name, name_en FROM reference_name UNION ALL SELECT level,"
                    + " code, name, name_en FROM area WHERE level IN ('DISTRICT', 'STREET',"
                    + " 'GRID')");
        ResultSet r = q.executeQuery()) {
      while (r.next()) {
        String name =
            language == Language.EN && r.getString(4) != null ? r.getString(4) : r.getString(3);
        Map<String, String> into =
            switch (r.getString(1)) {
              case "DEPARTMENT" -> departments;
              case "CATEGORY" -> categories;
              case "STREET" -> streets;
              case "GRID" -> grids;
              default -> districts;
            };
        into.put(r.getString(2), name);
      }
    }
    return new ReferenceNames(departments, districts, streets, grids, categories);
  }
}
