package io.casegrid.dispatch.routing;

import io.casegrid.events.RoutingBasis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides which department a case goes to (派遣), in the order practice demands: the registered owner
 * of the asset (权属; a cover's type is not its owner), else the routing catalogue's rule for the
 * category in the case's district (a district's rule overrides the city's), else the territorial
 * office of the case's street (属地兜底). A case none of these places goes to the dispatchers'
 * arbitration queue. A rule names a department, or the territorial office (属地) of the case's street
 * or community ("exposed garbage goes to the street office where it lies"). The catalogue is
 * versioned: each rule takes effect at a moment, so a change can be loaded ahead and previewed, and
 * touches only cases routed after it. Every decision carries the chain of steps that made it.
 * Immutable; built from reference data.
 */
public final class Router {

  /** What routing looks at. Location and owner may be unknown (null). */
  public record CaseFacts(
      String categoryCode,
      String districtCode,
      String streetCode,
      String communityCode,
      String assetOwnerCode) {

    /** Facts without the community, which only a community's territorial office needs. */
    public CaseFacts(
        String categoryCode, String districtCode, String streetCode, String assetOwnerCode) {
      this(categoryCode, districtCode, streetCode, null, assetOwnerCode);
    }
  }

  /**
   * Whose territorial office a rule sends a case to (属地): its street's, or its community's (the
   * street's where the community has none).
   */
  public enum TerritorialOffice {
    STREET,
    COMMUNITY
  }

  /**
   * An entry of the routing catalogue: a category, for the whole city (null district) or one
   * district, sent to a named department or to a territorial office, with co-handlers, from a
   * moment on (since ever if null).
   */
  public record Rule(
      String categoryCode,
      String districtCode,
      String departmentCode,
      TerritorialOffice territorialOffice,
      List<String> coHandlers,
      Instant effectiveFrom) {

    public Rule {
      if ((departmentCode == null) == (territorialOffice == null)) {
        throw new IllegalArgumentException(
            "a rule sends a case to a department or to a territorial office, one of them");
      }
      coHandlers = coHandlers == null ? List.of() : List.copyOf(coHandlers);
    }

    /** A rule naming a department, in effect at {@code effectiveFrom}. */
    public Rule(
        String categoryCode,
        String districtCode,
        String departmentCode,
        List<String> coHandlers,
        Instant effectiveFrom) {
      this(categoryCode, districtCode, departmentCode, null, coHandlers, effectiveFrom);
    }

    /** A rule naming a department, in effect since ever. */
    public Rule(
        String categoryCode, String districtCode, String departmentCode, List<String> coHandlers) {
      this(categoryCode, districtCode, departmentCode, null, coHandlers, null);
    }

    /** A rule sending the category to the case's territorial office, in effect since ever. */
    public static Rule territorial(
        String categoryCode, String districtCode, TerritorialOffice office) {
      return new Rule(categoryCode, districtCode, null, office, List.of(), null);
    }

    /** How the rule is named on a case and in the chain. */
    public String reference() {
      return "catalogue:"
          + categoryCode
          + "@"
          + (districtCode == null ? "city" : districtCode)
          + (effectiveFrom == null ? "" : "#" + effectiveFrom);
    }
  }

  /** What one step of routing looked at and what it found. */
  public enum Outcome {
    /** The step placed the case. */
    DECIDED,
    /** The step did not apply: nothing to look at, or nothing found. */
    NOT_APPLICABLE,
    /** A rule was found but another overrides it (the district's over the city's). */
    OVERRIDDEN
  }

  /**
   * One step of the chain: which step ({@code ASSET_OWNER}, {@code DISTRICT_RULE}, {@code
   * CITY_RULE}, {@code TERRITORIAL_OFFICE}, {@code TERRITORIAL_FALLBACK}, {@code ARBITRATION}), the
   * rule or fact it looked at, its outcome, the department it names, and why, in words.
   */
  public record Step(
      String step, String reference, Outcome outcome, String departmentCode, String note) {}

  /**
   * Where the case goes and why; an empty department means arbitration by a dispatcher. {@code
   * chain} is every step looked at, in order, the deciding one last.
   */
  public record Decision(
      Optional<String> departmentCode,
      RoutingBasis basis,
      String ruleReference,
      List<String> coHandlers,
      List<Step> chain) {}

  private final Map<String, NavigableMap<Instant, Rule>> rules = new HashMap<>();
  private final Map<String, String> territories;
  private final Set<String> departments;

  /**
   * @param territories the territorial office (属地) of each street (9 digits) and community (12
   *     digits) that has one
   */
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
    List<Step> chain = new ArrayList<>();
    String owner = facts.assetOwnerCode();
    if (owner != null && departments.contains(owner)) {
      String reference = "asset-owner:" + owner;
      chain.add(step("ASSET_OWNER", reference, Outcome.DECIDED, owner, "the asset's owner"));
      return new Decision(
          Optional.of(owner), RoutingBasis.ASSET_OWNER, reference, List.of(), List.copyOf(chain));
    }
    chain.add(
        step(
            "ASSET_OWNER",
            owner == null ? null : "asset-owner:" + owner,
            Outcome.NOT_APPLICABLE,
            null,
            owner == null ? "no asset owner" : "the owner " + owner + " is no known department"));
    Rule district =
        facts.districtCode() == null
            ? null
            : ruleAt(key(facts.categoryCode(), facts.districtCode()), at);
    Rule city = ruleAt(key(facts.categoryCode(), null), at);
    chain.add(
        district == null
            ? step(
                "DISTRICT_RULE",
                null,
                Outcome.NOT_APPLICABLE,
                null,
                facts.districtCode() == null
                    ? "the case lies in no known district"
                    : "no rule for " + facts.categoryCode() + " in " + facts.districtCode())
            : ruleStep("DISTRICT_RULE", district, Outcome.DECIDED));
    if (district == null) {
      chain.add(
          city == null
              ? step(
                  "CITY_RULE",
                  null,
                  Outcome.NOT_APPLICABLE,
                  null,
                  "no city-wide rule for " + facts.categoryCode())
              : ruleStep("CITY_RULE", city, Outcome.DECIDED));
    } else if (city != null) {
      chain.add(ruleStep("CITY_RULE", city, Outcome.OVERRIDDEN));
    }
    Rule rule = district != null ? district : city;
    if (rule != null) {
      if (rule.departmentCode() != null) {
        return new Decision(
            Optional.of(rule.departmentCode()),
            RoutingBasis.ROUTING_CATALOGUE,
            rule.reference(),
            rule.coHandlers(),
            List.copyOf(chain));
      }
      Optional<String[]> office = territorialOffice(facts, rule.territorialOffice(), chain);
      if (office.isPresent()) {
        return new Decision(
            Optional.of(office.get()[1]),
            RoutingBasis.ROUTING_CATALOGUE,
            rule.reference() + "->territory:" + office.get()[0],
            rule.coHandlers().stream().filter(c -> !c.equals(office.get()[1])).toList(),
            List.copyOf(chain));
      }
      return arbitration(chain, "no-territory");
    }
    String territorial = facts.streetCode() == null ? null : territories.get(facts.streetCode());
    if (territorial != null) {
      String reference = "territory:" + facts.streetCode();
      chain.add(
          step(
              "TERRITORIAL_FALLBACK",
              reference,
              Outcome.DECIDED,
              territorial,
              "the territorial office of street " + facts.streetCode()));
      return new Decision(
          Optional.of(territorial),
          RoutingBasis.TERRITORIAL_FALLBACK,
          reference,
          List.of(),
          List.copyOf(chain));
    }
    chain.add(
        step(
            "TERRITORIAL_FALLBACK",
            null,
            Outcome.NOT_APPLICABLE,
            null,
            facts.streetCode() == null
                ? "the case lies in no known street"
                : "street " + facts.streetCode() + " has no territorial office"));
    return arbitration(chain, "no-rule");
  }

  // The office (its area code and department) a territorial rule sends the case to: the
  // community's if asked and there is one, else the street's.
  private Optional<String[]> territorialOffice(
      CaseFacts facts, TerritorialOffice level, List<Step> chain) {
    if (level == TerritorialOffice.COMMUNITY && facts.communityCode() != null) {
      String office = territories.get(facts.communityCode());
      if (office != null) {
        chain.add(
            step(
                "TERRITORIAL_OFFICE",
                "territory:" + facts.communityCode(),
                Outcome.DECIDED,
                office,
                "the territorial office of community " + facts.communityCode()));
        return Optional.of(new String[] {facts.communityCode(), office});
      }
      chain.add(
          step(
              "TERRITORIAL_OFFICE",
              "territory:" + facts.communityCode(),
              Outcome.NOT_APPLICABLE,
              null,
              "community " + facts.communityCode() + " has no office; its street's is asked"));
    }
    String office = facts.streetCode() == null ? null : territories.get(facts.streetCode());
    chain.add(
        step(
            "TERRITORIAL_OFFICE",
            facts.streetCode() == null ? null : "territory:" + facts.streetCode(),
            office == null ? Outcome.NOT_APPLICABLE : Outcome.DECIDED,
            office,
            facts.streetCode() == null
                ? "the case lies in no known street"
                : office == null
                    ? "street " + facts.streetCode() + " has no territorial office"
                    : "the territorial office of street " + facts.streetCode()));
    return office == null
        ? Optional.empty()
        : Optional.of(new String[] {facts.streetCode(), office});
  }

  private static Decision arbitration(List<Step> chain, String reference) {
    chain.add(step("ARBITRATION", reference, Outcome.DECIDED, null, "a dispatcher places it"));
    return new Decision(
        Optional.empty(), RoutingBasis.MANUAL, reference, List.of(), List.copyOf(chain));
  }

  private static Step ruleStep(String step, Rule rule, Outcome outcome) {
    String target =
        rule.departmentCode() != null
            ? rule.departmentCode()
            : "the territorial office of the case's " + rule.territorialOffice();
    String note =
        (outcome == Outcome.OVERRIDDEN ? "overridden by the district's rule: " : "")
            + rule.categoryCode()
            + " to "
            + target
            + (rule.effectiveFrom() == null ? "" : ", in effect from " + rule.effectiveFrom());
    return step(step, rule.reference(), outcome, rule.departmentCode(), note);
  }

  private static Step step(
      String step, String reference, Outcome outcome, String department, String note) {
    return new Step(step, reference, outcome, department, Objects.requireNonNull(note));
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
