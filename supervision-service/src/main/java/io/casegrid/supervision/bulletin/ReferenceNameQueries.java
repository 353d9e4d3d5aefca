package io.casegrid.supervision.bulletin;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Reads the names the reference data gives departments, areas and categories, in a language. */
@ApplicationScoped
public class ReferenceNameQueries {

  private final DataSource dataSource;

  ReferenceNameQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public ReferenceNames in(Language language) {
    try (Connection connection = dataSource.getConnection()) {
      return ReferenceNames.read(connection, language);
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the reference names", e);
    }
  }
}
