package io.casegrid.intake.open311;

import io.casegrid.kit.domain.DomainException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of an Open311 request, from its query or its form body. The specification lets a
 * client declare a list parameter several times or give it comma delimited ({@code service_code},
 * {@code status}, {@code service_request_id}): every value counts. A parameter that takes one value
 * and is given two different ones is refused, naming it, rather than one of them taken silently. An
 * optional parameter sent empty is as if absent.
 */
final class Open311Parameters {

  private final Map<String, List<String>> values;

  Open311Parameters(Map<String, List<String>> values) {
    this.values = values;
  }

  /** The value of a parameter that takes one, stripped; empty if absent or empty. */
  Optional<String> single(String name) {
    Set<String> given = new LinkedHashSet<>();
    for (String value : values.getOrDefault(name, List.of())) {
      if (value != null && !value.isBlank()) {
        given.add(value.strip());
      }
    }
    if (given.size() > 1) {
      throw new DomainException(
          DomainException.Refusal.MALFORMED,
          "repeated-parameter",
          name + " is given more than once, with different values");
    }
    return given.stream().findFirst();
  }

  /** The value of a parameter that takes one, or null. */
  String get(String name) {
    return single(name).orElse(null);
  }

  /** Every value of a list parameter, repeated or comma delimited, in order, each once. */
  List<String> list(String name) {
    Set<String> items = new LinkedHashSet<>();
    for (String value : values.getOrDefault(name, List.of())) {
      if (value == null) {
        continue;
      }
      for (String item : value.split(",", -1)) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
    }
    return new ArrayList<>(items);
  }

  /** A value as an error description may quote it: short, and only letters, digits and . _ -. */
  static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    String s = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return s.replaceAll("[^\\p{L}\\p{N}_.-]", "?");
  }
}
