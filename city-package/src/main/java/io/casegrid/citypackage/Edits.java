package io.casegrid.citypackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One change an administrator makes to the loaded city (a routing rule, a calendar day), written
 * into the loaded state and turned back into a whole package, so that the change goes through the
 * same check, diff and activation in all three services as a package does.
 */
public final class Edits {

  /** What a day of the calendar is made. */
  public enum DayKind {
    /** A public holiday (节假日): no working day, whatever the weekday. */
    HOLIDAY,
    /** A make-up working day (调休上班): a working day on a weekend. */
    MAKE_UP_WORKDAY,
    /** Neither: the day is what its weekday makes it. */
    ORDINARY
  }

  private Edits() {}

  /**
   * Puts {@code rule} into the loaded routing rules: it replaces the rule of the same category,
   * district (none: the whole city) and effective date, or is added.
   */
  public static void routingRule(Parts.Split loaded, ObjectNode rule) {
    ArrayNode rules = loaded.dispatch().withArray("routingRules");
    removeIf(rules, r -> sameRule(r, rule));
    ObjectNode added = rule.deepCopy();
    if (!added.has("coHandlerCodes")) {
      added.putArray("coHandlerCodes");
    }
    rules.add(added);
  }

  /** Makes {@code date} a holiday or a make-up working day (with its name), or an ordinary day. */
  public static void calendarDay(Parts.Split loaded, String date, DayKind kind, String name) {
    ObjectNode calendar = loaded.supervision().withObject("calendar");
    ArrayNode holidays = calendar.withArray("holidays");
    ArrayNode makeUps = calendar.withArray("makeUpWorkdays");
    removeIf(holidays, d -> date.equals(d.path("date").asText()));
    removeIf(makeUps, d -> date.equals(d.path("date").asText()));
    if (kind != DayKind.ORDINARY) {
      ObjectNode day = (kind == DayKind.HOLIDAY ? holidays : makeUps).addObject();
      day.put("date", date);
      if (name != null && !name.isBlank()) {
        day.put("name", name.strip());
      }
    }
  }

  /** The loaded state, as changed, read as a package to load. */
  public static CityPackage asPackage(Parts.Split loaded) throws IOException {
    JsonNode manifest = loaded.intake().path("manifest");
    Map<String, byte[]> files =
        PackageWriter.files(
            loaded, manifest.get("city"), manifest.path("version").asText("edited"));
    return CityPackage.read(
        PackageFiles.of(
            name -> files.containsKey(name) ? new ByteArrayInputStream(files.get(name)) : null));
  }

  private static boolean sameRule(JsonNode a, JsonNode b) {
    return text(a, "categoryCode").equals(text(b, "categoryCode"))
        && text(a, "districtCode").equals(text(b, "districtCode"))
        && Objects.equals(moment(a), moment(b));
  }

  // Rules loaded without a date read back with none; compared as instants when they have one.
  private static Object moment(JsonNode rule) {
    JsonNode from = rule.get("effectiveFrom");
    if (from == null || from.isNull()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(from.asText()).toInstant();
    } catch (DateTimeParseException e) {
      return from.asText();
    }
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? "" : v.asText().strip().toUpperCase(Locale.ROOT);
  }

  private static void removeIf(ArrayNode list, Predicate<JsonNode> which) {
    for (int i = list.size() - 1; i >= 0; i--) {
      if (which.test(list.get(i))) {
        list.remove(i);
      }
    }
  }
}
