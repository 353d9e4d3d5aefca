package io.casegrid.citypackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What loading a package would change, as a diff of each service's part against what the service
 * has loaded: per kind of data, the items added, changed and retired, by their keys. Two items are
 * the same when they say the same after normalising (names of enumerations in capitals, numbers
 * without trailing zeros, moments as instants, nothing for what is absent or null).
 */
public final class Diff {

  /** At most this many keys are listed per kind and change; the counts are always whole. */
  public static final int LISTED = 50;

  /** One kind's changes. */
  public record Changes(
      String service,
      String kind,
      int added,
      int changed,
      int retired,
      int unchanged,
      List<String> addedKeys,
      List<String> changedKeys,
      List<String> retiredKeys) {

    public boolean isEmpty() {
      return added + changed + retired == 0;
    }
  }

  private record Kind(
      String service, String kind, Function<JsonNode, Map<String, JsonNode>> items) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("intake", "categories", list("categories", n -> n.path("code").asText())),
          new Kind("intake", "areas", list("areas", n -> n.path("code").asText())),
          new Kind("intake", "assets", list("assets", n -> n.path("code").asText())),
          new Kind(
              "intake", "open311Clients", list("open311Clients", n -> n.path("clientId").asText())),
          new Kind("intake", "sensorRules", list("sensorRules", n -> n.path("kind").asText())),
          new Kind("dispatch", "departments", list("departments", n -> n.path("code").asText())),
          new Kind(
              "dispatch",
              "territories",
              list(
                  "territories",
                  n -> n.path("streetCode").asText(n.path("communityCode").asText()))),
          new Kind(
              "dispatch",
              "routingRules",
              list(
                  "routingRules",
                  n ->
                      n.path("categoryCode").asText()
                          + "@"
                          + n.path("districtCode").asText("city")
                          + (n.hasNonNull("effectiveFrom")
                              ? "#" + instant(n.get("effectiveFrom").asText())
                              : ""))),
          new Kind(
              "supervision",
              "deadlinePolicies",
              list(
                  "deadlinePolicies",
                  n ->
                      n.path("categoryCode").asText("default") + "/" + n.path("urgency").asText())),
          new Kind(
              "supervision",
              "holidays",
              list("calendar", "holidays", n -> n.path("date").asText())),
          new Kind(
              "supervision",
              "makeUpWorkdays",
              list("calendar", "makeUpWorkdays", n -> n.path("date").asText())),
          new Kind("supervision", "workingTime", single("calendar", "workingPeriods", "weekend")),
          new Kind(
              "supervision", "supervisionOrderResponse", single(null, "supervisionOrderResponse")),
          new Kind("supervision", "escalationLadder", single(null, "escalationLadder")),
          new Kind("supervision", "metricWeights", single(null, "metricWeights")));

  private Diff() {}

  /**
   * The changes from what is loaded to what a package brings, kind by kind, every kind listed; both
   * sides as the services' parts ({@link Parts.Split}, or what each service exports).
   */
  public static List<Changes> between(Parts.Split loaded, Parts.Split brought) {
    List<Changes> all = new ArrayList<>();
    for (Kind k : KINDS) {
      Map<String, JsonNode> before = k.items().apply(loaded.of(k.service()));
      Map<String, JsonNode> after = k.items().apply(brought.of(k.service()));
      List<String> added = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      List<String> retired = new ArrayList<>();
      int unchanged = 0;
      for (Map.Entry<String, JsonNode> e : after.entrySet()) {
        JsonNode was = before.get(e.getKey());
        if (was == null) {
          added.add(e.getKey());
        } else if (!normal(was).equals(normal(e.getValue()))) {
          changed.add(e.getKey());
        } else {
          unchanged++;
        }
      }
      before.keySet().stream().filter(key -> !after.containsKey(key)).forEach(retired::add);
      all.add(
          new Changes(
              k.service(),
              k.kind(),
              added.size(),
              changed.size(),
              retired.size(),
              unchanged,
              first(added),
              first(changed),
              first(retired)));
    }
    return all;
  }

  /** Whether nothing at all would change. */
  public static boolean none(List<Changes> changes) {
    return changes.stream().allMatch(Changes::isEmpty);
  }

  private static List<String> first(List<String> keys) {
    return List.copyOf(keys.subList(0, Math.min(keys.size(), LISTED)));
  }

  private static Function<JsonNode, Map<String, JsonNode>> list(
      String member, Function<JsonNode, String> key) {
    return list(null, member, key);
  }

  private static Function<JsonNode, Map<String, JsonNode>> list(
      String parent, String member, Function<JsonNode, String> key) {
    return part -> {
      JsonNode list = (parent == null ? part : part.path(parent)).path(member);
      Map<String, JsonNode> items = new LinkedHashMap<>();
      list.forEach(n -> items.put(key.apply(n), n));
      return items;
    };
  }

  // A kind that is one thing (the ladder, the weights): absent, or one item named by the kind.
  private static Function<JsonNode, Map<String, JsonNode>> single(
      String parent, String... members) {
    return part -> {
      JsonNode from = parent == null ? part : part.path(parent);
      ObjectNode item = JsonNodeFactory.instance.objectNode();
      for (String m : members) {
        JsonNode v = from.get(m);
        if (v != null && !v.isNull() && !(v.isContainerNode() && v.isEmpty())) {
          item.set(m, v);
        }
      }
      return item.isEmpty() ? Map.of() : Map.of(String.join("+", members), item);
    };
  }

  /**
   * An item as compared: absent and null alike, enumerations in capitals, numbers and moments
   * normalised.
   */
  static JsonNode normal(JsonNode node) {
    if (node == null || node.isNull()) {
      return JsonNodeFactory.instance.nullNode();
    }
    if (node.isObject()) {
      TreeMap<String, JsonNode> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = normal(e.getValue());
        boolean empty = v.isNull() || (v.isArray() && v.isEmpty());
        if (!empty) {
          fields.put(e.getKey(), v);
        }
      }
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      fields.forEach(o::set);
      return o;
    }
    if (node.isArray()) {
      var a = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> a.add(normal(n)));
      return a;
    }
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue().stripTrailingZeros();
      return JsonNodeFactory.instance.textNode(d.toPlainString());
    }
    if (node.isTextual()) {
      String text = node.asText().strip();
      String moment = instant(text);
      if (moment == null && text.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
        moment = java.time.LocalTime.parse(text).toString();
      }
      return JsonNodeFactory.instance.textNode(moment != null ? moment : text);
    }
    return node;
  }

  // A moment with an offset as its instant, so that +08:00 and Z compare; null for other text.
  private static String instant(String text) {
    if (text.length() < 20 || text.charAt(10) != 'T') {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toString();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
