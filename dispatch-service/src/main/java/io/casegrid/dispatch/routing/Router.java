package io.casegrid.dispatch.routing;

import io.casegrid.events.RoutingBasis;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which department a case goes to (派遣), in the order practice demands: the registered owner
 * of the asset (权属; a cover's type is not its owner), else the routing catalogue's competent
 * department for the category in the case's district (a district rule before a city-wide one), else
 * the territorial office of the case's street (属地兜底). A case none of these places goes to the
 * dispatchers' arbitration queue. The catalogue is versioned: each rule takes effect at a moment,
 * so a change can be loaded ahead and previewed, and touches only cases routed after it. Immutable;
 * built from reference data.
 */
public final class Router {

  /** What routing looks at. Location and owner may be unknown (null). */
  public record CaseFacts(
      String categoryCode, String districtCode, String streetCode, String assetOwnerCode) {}

  /**
   * An entry of the routing catalogue; a null district means the whole city, a null {@code
   * effectiveFrom} since ever.
   */
  public record Rule(
      String categoryCode,
      String districtCode,
      String departmentCode,
      List<String> coHandlers,
      Instant effectiveFrom) {

    public Rule(
        String categoryCode, String districtCode, String departmentCode, List<String> coHandlers) {
      this(categoryCode, districtCode, departmentCode, coHandlers, null);
    }

    String reference() {
      return "catalogue:"
          + categoryCode
          + "@"
          + (districtCode == null ? "city" : districtCode)
          + (effectiveFrom == null ? "" : "#" + effectiveFrom);
    }
  }

  /** Where the case goes and why; an empty department means arbitration by a dispatcher. */
  public record Decision(
      Optional<String> departmentCode,
      RoutingBasis basis,
      String ruleReference,
      List<String> coHandlers) {

    static Decision placed(String department, RoutingBasis basis, String reference) {
      return new Decision(Optional.of(department), basis, reference, List.of());
    }
  }

  private final Map<String, NavigableMap<Instant, Rule>> rules = new HashMap<>();
  private final Map<String, String> territories;
  private final Set<String> departments;

  public Router(Collection<Rule> rules, Map<String, String> territories, Set<String> departments) {
    for (Rule rule : rules) {
      this.rules
          .computeIfAbsent(key(rule.categoryCode(), rule.districtCode()), k -> new TreeMap<>())
          .put(rule.effectiveFrom() == null ? Instant.MIN : rule.effectiveFrom(), rule);
    }
    this.territories = Map.copyOf(territories);
    this.departments = Set.copyOf(departments);
  }

  /** Whether a department of that code exists. */
  public boolean knows(String departmentCode) {
    return departments.contains(departmentCode);
  }

  /** Where a case routed at moment {@code at} goes, by the catalogue in effect then. */
  public Decision route(CaseFacts facts, Instant at) {
    if (facts.assetOwnerCode() != null && departments.contains(facts.assetOwnerCode())) {
      return Decision.placed(
          facts.assetOwnerCode(),
          RoutingBasis.ASSET_OWNER,
          "asset-owner:" + facts.assetOwnerCode());
    }
    Rule rule =
        Optional.ofNullable(
                facts.districtCode() == null
                    ? null
                    : ruleAt(key(facts.categoryCode(), facts.districtCode()), at))
            .orElse(ruleAt(key(facts.categoryCode(), null), at));
    if (rule != null) {
      return new Decision(
          Optional.of(rule.departmentCode()),
          RoutingBasis.ROUTING_CATALOGUE,
          rule.reference(),
          rule.coHandlers());
    }
    String territorial = facts.streetCode() == null ? null : territories.get(facts.streetCode());
    if (territorial != null) {
      return Decision.placed(
          territorial, RoutingBasis.TERRITORIAL_FALLBACK, "territory:" + facts.streetCode());
    }
    return new Decision(Optional.empty(), RoutingBasis.MANUAL, "no-rule", List.of());
  }

  private Rule ruleAt(String key, Instant at) {
    NavigableMap<Instant, Rule> versions = rules.get(key);
    if (versions == null) {
      return null;
    }
    Map.Entry<Instant, Rule> effective = versions.floorEntry(at);
    return effective == null ? null : effective.getValue();
  }

  private static String key(String category, String district) {
    return category + "|" + (district == null ? "*" : district);
  }
}
