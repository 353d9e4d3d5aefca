package io.casegrid.dispatch.routing;

import io.casegrid.events.RoutingBasis;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which department a case goes to (派遣), in the order practice demands: the registered owner
 * of the asset (权属; a cover's type is not its owner), else the routing catalogue's competent
 * department for the category in the case's district (a district rule before a city-wide one), else
 * the territorial office of the case's street (属地兜底). A case none of these places goes to the
 * dispatchers' arbitration queue. Immutable; built from reference data.
 */
public final class Router {

  /** What routing looks at. Location and owner may be unknown (null). */
  public record CaseFacts(
      String categoryCode, String districtCode, String streetCode, String assetOwnerCode) {}

  /** An entry of the routing catalogue; a null district means the whole city. */
  public record Rule(
      String categoryCode, String districtCode, String departmentCode, List<String> coHandlers) {

    String reference() {
      return "catalogue:" + categoryCode + "@" + (districtCode == null ? "city" : districtCode);
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

  private final Map<String, Rule> rules = new HashMap<>();
  private final Map<String, String> territories;
  private final Set<String> departments;

  public Router(Collection<Rule> rules, Map<String, String> territories, Set<String> departments) {
    for (Rule rule : rules) {
      this.rules.put(key(rule.categoryCode(), rule.districtCode()), rule);
    }
    this.territories = Map.copyOf(territories);
    this.departments = Set.copyOf(departments);
  }

  /** Whether a department of that code exists. */
  public boolean knows(String departmentCode) {
    return departments.contains(departmentCode);
  }

  public Decision route(CaseFacts facts) {
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
                    : rules.get(key(facts.categoryCode(), facts.districtCode())))
            .orElse(rules.get(key(facts.categoryCode(), null)));
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

  private static String key(String category, String district) {
    return category + "|" + (district == null ? "*" : district);
  }
}
