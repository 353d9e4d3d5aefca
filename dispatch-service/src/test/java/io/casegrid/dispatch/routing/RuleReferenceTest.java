package io.casegrid.dispatch.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A case's rule reference read back as which rule, for which category, sent it where. */
class RuleReferenceTest {

  @Test
  void aCityRuleLoadedWithoutADateIsTheCitysRuleForItsCategoryInEffectAlways() {
    RuleReference r = RuleReference.parse("catalogue:0102@city#1970-01-01T00:00:00Z").orElseThrow();

    assertThat(r.kind()).isEqualTo(RuleReference.Kind.CATALOGUE);
    assertThat(r.categoryCode()).isEqualTo("0102");
    assertThat(r.districtCode()).isNull();
    assertThat(r.effectiveFrom()).isNull();
  }

  @Test
  void aDistrictsDatedRuleToATerritorialOfficeNamesTheDistrictTheMomentAndTheArea() {
    RuleReference r =
        RuleReference.parse("catalogue:E0902@339901#2027-01-01T00:00:00Z->territory:339901001001")
            .orElseThrow();

    assertThat(r.districtCode()).isEqualTo("339901");
    assertThat(r.effectiveFrom()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(r.areaCode()).isEqualTo("339901001001");
  }

  @Test
  void theOtherReferencesNameTheirDepartmentAreaOrDispatcher() {
    assertThat(RuleReference.parse("asset-owner:DRAINAGE").orElseThrow().departmentCode())
        .isEqualTo("DRAINAGE");
    assertThat(RuleReference.parse("territory:339901001").orElseThrow())
        .extracting(RuleReference::kind, RuleReference::areaCode)
        .containsExactly(RuleReference.Kind.TERRITORIAL_FALLBACK, "339901001");
    assertThat(RuleReference.parse("dispatcher:dispatcher1").orElseThrow().dispatcher())
        .isEqualTo("dispatcher1");
    assertThat(RuleReference.parse("no-rule").orElseThrow().kind())
        .isEqualTo(RuleReference.Kind.ARBITRATION);
    assertThat(RuleReference.parse("returned-by:WATER").orElseThrow().departmentCode())
        .isEqualTo("WATER");
    assertThat(
            RuleReference.parse("referral:WATER:3399010102000001").orElseThrow().departmentCode())
        .isEqualTo("WATER");
    assertThat(RuleReference.parse("something-else:x")).isEmpty();
  }
}
