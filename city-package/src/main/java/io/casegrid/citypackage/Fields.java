package io.casegrid.citypackage;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads the fields of one item, recording a problem for every field that is not as it must be. */
final class Fields {

  private final CityPackage.Item item;
  private final List<Problem> problems;
  private final String prefix;

  Fields(CityPackage.Item item, List<Problem> problems) {
    this(item, problems, "");
  }

  private Fields(CityPackage.Item item, List<Problem> problems, String prefix) {
    this.item = item;
    this.problems = problems;
    this.prefix = prefix;
  }

  /** Whether the item is an object at all; a problem if not. */
  boolean isObject() {
    if (item.node() != null && item.node().isObject()) {
      return true;
    }
    problems.add(item.problem(null, "item.not-object", shown(item.node())));
    return false;
  }

  JsonNode node() {
    return prefix.isEmpty() ? item.node() : item.node().at("/" + prefix.replace('.', '/'));
  }

  /** The fields of an object member of the item, named with the member's path. */
  Fields within(String member) {
    return new Fields(item, problems, prefix.isEmpty() ? member : prefix + "." + member);
  }

  /** Refuses every field the item has but the format does not know (a typo, {@code nmae}). */
  void only(String... known) {
    Set<String> allowed = Set.of(known);
    for (Iterator<String> names = node().fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!allowed.contains(name)) {
        problems.add(
            item.problem(
                path(name),
                "field.unknown",
                name,
                Arrays.stream(known).sorted().collect(Collectors.joining(", "))));
      }
    }
  }

  /** A text field; null (and a problem if required) when absent or not text. */
  String text(String name, boolean required, int maxLength) {
    JsonNode v = node().get(name);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(item.problem(path(name), "field.required", name));
      }
      return null;
    }
    if (!v.isTextual() && !v.isIntegralNumber()) {
      problems.add(item.problem(path(name), "field.not-text", shown(v)));
      return null;
    }
    String text = v.asText().strip();
    if (text.isEmpty() && required) {
      problems.add(item.problem(path(name), "field.required", name));
      return null;
    }
    if (text.indexOf('\0') >= 0) {
      problems.add(item.problem(path(name), "field.nul", name));
      return null;
    }
    if (text.length() > maxLength) {
      problems.add(item.problem(path(name), "field.too-long", shown(v), String.valueOf(maxLength)));
      return null;
    }
    return text.isEmpty() ? null : text;
  }

  /** A text field that must match a pattern described by {@code ruleOfPattern}'s message. */
  String code(String name, boolean required, Pattern pattern, String rule) {
    String text = text(name, required, 200);
    if (text != null && !pattern.matcher(text).matches()) {
      problems.add(item.problem(path(name), rule, text));
      return null;
    }
    return text;
  }

  /** One of an enumeration's names, in any case. */
  <E extends Enum<E>> E oneOf(String name, Class<E> type, boolean required) {
    String text = text(name, required, 64);
    if (text == null) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(text)) {
        return e;
      }
    }
    problems.add(
        item.problem(
            path(name),
            "field.not-one-of",
            text,
            Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .collect(Collectors.joining(", "))));
    return null;
  }

  /** A number from {@code min} to {@code max}. */
  BigDecimal number(String name, boolean required, BigDecimal min, BigDecimal max) {
    JsonNode v = node().get(name);
    if (v == null || v.isNull()) {
      if (required) {
        problems.add(item.problem(path(name), "field.required", name));
      }
      return null;
    }
    if (!v.isNumber()) {
      problems.add(item.problem(path(name), "field.not-number", shown(v)));
      return null;
    }
    BigDecimal n = v.decimalValue();
    if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
      problems.add(
          item.problem(
              path(name),
              "field.out-of-range",
              n.toPlainString(),
              min.toPlainString(),
              max.toPlainString()));
      return null;
    }
    return n;
  }

  /** A list of texts. */
  List<String> texts(String name) {
    JsonNode v = node().get(name);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      problems.add(item.problem(path(name), "field.not-list", shown(v)));
      return List.of();
    }
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        problems.add(item.problem(path(name) + "[" + i + "]", "field.not-text", shown(v.get(i))));
      } else {
        texts.add(v.get(i).asText());
      }
    }
    return texts;
  }

  void problem(String name, String rule, String value, String... args) {
    problems.add(item.problem(name == null ? null : path(name), rule, value, args));
  }

  private String path(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  /** A value as shown in a message, cut short if long. */
  static String shown(JsonNode v) {
    if (v == null) {
      return "";
    }
    String text = v.isTextual() ? v.asText() : v.toString();
    text = text.replaceAll("\\p{Cntrl}", "?");
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
