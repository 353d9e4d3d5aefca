package io.casegrid.dispatch.reference;

import io.casegrid.dispatch.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The routing catalogue and the territories as loaded, for reading back: every version of every
 * rule with the moment it took (or takes) effect and the moment the next version replaced it.
 */
@ApplicationScoped
public class RoutingCatalogue {

  // The column's default for a rule without a date: since ever.
  private static final Instant ALWAYS = Instant.EPOCH;

  /**
   * A rule as loaded: its scope (a district, or the whole city when null), its lead (a department,
   * or the case's territorial office), its co-handlers, and when it is in effect: from {@code
   * effectiveFrom} (null: since ever) until {@code effectiveUntil}, when the next version of the
   * same category and scope takes over (null: until further notice); {@code inEffect} at the moment
   * asked about.
   */
  public record Rule(
      String categoryCode,
      String districtCode,
      String departmentCode,
      Router.TerritorialOffice territorialOffice,
      List<String> coHandlerCodes,
      Instant effectiveFrom,
      Instant effectiveUntil,
      boolean inEffect) {}

  /** A street's or community's territorial office (属地). */
  public record Territory(String areaCode, String level, String departmentCode) {}

  private final EntityManager entityManager;

  RoutingCatalogue(EntityManager entityManager) {
    this.entityManager = entityManager;
  }

  /**
   * The rules, by category, then the city's before the districts', each scope's versions in order;
   * only a category's or a district's (with the city's, which applies there too) when asked.
   */
  @SuppressWarnings("unchecked")
  public List<Rule> rules(String category, String district, Instant at) {
    List<Object[]> rows =
        entityManager
            .createNativeQuery(
                "SELECT category_code, district_code, department_code, territorial_office,"
                    + " co_handler_codes, effective_from, lead(effective_from) OVER (PARTITION BY"
                    + " category_code, COALESCE(district_code, '*') ORDER BY effective_from) FROM"
                    + " routing_rule WHERE (CAST(?1 AS TEXT) IS NULL OR category_code = CAST(?1 AS TEXT))"
                    + " AND (CAST(?2 AS TEXT) IS NULL OR district_code IS NULL OR district_code ="
                    + " CAST(?2 AS TEXT)) ORDER BY category_code,"
                    + " district_code NULLS FIRST, effective_from")
            .setParameter(1, category)
            .setParameter(2, district)
            .getResultList();
    List<Rule> rules = new ArrayList<>();
    for (Object[] r : rows) {
      Instant from = instant(r[5]);
      Instant until = instant(r[6]);
      rules.add(
          new Rule(
              (String) r[0],
              (String) r[1],
              (String) r[2],
              r[3] == null ? null : Router.TerritorialOffice.valueOf((String) r[3]),
              Arrays.stream(((String) r[4]).split(",")).filter(s -> !s.isBlank()).toList(),
              ALWAYS.equals(from) ? null : from,
              until,
              !from.isAfter(at) && (until == null || until.isAfter(at))));
    }
    return rules;
  }

  /** Every territory, by area code. */
  @SuppressWarnings("unchecked")
  public List<Territory> territories() {
    return ((List<Object[]>)
            entityManager
                .createNativeQuery(
                    "SELECT area_code, department_code FROM territory ORDER BY area_code")
                .getResultList())
        .stream()
            .map(
                r ->
                    new Territory(
                        (String) r[0],
                        ((String) r[0]).length() == 9 ? "STREET" : "COMMUNITY",
                        (String) r[1]))
            .toList();
  }

  private static Instant instant(Object value) {
    return value == null
        ? null
        : value instanceof OffsetDateTime o ? o.toInstant() : (Instant) value;
  }
}
