package io.casegrid.citypackage;

import static io.casegrid.citypackage.CityPackage.AREAS;
import static io.casegrid.citypackage.CityPackage.CALENDAR;
import static io.casegrid.citypackage.CityPackage.CATEGORIES;
import static io.casegrid.citypackage.CityPackage.DEADLINES;
import static io.casegrid.citypackage.CityPackage.DEPARTMENTS;
import static io.casegrid.citypackage.CityPackage.ESCALATION;
import static io.casegrid.citypackage.CityPackage.METRIC_WEIGHTS;
import static io.casegrid.citypackage.CityPackage.OPEN311_CLIENTS;
import static io.casegrid.citypackage.CityPackage.ROUTING;
import static io.casegrid.citypackage.CityPackage.SENSOR_RULES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casegrid.citypackage.assets.AssetRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A checked package split into each service's part, as each service's administration endpoint takes
 * it: intake the catalogue, areas, departments' names, assets, Open311 clients and sensor rules;
 * dispatch the departments, territories and routing rules; supervision the calendar, the policies,
 * the ladder, the weights, and the areas and names its map and bulletins show. The parts are the
 * services' reference-data documents, so a part loads as the administrator would load it.
 */
public final class Parts {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The three parts, by service. */
  public record Split(ObjectNode intake, ObjectNode dispatch, ObjectNode supervision) {

    /** The part of a service: {@code intake}, {@code dispatch} or {@code supervision}. */
    public ObjectNode of(String service) {
      return switch (service) {
        case "intake" -> intake;
        case "dispatch" -> dispatch;
        case "supervision" -> supervision;
        default -> throw new IllegalArgumentException(service);
      };
    }
  }

  private Parts() {}

  /** Splits a package that passed its check; {@code assets} are those {@link AssetCheck} let by. */
  public static Split split(CityPackage p, List<AssetRules.Asset> assets) {
    ArrayNode categories = F.arrayNode();
    for (CityPackage.Item c : p.list(CATEGORIES, "categories")) {
      ObjectNode n =
          copy(c.node(), "code", "name", "nameEn", "duplicateRadiusMetres", "duplicateWindowHours");
      n.put("kind", upper(c.node(), "kind"));
      n.put("defaultUrgency", upper(c.node(), "defaultUrgency"));
      categories.add(n);
    }
    ArrayNode areas = areas(p);
    ArrayNode departmentNames = F.arrayNode();
    ArrayNode departments = F.arrayNode();
    for (CityPackage.Item d : p.list(DEPARTMENTS, "departments")) {
      departmentNames.add(copy(d.node(), "code", "name", "nameEn"));
      ObjectNode n = copy(d.node(), "code", "name", "nameEn", "parentCode");
      n.put("kind", upper(d.node(), "kind"));
      departments.add(n);
    }
    ArrayNode assetNodes = F.arrayNode();
    for (AssetRules.Asset a : assets) {
      ObjectNode n = assetNodes.addObject();
      n.put("code", a.code()).put("categoryCode", a.categoryCode());
      n.put("latitude", a.latitude()).put("longitude", a.longitude());
      n.put("ownerDepartmentCode", a.ownerDepartmentCode());
      if (a.address() != null) {
        n.put("address", a.address());
      }
    }
    ArrayNode clients = F.arrayNode();
    p.list(OPEN311_CLIENTS, "clients")
        .forEach(c -> clients.add(copy(c.node(), "clientId", "name", "apiKeySha256")));
    ArrayNode sensorRules = F.arrayNode();
    for (CityPackage.Item r : p.list(SENSOR_RULES, "rules")) {
      ObjectNode n = copy(r.node(), "threshold", "debounceSeconds");
      n.put("kind", upper(r.node(), "kind"));
      sensorRules.add(n);
    }
    ObjectNode intake = F.objectNode();
    intake.set("categories", categories);
    intake.set("areas", areas);
    intake.set("departments", departmentNames);
    intake.set("assets", assetNodes);
    intake.set("open311Clients", clients);
    intake.set("sensorRules", sensorRules);

    ArrayNode territories = F.arrayNode();
    for (CityPackage.Item t : p.list(DEPARTMENTS, "territories")) {
      String area = t.node().path("areaCode").asText();
      ObjectNode n = territories.addObject();
      n.put(area.length() == 9 ? "streetCode" : "communityCode", area);
      n.put("departmentCode", t.node().path("departmentCode").asText());
    }
    ArrayNode rules = F.arrayNode();
    for (CityPackage.Item r : p.list(ROUTING, "rules")) {
      ObjectNode n =
          copy(
              r.node(),
              "categoryCode",
              "districtCode",
              "departmentCode",
              "coHandlerCodes",
              "effectiveFrom");
      if (r.node().hasNonNull("territorialOffice")) {
        n.put("territorialOffice", upper(r.node(), "territorialOffice"));
      }
      if (!n.has("coHandlerCodes")) {
        n.set("coHandlerCodes", F.arrayNode());
      }
      rules.add(n);
    }
    ObjectNode dispatch = F.objectNode();
    dispatch.set("departments", departments);
    dispatch.set("territories", territories);
    dispatch.set("routingRules", rules);

    ObjectNode supervision = F.objectNode();
    ObjectNode calendar = supervision.putObject("calendar");
    ArrayNode periods = calendar.putArray("workingPeriods");
    p.list(CALENDAR, "workingPeriods").forEach(i -> periods.add(copy(i.node(), "start", "end")));
    ArrayNode weekend = calendar.putArray("weekend");
    p.list(CALENDAR, "weekend")
        .forEach(i -> weekend.add(i.node().asText().toUpperCase(Locale.ROOT)));
    for (String list : List.of("holidays", "makeUpWorkdays")) {
      ArrayNode days = calendar.putArray(list);
      p.list(CALENDAR, list).forEach(i -> days.add(copy(i.node(), "date", "name")));
    }
    ArrayNode policies = supervision.putArray("deadlinePolicies");
    for (CityPackage.Item d : p.list(DEADLINES, "policies")) {
      ObjectNode n = copy(d.node(), "categoryCode", "warningShare");
      if (!n.has("warningShare")) {
        n.put("warningShare", new java.math.BigDecimal("0.8"));
      }
      n.put("urgency", upper(d.node(), "urgency"));
      for (String limit : List.of("sign", "makeSafe", "resolve")) {
        if (d.node().hasNonNull(limit)) {
          n.set(limit, limit(d.node().get(limit)));
        }
      }
      policies.add(n);
    }
    p.member(DEADLINES, "supervisionOrderResponse")
        .ifPresent(i -> supervision.set("supervisionOrderResponse", limit(i.node())));
    p.file(ESCALATION)
        .ifPresent(
            f -> {
              ObjectNode ladder = supervision.putObject("escalationLadder");
              ladder.put(
                  "period",
                  f.member("period")
                      .map(i -> i.node().asText().toUpperCase(Locale.ROOT))
                      .orElse("MONTH"));
              ArrayNode rungs = ladder.putArray("rungs");
              for (CityPackage.Item r : f.list("rungs")) {
                ObjectNode n = rungs.addObject();
                n.put("overdueCases", r.node().path("overdueCases").asInt());
                n.put("step", upper(r.node(), "step"));
              }
            });
    p.member(METRIC_WEIGHTS, "weights")
        .ifPresent(i -> supervision.set("metricWeights", i.node().deepCopy()));
    supervision.set("areas", areas.deepCopy());
    supervision.set("departments", departmentNames.deepCopy());
    ArrayNode categoryNames = supervision.putArray("categories");
    categories.forEach(c -> categoryNames.add(copy(c, "code", "name", "nameEn")));
    return new Split(intake, dispatch, supervision);
  }

  // The areas as the services take them, from the GeoJSON's features and its property names.
  private static ArrayNode areas(CityPackage p) {
    Map<String, String> property = PackageCheck.areaProperties(p);
    ArrayNode areas = F.arrayNode();
    for (CityPackage.Item f : p.list(AREAS, "features")) {
      JsonNode props = f.node().path("properties");
      String code = props.path(property.get("code")).asText();
      Vocabulary.AreaLevel level = PackageCheck.levelOf(code);
      ObjectNode a = areas.addObject();
      a.put("code", code);
      a.put("level", level == null ? null : level.name());
      a.put("name", props.path(property.get("name")).asText());
      JsonNode en = props.get(property.get("nameEn"));
      if (en != null && !en.isNull()) {
        a.put("nameEn", en.asText());
      }
      JsonNode parent = props.get(property.get("parentCode"));
      if (parent != null && !parent.isNull()) {
        a.put("parentCode", parent.asText());
      } else if (level != null && level != Vocabulary.AreaLevel.DISTRICT) {
        a.put("parentCode", code.substring(0, code.length() - 3));
      }
      a.set("geometry", f.node().get("geometry"));
    }
    return areas;
  }

  private static ObjectNode limit(JsonNode limit) {
    ObjectNode n = F.objectNode();
    n.set("amount", limit.get("amount"));
    n.put("unit", upper(limit, "unit"));
    return n;
  }

  private static ObjectNode copy(JsonNode from, String... fields) {
    ObjectNode n = F.objectNode();
    for (String field : fields) {
      JsonNode v = from.get(field);
      if (v != null && !v.isNull()) {
        n.set(field, v.isTextual() ? F.textNode(v.asText().strip()) : v.deepCopy());
      }
    }
    return n;
  }

  private static String upper(JsonNode from, String field) {
    JsonNode v = from.get(field);
    return v == null || v.isNull() ? null : v.asText().strip().toUpperCase(Locale.ROOT);
  }
}
