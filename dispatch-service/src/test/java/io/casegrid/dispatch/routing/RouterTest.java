package io.casegrid.dispatch.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

  /** A city whose exposed garbage goes to the office where it lies (属地), and whose Xishan's. */
  private final Router territorial =
      new Router(
          List.of(
              Router.Rule.territorial("E0101", null, Router.TerritorialOffice.STREET),
              Router.Rule.territorial("E0102", null, Router.TerritorialOffice.COMMUNITY),
              new Router.Rule("E0103", null, "CITY_MANAGEMENT", List.of()),
              Router.Rule.territorial("E0103", "339902", Router.TerritorialOffice.STREET),
              new Router.Rule("E0101", "339903", "CM-339903", List.of())),
          Map.of(
              "339901001", "ST-339901001",
              "339902001", "ST-339902001",
              "339901001001", "CO-339901001001"),
          Set.of(
              "CITY_MANAGEMENT", "CM-339903", "ST-339901001", "ST-339902001", "CO-339901001001"));

  @Test
  void sendsACategoryToTheTerritorialOfficeOfTheStreetWhereTheCaseLies() {
    Router.Decision d =
        territorial.route(
            new Router.CaseFacts("E0101", "339901", "339901001", "339901001002", null), NOW);

    assertThat(d.departmentCode()).contains("ST-339901001");
    assertThat(d.basis()).isEqualTo(RoutingBasis.ROUTING_CATALOGUE);
    assertThat(d.ruleReference()).isEqualTo("catalogue:E0101@city->territory:339901001");
  }

  @Test
  void sendsToTheCommunitysOfficeWhereItHasOneAndToItsStreetsWhereItHasNone() {
    Router.Decision withOffice =
        territorial.route(
            new Router.CaseFacts("E0102", "339901", "339901001", "339901001001", null), NOW);
    Router.Decision withoutOffice =
        territorial.route(
            new Router.CaseFacts("E0102", "339901", "339901001", "339901001002", null), NOW);

    assertThat(withOffice.departmentCode()).contains("CO-339901001001");
    assertThat(withoutOffice.departmentCode()).contains("ST-339901001");
    assertThat(withoutOffice.chain())
        .extracting(Router.Step::step, Router.Step::outcome)
        .containsSubsequence(
            tuple("TERRITORIAL_OFFICE", Router.Outcome.NOT_APPLICABLE),
            tuple("TERRITORIAL_OFFICE", Router.Outcome.DECIDED));
  }

  @Test
  void aDistrictsTerritorialRuleOverridesTheCitysNamedDepartmentAndTheChainSaysSo() {
    Router.Decision inXishan =
        territorial.route(
            new Router.CaseFacts("E0103", "339902", "339902001", "339902001001", null), NOW);
    Router.Decision elsewhere =
        territorial.route(
            new Router.CaseFacts("E0103", "339901", "339901001", "339901001001", null), NOW);

    assertThat(inXishan.departmentCode()).contains("ST-339902001");
    assertThat(inXishan.chain())
        .extracting(Router.Step::step, Router.Step::outcome, Router.Step::reference)
        .containsExactly(
            tuple("ASSET_OWNER", Router.Outcome.NOT_APPLICABLE, null),
            tuple("DISTRICT_RULE", Router.Outcome.DECIDED, "catalogue:E0103@339902"),
            tuple("CITY_RULE", Router.Outcome.OVERRIDDEN, "catalogue:E0103@city"),
            tuple("TERRITORIAL_OFFICE", Router.Outcome.DECIDED, "territory:339902001"));
    assertThat(elsewhere.departmentCode()).contains("CITY_MANAGEMENT");
  }

  @Test
  void aDistrictsNamedDepartmentOverridesTheCitysTerritorialRule() {
    Router.Decision d =
        territorial.route(
            new Router.CaseFacts("E0101", "339903", "339903001", "339903001001", null), NOW);

    assertThat(d.departmentCode()).contains("CM-339903");
    assertThat(d.ruleReference()).isEqualTo("catalogue:E0101@339903");
  }

  @Test
  void aTerritorialRuleForACaseInAStreetWithoutAnOfficeGoesToTheDispatchers() {
    Router.Decision d =
        territorial.route(
            new Router.CaseFacts("E0101", "339904", "339904001", "339904001001", null), NOW);

    assertThat(d.departmentCode()).isEmpty();
    assertThat(d.ruleReference()).isEqualTo("no-territory");
    assertThat(d.chain()).last().extracting(Router.Step::step).isEqualTo("ARBITRATION");
  }

  @Test
  void aRuleNamesADepartmentOrATerritorialOfficeNeverBothNorNeither() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Router.Rule(
                    "E0101", null, "X", Router.TerritorialOffice.STREET, List.of(), null));
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new Router.Rule("E0101", null, null, null, List.of(), null));
  }

  @Test
  void theChainOfACaseDecidedByItsOwnerSaysNothingElseWasAsked() {
    Router.Decision d =
        router.route(new Router.CaseFacts("0102", "339901", "339901001", "HEATING"), NOW);

    assertThat(d.chain()).extracting(Router.Step::step).containsExactly("ASSET_OWNER");
  }
}
