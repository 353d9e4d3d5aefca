package io.casegrid.citypackage;

import static io.casegrid.citypackage.CityPackage.AREAS;
import static io.casegrid.citypackage.CityPackage.CALENDAR;
import static io.casegrid.citypackage.CityPackage.CATEGORIES;
import static io.casegrid.citypackage.CityPackage.DEADLINES;
import static io.casegrid.citypackage.CityPackage.DEPARTMENTS;
import static io.casegrid.citypackage.CityPackage.ESCALATION;
import static io.casegrid.citypackage.CityPackage.MANIFEST;
import static io.casegrid.citypackage.CityPackage.METRIC_WEIGHTS;
import static io.casegrid.citypackage.CityPackage.OPEN311_CLIENTS;
import static io.casegrid.citypackage.CityPackage.ROUTING;
import static io.casegrid.citypackage.CityPackage.SENSOR_RULES;

import com.fasterxml.jackson.databind.JsonNode;
import io.casegrid.citypackage.Vocabulary.AreaLevel;
import io.casegrid.citypackage.geo.GeoJson;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Geometry;

/**
 * Checks a city package whole before anything is loaded: each file's fields (required, of the right
 * kind, no unknown ones), the national area codes, and every reference between files — a parent
 * area, a department's parent, a territory's street, a rule's category, district and department, a
 * policy's category. Every problem is reported, each located and named by its rule. The asset files
 * are checked row by row by {@link AssetCheck}.
 */
public final class PackageCheck {

  static final Pattern DEPARTMENT_CODE = Pattern.compile("[A-Z0-9_-]{2,64}");
  static final Pattern CATEGORY_CODE = Pattern.compile("[A-Z0-9]{2,16}");
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int MAX_DEPTH = 10;

  /** What the package defines, as other files and the asset rows refer to it. */
  public record Defined(
      Map<String, AreaLevel> areas,
      Map<String, Geometry> grids,
      Map<String, Vocabulary.DepartmentKind> departments,
      Map<String, Vocabulary.CategoryKind> categories) {}

  private final CityPackage p;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, AreaLevel> areas = new LinkedHashMap<>();
  private final Map<String, Geometry> grids = new LinkedHashMap<>();
  private final Map<String, Vocabulary.DepartmentKind> departments = new LinkedHashMap<>();
  private final Map<String, Vocabulary.CategoryKind> categories = new LinkedHashMap<>();

  private PackageCheck(CityPackage p) {
    this.p = p;
  }

  /** The result: every problem, and what the package defines. */
  public record Result(List<Problem> problems, Defined defined) {}

  public static Result check(CityPackage p) {
    PackageCheck c = new PackageCheck(p);
    c.problems.addAll(p.readingProblems());
    c.manifest();
    c.areas();
    c.departments();
    c.categories();
    c.routing();
    c.deadlines();
    c.calendar();
    c.escalation();
    c.sensorRules();
    c.metricWeights();
    c.open311Clients();
    return new Result(
        List.copyOf(c.problems),
        new Defined(
            Map.copyOf(c.areas),
            Map.copyOf(c.grids),
            Map.copyOf(c.departments),
            Map.copyOf(c.categories)));
  }

  private void manifest() {
    p.file(MANIFEST)
        .ifPresent(
            f -> {
              JsonNode format = f.member("format").map(CityPackage.Item::node).orElse(null);
              if (format == null || !CityPackage.FORMAT.equals(format.asText())) {
                problems.add(
                    new Problem(
                        MANIFEST,
                        line(f, "format"),
                        null,
                        "format",
                        "manifest.format",
                        format == null ? "" : Fields.shown(format),
                        List.of(CityPackage.FORMAT)));
              }
              JsonNode version = f.member("formatVersion").map(CityPackage.Item::node).orElse(null);
              if (version == null
                  || !version.isInt()
                  || version.asInt() != CityPackage.FORMAT_VERSION) {
                problems.add(
                    new Problem(
                        MANIFEST,
                        line(f, "formatVersion"),
                        null,
                        "formatVersion",
                        "manifest.format-version",
                        version == null ? "" : Fields.shown(version),
                        List.of(String.valueOf(CityPackage.FORMAT_VERSION))));
              }
              JsonNode city = f.member("city").map(CityPackage.Item::node).orElse(null);
              if (city == null
                  || !city.path("name").isTextual()
                  || city.path("name").asText().isBlank()) {
                problems.add(
                    new Problem(
                        MANIFEST,
                        line(f, "city"),
                        null,
                        "city.name",
                        "field.required",
                        "city.name",
                        List.of()));
              }
              JsonNode zone = f.member("timeZone").map(CityPackage.Item::node).orElse(null);
              if (zone != null) {
                try {
                  java.time.ZoneId.of(zone.asText());
                } catch (java.time.DateTimeException e) {
                  problems.add(
                      new Problem(
                          MANIFEST,
                          line(f, "timeZone"),
                          null,
                          "timeZone",
                          "manifest.time-zone",
                          zone.asText(),
                          List.of()));
                }
              }
              Set<String> known =
                  Set.of(
                      "format",
                      "formatVersion",
                      "city",
                      "version",
                      "timeZone",
                      "description",
                      "areas",
                      "assets");
              f.members()
                  .forEach(
                      (name, item) -> {
                        if (!known.contains(name)) {
                          problems.add(
                              new Problem(
                                  MANIFEST,
                                  item.line(),
                                  null,
                                  name,
                                  "field.unknown",
                                  name,
                                  List.of(String.join(", ", new java.util.TreeSet<>(known)))));
                        }
                      });
            });
  }

  private static Long line(CityPackage.File f, String member) {
    return f.member(member).map(CityPackage.Item::line).orElse(1L);
  }

  /** The names the package's areas file gives the properties (its own GIS's names). */
  static Map<String, String> areaProperties(CityPackage p) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String field : List.of("code", "level", "name", "nameEn", "parentCode")) {
      names.put(field, field);
    }
    p.member(MANIFEST, "areas")
        .map(CityPackage.Item::node)
        .map(n -> n.path("properties"))
        .filter(JsonNode::isObject)
        .ifPresent(
            n -> n.fields().forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText())));
    return names;
  }

  private void areas() {
    Map<String, String> property = areaProperties(p);
    List<CityPackage.Item> features = p.list(AREAS, "features");
    if (p.file(AREAS).isPresent() && features.isEmpty()) {
      problems.add(new Problem(AREAS, 1L, null, "features", "areas.none", "", List.of()));
    }
    Map<String, CityPackage.Item> byCode = new HashMap<>();
    Map<String, String> parentOf = new HashMap<>();
    for (CityPackage.Item f : features) {
      Fields feature = new Fields(f, problems);
      if (!feature.isObject()) {
        continue;
      }
      JsonNode props = f.node().path("properties");
      if (!props.isObject()) {
        feature.problem("properties", "field.required", "properties");
        continue;
      }
      Fields properties = feature.within("properties");
      String code = properties.text(property.get("code"), true, 15);
      String levelText = properties.text(property.get("level"), false, 20);
      properties.text(property.get("name"), true, 200);
      properties.text(property.get("nameEn"), false, 200);
      String parent = properties.text(property.get("parentCode"), false, 15);
      Geometry geometry = null;
      try {
        geometry = GeoJson.read(f.node().path("geometry"));
      } catch (IllegalArgumentException e) {
        feature.problem("geometry", "area.geometry", e.getMessage());
      }
      if (code == null) {
        continue;
      }
      AreaLevel byLength = levelOf(code);
      AreaLevel level = byLength;
      if (levelText != null) {
        level = null;
        for (AreaLevel l : AreaLevel.values()) {
          if (l.name().equalsIgnoreCase(levelText)) {
            level = l;
          }
        }
        if (level == null) {
          properties.problem(property.get("level"), "area.level", levelText);
          continue;
        }
      }
      if (byLength == null) {
        properties.problem(property.get("code"), "area.code.length", code);
        continue;
      }
      if (level != byLength) {
        properties.problem(
            property.get("code"),
            "area.code.level",
            code,
            level.name(),
            String.valueOf(level.digits()));
        continue;
      }
      if (byCode.containsKey(code)) {
        properties.problem(
            property.get("code"), "code.duplicate", code, String.valueOf(byCode.get(code).line()));
        continue;
      }
      byCode.put(code, f);
      areas.put(code, level);
      if (parent == null && level != AreaLevel.DISTRICT) {
        parent = code.substring(0, code.length() - 3);
      }
      if (level == AreaLevel.DISTRICT && parent != null) {
        properties.problem(property.get("parentCode"), "area.parent.district", parent);
      } else if (level != AreaLevel.DISTRICT) {
        AreaLevel above = AreaLevel.values()[level.ordinal() - 1];
        if (!code.startsWith(parent) || parent.length() != above.digits()) {
          properties.problem(
              property.get("parentCode"), "area.parent.prefix", parent, code, above.name());
        } else {
          parentOf.put(code, parent);
        }
      }
      if (level == AreaLevel.GRID && geometry != null) {
        grids.put(code, geometry);
      }
    }
    parentOf.forEach(
        (code, parent) -> {
          if (!areas.containsKey(parent)) {
            CityPackage.Item f = byCode.get(code);
            new Fields(f, problems)
                .within("properties")
                .problem(property.get("parentCode"), "area.parent.missing", parent);
          }
        });
    if (!features.isEmpty() && grids.isEmpty()) {
      problems.add(new Problem(AREAS, 1L, null, "features", "areas.no-grid", "", List.of()));
    }
  }

  static AreaLevel levelOf(String code) {
    if (!DIGITS.matcher(code).matches()) {
      return null;
    }
    for (AreaLevel l : AreaLevel.values()) {
      if (l.digits() == code.length()) {
        return l;
      }
    }
    return null;
  }

  private void departments() {
    Map<String, String> parentOf = new LinkedHashMap<>();
    Map<String, CityPackage.Item> items = new HashMap<>();
    for (CityPackage.Item d : p.list(DEPARTMENTS, "departments")) {
      Fields f = new Fields(d, problems);
      if (!f.isObject()) {
        continue;
      }
      f.only("code", "name", "nameEn", "kind", "parentCode");
      String code = f.code("code", true, DEPARTMENT_CODE, "department.code");
      f.text("name", true, 200);
      f.text("nameEn", false, 200);
      Vocabulary.DepartmentKind kind = f.oneOf("kind", Vocabulary.DepartmentKind.class, true);
      String parent = f.code("parentCode", false, DEPARTMENT_CODE, "department.code");
      if (code == null || kind == null) {
        continue;
      }
      if (departments.containsKey(code)) {
        f.problem("code", "code.duplicate", code, String.valueOf(items.get(code).line()));
        continue;
      }
      departments.put(code, kind);
      items.put(code, d);
      parentOf.put(code, parent);
    }
    parentOf.forEach(
        (code, parent) -> {
          if (parent != null && !departments.containsKey(parent)) {
            new Fields(items.get(code), problems)
                .problem("parentCode", "department.parent.missing", parent);
          }
        });
    for (String code : parentOf.keySet()) {
      Set<String> seen = new HashSet<>();
      int depth = 0;
      for (String at = code; at != null; at = parentOf.get(at)) {
        if (!seen.add(at)) {
          new Fields(items.get(code), problems)
              .problem("parentCode", "department.parent.cycle", parentOf.get(code));
          break;
        }
        if (++depth > MAX_DEPTH) {
          new Fields(items.get(code), problems)
              .problem(
                  "parentCode", "department.depth", parentOf.get(code), String.valueOf(MAX_DEPTH));
          break;
        }
      }
    }
    Map<String, CityPackage.Item> territories = new HashMap<>();
    for (CityPackage.Item t : p.list(DEPARTMENTS, "territories")) {
      Fields f = new Fields(t, problems);
      if (!f.isObject()) {
        continue;
      }
      f.only("areaCode", "departmentCode");
      String area = f.text("areaCode", true, 15);
      String department = f.code("departmentCode", true, DEPARTMENT_CODE, "department.code");
      if (area != null) {
        AreaLevel level = areas.get(area);
        if (level != AreaLevel.STREET && level != AreaLevel.COMMUNITY) {
          f.problem("areaCode", "territory.area", area);
        } else if (territories.containsKey(area)) {
          f.problem(
              "areaCode", "code.duplicate", area, String.valueOf(territories.get(area).line()));
        } else {
          territories.put(area, t);
        }
      }
      if (department != null) {
        Vocabulary.DepartmentKind kind = departments.get(department);
        if (kind == null) {
          f.problem("departmentCode", "department.missing", department);
        } else if (kind != Vocabulary.DepartmentKind.TERRITORIAL) {
          f.problem("departmentCode", "territory.kind", department, kind.name());
        }
      }
    }
  }

  private void categories() {
    Map<String, CityPackage.Item> items = new HashMap<>();
    for (CityPackage.Item c : p.list(CATEGORIES, "categories")) {
      Fields f = new Fields(c, problems);
      if (!f.isObject()) {
        continue;
      }
      f.only(
          "code",
          "name",
          "nameEn",
          "kind",
          "defaultUrgency",
          "duplicateRadiusMetres",
          "duplicateWindowHours");
      String code = f.code("code", true, CATEGORY_CODE, "category.code");
      f.text("name", true, 200);
      f.text("nameEn", false, 200);
      Vocabulary.CategoryKind kind = f.oneOf("kind", Vocabulary.CategoryKind.class, true);
      f.oneOf("defaultUrgency", Vocabulary.Urgency.class, true);
      f.number("duplicateRadiusMetres", false, BigDecimal.ONE, BigDecimal.valueOf(10_000));
      f.number("duplicateWindowHours", false, BigDecimal.ONE, BigDecimal.valueOf(8_760));
      if (code == null || kind == null) {
        continue;
      }
      if (items.containsKey(code)) {
        f.problem("code", "code.duplicate", code, String.valueOf(items.get(code).line()));
        continue;
      }
      items.put(code, c);
      categories.put(code, kind);
    }
  }

  private void routing() {
    Map<String, CityPackage.Item> scopes = new HashMap<>();
    for (CityPackage.Item r : p.list(ROUTING, "rules")) {
      Fields f = new Fields(r, problems);
      if (!f.isObject()) {
        continue;
      }
      f.only(
          "categoryCode",
          "districtCode",
          "departmentCode",
          "territorialOffice",
          "coHandlerCodes",
          "effectiveFrom");
      String category = f.text("categoryCode", true, 16);
      String district = f.text("districtCode", false, 15);
      String department = f.text("departmentCode", false, 64);
      Vocabulary.TerritorialOffice office =
          f.oneOf("territorialOffice", Vocabulary.TerritorialOffice.class, false);
      List<String> coHandlers = f.texts("coHandlerCodes");
      String from = f.text("effectiveFrom", false, 40);
      if (category != null && !categories.containsKey(category)) {
        f.problem("categoryCode", "category.missing", category);
      }
      if (district != null && areas.get(district) != AreaLevel.DISTRICT) {
        f.problem("districtCode", "rule.district", district);
      }
      if ((department == null) == (office == null)
          && (department != null || r.node().path("territorialOffice").isMissingNode())) {
        f.problem(null, "rule.target", department == null ? "" : department);
      }
      if (department != null && !departments.containsKey(department)) {
        f.problem("departmentCode", "department.missing", department);
      }
      for (int i = 0; i < coHandlers.size(); i++) {
        String co = coHandlers.get(i);
        if (!departments.containsKey(co)) {
          f.problem("coHandlerCodes[" + i + "]", "department.missing", co);
        } else if (co.equals(department)) {
          f.problem("coHandlerCodes[" + i + "]", "rule.co-handler.lead", co);
        }
      }
      if (from != null) {
        try {
          OffsetDateTime.parse(from);
        } catch (DateTimeParseException e) {
          f.problem("effectiveFrom", "field.not-date-time", from);
          from = null;
        }
      }
      String scope =
          category
              + "|"
              + district
              + "|"
              + (from == null ? "" : OffsetDateTime.parse(from).toInstant());
      if (category != null && scopes.containsKey(scope)) {
        f.problem(null, "rule.duplicate", category, String.valueOf(scopes.get(scope).line()));
      }
      scopes.put(scope, r);
    }
  }

  private void deadlines() {
    Map<String, CityPackage.Item> scopes = new HashMap<>();
    for (CityPackage.Item d : p.list(DEADLINES, "policies")) {
      Fields f = new Fields(d, problems);
      if (!f.isObject()) {
        continue;
      }
      f.only("categoryCode", "urgency", "sign", "makeSafe", "resolve", "warningShare");
      String category = f.text("categoryCode", false, 16);
      Vocabulary.Urgency urgency = f.oneOf("urgency", Vocabulary.Urgency.class, true);
      limit(f, d, "sign", true);
      limit(f, d, "makeSafe", false);
      limit(f, d, "resolve", true);
      BigDecimal share = f.number("warningShare", false, BigDecimal.ZERO, BigDecimal.ONE);
      if (share != null && (share.signum() == 0 || share.compareTo(BigDecimal.ONE) == 0)) {
        f.problem("warningShare", "policy.warning-share", share.toPlainString());
      }
      if (category != null && !categories.containsKey(category)) {
        f.problem("categoryCode", "category.missing", category);
      }
      String scope = category + "|" + urgency;
      if (urgency != null && scopes.containsKey(scope)) {
        f.problem(
            null,
            "policy.duplicate",
            (category == null ? "*" : category) + "/" + urgency,
            String.valueOf(scopes.get(scope).line()));
      }
      scopes.put(scope, d);
    }
    p.member(DEADLINES, "supervisionOrderResponse")
        .ifPresent(
            item -> {
              Fields f = new Fields(item, problems);
              if (f.isObject()) {
                limitFields(f);
              }
            });
  }

  private void limit(Fields f, CityPackage.Item item, String name, boolean required) {
    JsonNode limit = item.node().get(name);
    if (limit == null || limit.isNull()) {
      if (required) {
        f.problem(name, "field.required", name);
      }
      return;
    }
    if (!limit.isObject()) {
      f.problem(name, "item.not-object", Fields.shown(limit));
      return;
    }
    limitFields(f.within(name));
  }

  private static void limitFields(Fields f) {
    f.only("amount", "unit");
    BigDecimal amount = f.number("amount", true, new BigDecimal("0.01"), BigDecimal.valueOf(3650));
    Vocabulary.DeadlineUnit unit = f.oneOf("unit", Vocabulary.DeadlineUnit.class, true);
    if (amount != null
        && unit == Vocabulary.DeadlineUnit.WORKING_DAYS
        && amount.stripTrailingZeros().scale() > 0) {
      f.problem("amount", "limit.whole-days", amount.toPlainString());
    }
  }

  private void calendar() {
    List<LocalTime[]> periods = new ArrayList<>();
    for (CityPackage.Item item : p.list(CALENDAR, "workingPeriods")) {
      Fields f = new Fields(item, problems);
      if (!f.isObject()) {
        continue;
      }
      f.only("start", "end");
      LocalTime start = time(f, "start");
      LocalTime end = time(f, "end");
      if (start != null && end != null) {
        if (!start.isBefore(end)) {
          f.problem(null, "calendar.period.order", start + "–" + end);
        } else {
          periods.add(new LocalTime[] {start, end});
        }
      }
    }
    if (p.file(CALENDAR).isPresent() && p.list(CALENDAR, "workingPeriods").isEmpty()) {
      problems.add(
          new Problem(CALENDAR, 1L, null, "workingPeriods", "calendar.no-period", "", List.of()));
    }
    periods.sort((a, b) -> a[0].compareTo(b[0]));
    for (int i = 1; i < periods.size(); i++) {
      if (periods.get(i)[0].isBefore(periods.get(i - 1)[1])) {
        problems.add(
            new Problem(
                CALENDAR,
                p.member(CALENDAR, "workingPeriods").map(CityPackage.Item::line).orElse(1L),
                null,
                "workingPeriods",
                "calendar.period.overlap",
                periods.get(i - 1)[0] + "–" + periods.get(i - 1)[1],
                List.of(periods.get(i)[0] + "–" + periods.get(i)[1])));
      }
    }
    Set<DayOfWeek> weekend = new HashSet<>();
    for (CityPackage.Item item : p.list(CALENDAR, "weekend")) {
      String day = item.node().asText();
      try {
        weekend.add(DayOfWeek.valueOf(day.toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        problems.add(item.problem(null, "field.not-one-of", day, "MONDAY … SUNDAY"));
      }
    }
    Map<LocalDate, CityPackage.Item> days = new HashMap<>();
    for (String list : List.of("holidays", "makeUpWorkdays")) {
      for (CityPackage.Item item : p.list(CALENDAR, list)) {
        Fields f = new Fields(item, problems);
        if (!f.isObject()) {
          continue;
        }
        f.only("date", "name");
        f.text("name", true, 100);
        String text = f.text("date", true, 10);
        if (text == null) {
          continue;
        }
        LocalDate date;
        try {
          date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
          f.problem("date", "field.not-date", text);
          continue;
        }
        CityPackage.Item earlier = days.putIfAbsent(date, item);
        if (earlier != null) {
          f.problem(
              "date",
              earlier.path().startsWith(list) ? "calendar.day.duplicate" : "calendar.day.both",
              text,
              String.valueOf(earlier.line()));
        } else if (list.equals("makeUpWorkdays") && !weekend.contains(date.getDayOfWeek())) {
          f.problem("date", "calendar.make-up.weekday", text, date.getDayOfWeek().name());
        }
      }
    }
  }

  private static LocalTime time(Fields f, String name) {
    String text = f.text(name, true, 8);
    if (text == null) {
      return null;
    }
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      f.problem(name, "field.not-time", text);
      return null;
    }
  }

  private void escalation() {
    p.file(ESCALATION)
        .ifPresent(
            file -> {
              file.member("period")
                  .ifPresentOrElse(
                      item -> {
                        String text = item.node().asText();
                        if (java.util.Arrays.stream(Vocabulary.LadderPeriod.values())
                            .noneMatch(v -> v.name().equalsIgnoreCase(text))) {
                          problems.add(item.problem(null, "field.not-one-of", text, "WEEK, MONTH"));
                        }
                      },
                      () ->
                          problems.add(
                              new Problem(
                                  ESCALATION,
                                  1L,
                                  null,
                                  "period",
                                  "field.required",
                                  "period",
                                  List.of())));
              int lastCount = 0;
              int lastStep = -1;
              for (CityPackage.Item r : file.list("rungs")) {
                Fields f = new Fields(r, problems);
                if (!f.isObject()) {
                  continue;
                }
                f.only("overdueCases", "step");
                BigDecimal count =
                    f.number("overdueCases", true, BigDecimal.ONE, BigDecimal.valueOf(100_000));
                Vocabulary.AccountabilityStep step =
                    f.oneOf("step", Vocabulary.AccountabilityStep.class, true);
                if (count != null && step != null) {
                  if (count.intValue() <= lastCount || step.ordinal() <= lastStep) {
                    f.problem(null, "ladder.order", count.toPlainString() + " → " + step.name());
                  }
                  lastCount = count.intValue();
                  lastStep = step.ordinal();
                }
              }
            });
  }

  private void sensorRules() {
    Set<Vocabulary.AlarmKind> kinds = new HashSet<>();
    for (CityPackage.Item r : p.list(SENSOR_RULES, "rules")) {
      Fields f = new Fields(r, problems);
      if (!f.isObject()) {
        continue;
      }
      f.only("kind", "threshold", "debounceSeconds");
      Vocabulary.AlarmKind kind = f.oneOf("kind", Vocabulary.AlarmKind.class, true);
      f.number("threshold", false, BigDecimal.valueOf(-1_000_000), BigDecimal.valueOf(1_000_000));
      f.number("debounceSeconds", true, BigDecimal.ZERO, BigDecimal.valueOf(86_400));
      if (kind != null && !kinds.add(kind)) {
        f.problem("kind", "sensor.duplicate", kind.name());
      }
    }
  }

  private void metricWeights() {
    p.member(METRIC_WEIGHTS, "weights")
        .ifPresent(
            item -> {
              Fields f = new Fields(item, problems);
              if (!f.isObject()) {
                return;
              }
              Map<String, Vocabulary.MetricInput> inputs = new HashMap<>();
              for (Vocabulary.MetricInput i : Vocabulary.MetricInput.values()) {
                inputs.put(i.key(), i);
              }
              BigDecimal total = BigDecimal.ZERO;
              for (var names = item.node().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!inputs.containsKey(name)) {
                  f.problem(
                      name,
                      "weights.input",
                      name,
                      String.join(", ", new java.util.TreeSet<>(inputs.keySet())));
                  continue;
                }
                BigDecimal w = f.number(name, true, BigDecimal.ZERO, BigDecimal.valueOf(1000));
                total = w == null ? total : total.add(w);
              }
              if (total.signum() == 0) {
                f.problem(null, "weights.none", "");
              }
            });
  }

  private void open311Clients() {
    Set<String> ids = new HashSet<>();
    for (CityPackage.Item c : p.list(OPEN311_CLIENTS, "clients")) {
      Fields f = new Fields(c, problems);
      if (!f.isObject()) {
        continue;
      }
      f.only("clientId", "name", "apiKeySha256");
      String id = f.code("clientId", true, CLIENT_ID, "open311.client-id");
      f.text("name", true, 200);
      f.code("apiKeySha256", true, SHA256, "open311.key-hash");
      if (id != null && !ids.add(id)) {
        f.problem("clientId", "code.duplicate", id, "");
      }
    }
  }
}
