package io.casegrid.citypackage;

import java.util.List;
import java.util.Locale;

/**
 * A problem found in a city package, located as an administrator finds it in the city's own files:
 * the file, the line (JSON, CSV) or the feature's index (GeoJSON), and the field; the rule it
 * breaks, the offending value, and the message in the administrator's language.
 */
public record Problem(
    String file,
    Long line,
    Long feature,
    String field,
    String rule,
    String value,
    List<String> args) {

  public Problem {
    args = args == null ? List.of() : List.copyOf(args);
  }

  /** The message in {@code locale}'s language (Chinese, or English). */
  public String message(Locale locale) {
    return Messages.of(locale).problem(this);
  }

  /** Where the problem is, as one line: {@code routing.json:12 rules[3].departmentCode}. */
  public String where() {
    StringBuilder s = new StringBuilder(file == null ? "" : file);
    if (line != null) {
      s.append(':').append(line);
    }
    if (feature != null) {
      s.append(" features[").append(feature).append(']');
    }
    if (field != null) {
      s.append(' ').append(field);
    }
    return s.toString();
  }
}
