package io.casegrid.kit.sql;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

/**
 * One column of a batch's rows as a PostgreSQL array, so that a consumer writes a whole poll batch
 * with one statement over {@code unnest(…)} rather than one per row.
 */
public final class SqlArrays {

  private SqlArrays() {}

  /** Each row's value, in the rows' order, as an array of the given SQL type. */
  public static <T> Array of(
      Connection connection, String type, Collection<T> rows, Function<T, ?> value)
      throws SQLException {
    return connection.createArrayOf(type, rows.stream().map(value).toArray());
  }

  /**
   * Each row's moment as ISO 8601 text, which PostgreSQL reads as timestamptz to the microsecond.
   */
  public static <T> Array instants(
      Connection connection, Collection<T> rows, Function<T, Instant> moment) throws SQLException {
    return of(
        connection,
        "text",
        rows,
        row -> {
          Instant at = moment.apply(row);
          return at == null ? null : at.toString();
        });
  }
}
