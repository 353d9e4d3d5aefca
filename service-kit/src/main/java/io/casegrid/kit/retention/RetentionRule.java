package io.casegrid.kit.retention;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Rows of {@code table} older than {@code maxAge} by {@code timeColumn} are deleted. A service adds
 * a rule for a table of its own by producing a bean of this type.
 */
public record RetentionRule(String table, String timeColumn, Duration maxAge) {

  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public RetentionRule {
    // Names go into SQL: only plain identifiers.
    if (!NAME.matcher(table).matches() || !NAME.matcher(timeColumn).matches()) {
      throw new IllegalArgumentException("not a plain table or column name: " + table);
    }
  }
}
