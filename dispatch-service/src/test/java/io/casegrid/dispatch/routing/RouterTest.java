package io.casegrid.dispatch.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.events.RoutingBasis;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouterTest {

  private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");

  private final Router router =
      new Router(
          List.of(
              new Router.Rule("0102", null, "DRAINAGE", List.of()),
              new Router.Rule("E0101", null, "CITY_MANAGEMENT", List.of()),
              new Router.Rule("E0101", "339901", "CM-339901", List.of("ST-339901001"))),
          Map.of("339901001", "ST-339901001", "339902001", "ST-339902001"),
          Set.of(
              "DRAINAGE",
              "HEATING",
              "CITY_MANAGEMENT",
              "CM-339901",
              "ST-339901001",
              "ST-339902001"));

  @Test
  void sendsACoverToItsRegisteredOwnerEvenWhenItsTypeSuggestsAnother() {
    Router.Decision d =
        router.route(new Router.CaseFacts("0102", "339901", "339901001", "HEATING"), NOW);

    assertThat(d.departmentCode()).contains("HEATING");
    assertThat(d.basis()).isEqualTo(RoutingBasis.ASSET_OWNER);
  }

  @Test
  void usesTheCatalogueWhenTheOwnerIsUnknown() {
    Router.Decision d =
        router.route(new Router.CaseFacts("0102", "339901", "339901001", null), NOW);

    assertThat(d.departmentCode()).contains("DRAINAGE");
    assertThat(d.basis()).isEqualTo(RoutingBasis.ROUTING_CATALOGUE);
    assertThat(d.ruleReference()).isEqualTo("catalogue:0102@city");
  }

  @Test
  void ignoresAnOwnerThatIsNoKnownDepartment() {
    Router.Decision d =
        router.route(new Router.CaseFacts("0102", null, null, "GONE_BUST_LTD"), NOW);

    assertThat(d.departmentCode()).contains("DRAINAGE");
  }

  @Test
  void prefersTheDistrictsRuleOverTheCityWideOneAndKeepsItsCoHandlers() {
    Router.Decision inDistrict =
        router.route(new Router.CaseFacts("E0101", "339901", "339901001", null), NOW);
    Router.Decision elsewhere =
        router.route(new Router.CaseFacts("E0101", "339902", "339902001", null), NOW);

    assertThat(inDistrict.departmentCode()).contains("CM-339901");
    assertThat(inDistrict.coHandlers()).containsExactly("ST-339901001");
    assertThat(elsewhere.departmentCode()).contains("CITY_MANAGEMENT");
  }

  @Test
  void fallsBackToTheTerritorialOfficeOfTheStreet() {
    Router.Decision d =
        router.route(new Router.CaseFacts("E0199", "339902", "339902001", null), NOW);

    assertThat(d.departmentCode()).contains("ST-339902001");
    assertThat(d.basis()).isEqualTo(RoutingBasis.TERRITORIAL_FALLBACK);
  }

  @Test
  void followsACatalogueChangeOnlyFromTheMomentItTakesEffect() {
    Instant change = Instant.parse("2026-12-01T00:00:00Z");
    Router versioned =
        new Router(
            List.of(
                new Router.Rule("E0101", null, "CITY_MANAGEMENT", List.of()),
                new Router.Rule("E0101", null, "CM-339901", List.of(), change)),
            Map.of(),
            Set.of("CITY_MANAGEMENT", "CM-339901"));
    Router.CaseFacts garbage = new Router.CaseFacts("E0101", "339902", "339902001", null);

    assertThat(versioned.route(garbage, NOW).departmentCode()).contains("CITY_MANAGEMENT");
    assertThat(versioned.route(garbage, change.minusSeconds(1)).departmentCode())
        .contains("CITY_MANAGEMENT");
    Router.Decision after = versioned.route(garbage, change);
    assertThat(after.departmentCode()).contains("CM-339901");
    assertThat(after.ruleReference()).isEqualTo("catalogue:E0101@city#2026-12-01T00:00:00Z");
  }

  @Test
  void leavesACaseNoRuleCanPlaceToTheDispatchers() {
    Router.Decision d = router.route(new Router.CaseFacts("E0199", null, null, null), NOW);

    assertThat(d.departmentCode()).isEmpty();
    assertThat(d.ruleReference()).isEqualTo("no-rule");
  }
}
