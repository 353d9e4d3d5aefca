package io.casegrid.citypackage.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class AssetRulesTest {

  /** The demo city's catalogue and departments, and a grid around 30.2 N 120.1 E. */
  private static final AssetRules.Reference CITY =
      new AssetRules.Reference() {
        @Override
        public boolean isComponentCategory(String code) {
          return Set.of("0102", "0111").contains(code);
        }

        @Override
        public boolean isDepartment(String code) {
          return Set.of("DRAINAGE", "GAS").contains(code);
        }

        @Override
        public boolean inSomeGrid(double latitude, double longitude) {
          return Math.abs(latitude - 30.2) < 0.1 && Math.abs(longitude - 120.1) < 0.1;
        }
      };

  private static AssetRules.Outcome check(
      String code, String category, String lat, String lon, String owner, String address) {
    return AssetRules.check(new AssetFile.Row(7, code, category, lat, lon, owner, address), CITY);
  }

  private static AssetRules.Rejection rejected(AssetRules.Outcome outcome) {
    assertThat(outcome).isInstanceOf(AssetRules.Rejection.class);
    return (AssetRules.Rejection) outcome;
  }

  @Test
  void aGoodRowIsAnAssetAndABlankOwnerIsNoOwner() {
    assertThat(check("3399010102000001", "0102", "30.215", "120.0865", "DRAINAGE", " 湖滨路 "))
        .isEqualTo(
            new AssetRules.Asset(
                7, "3399010102000001", "0102", 30.215, 120.0865, "DRAINAGE", "湖滨路"));
    assertThat(
            ((AssetRules.Asset) check("3399010114000001", "0102", "30.2", "120.1", "", null))
                .ownerDepartmentCode())
        .isNull();
  }

  @Test
  void eachFieldAtFaultIsNamedWithWhy() {
    assertThat(rejected(check("339901010200001", "0102", "30.2", "120.1", "GAS", null)))
        .isEqualTo(
            new AssetRules.Rejection(
                7, "339901010200001", "code", "must be 16 digits, not '339901010200001'"));
    assertThat(rejected(check("33990101020000011", "0102", "30.2", "120.1", "", null)).field())
        .isEqualTo("code");
    assertThat(rejected(check(null, "0102", "30.2", "120.1", "", null)).reason())
        .isEqualTo("is missing");
    assertThat(rejected(check("3399010102000001", "E0101", "30.2", "120.1", "", null)).field())
        .isEqualTo("categoryCode");
    assertThat(rejected(check("3399010102000001", "0102", "91", "120.1", "", null)).field())
        .isEqualTo("latitude");
    assertThat(rejected(check("3399010102000001", "0102", "30.2", "NaN", "", null)).field())
        .isEqualTo("longitude");
    assertThat(rejected(check("3399010102000001", "0102", "0x1p4", "120.1", "", null)).field())
        .isEqualTo("latitude");
    assertThat(rejected(check("3399010102000001", "0102", "39.9", "116.4", "", null)))
        .extracting(AssetRules.Rejection::field, AssetRules.Rejection::reason)
        .containsExactly("position", "lies outside the city: in no grid");
    assertThat(rejected(check("3399010102000001", "0102", "30.2", "120.1", "WATER", null)))
        .extracting(AssetRules.Rejection::field, AssetRules.Rejection::reason)
        .containsExactly("ownerDepartmentCode", "is not a known department");
    assertThat(
            rejected(check("3399010102000001", "0102", "30.2", "120.1", "", "路".repeat(501)))
                .field())
        .isEqualTo("address");
    assertThat(rejected(check("3399010102000001", "0102", "30.2", "120.1", "GA\uFFFDS", null)))
        .extracting(AssetRules.Rejection::field)
        .isEqualTo("ownerDepartmentCode");
  }
}
