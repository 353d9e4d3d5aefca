package io.casegrid.citypackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A package is checked whole before anything is loaded, and every problem says where it is (file,
 * line or feature, field), which rule it breaks and the offending value, in Chinese or English.
 */
class CheckingAPackageTest {

  @TempDir Path folder;

  private Loader.Checked checked(TinyCity city) throws IOException {
    try (CityPackage p = CityPackage.read(city.writtenTo(folder))) {
      return Loader.check(p);
    }
  }

  @Test
  void aSoundPackageHasNoProblemAndSplitsIntoEachServicesPart() throws IOException {
    Loader.Checked c = checked(new TinyCity());

    assertThat(c.problems()).isEmpty();
    assertThat(c.parts().intake().get("assets")).hasSize(3);
    assertThat(c.parts().intake().at("/assets/0/ownerDepartmentCode").asText())
        .isEqualTo("TT-WATER");
    assertThat(c.parts().intake().at("/areas/0/level").asText()).isEqualTo("DISTRICT");
    assertThat(c.parts().dispatch().at("/routingRules/1/territorialOffice").asText())
        .isEqualTo("STREET");
    assertThat(c.parts().dispatch().at("/departments/3/kind").asText()).isEqualTo("TERRITORIAL");
    assertThat(c.parts().dispatch().at("/territories/0/streetCode").asText())
        .isEqualTo("440101001");
    assertThat(c.parts().supervision().at("/deadlinePolicies/0/warningShare").asDouble())
        .isEqualTo(0.8);
    assertThat(c.parts().supervision().get("areas")).hasSize(5);
  }

  @Test
  void everyProblemIsLocatedAndNamedByItsRuleAndValue() throws IOException {
    TinyCity city =
        new TinyCity()
            .replace("areas.geojson", "\"code\": \"440101001001002\"", "\"code\": \"44010100100\"")
            .replace("areas.geojson", "\"level\": \"district\"", "\"level\": \"county\"")
            .replace(
                "departments.json", "\"parentCode\": \"TT-GOV\"", "\"parentCode\": \"TT-NONE\"")
            .replace(
                "routing.json",
                "\"departmentCode\": \"TT-WATER\"",
                "\"departmentCode\": \"TT-GAS\"")
            .replace("calendar.json", "\"2027-01-09\"", "\"2027-01-08\"")
            .replace(
                "covers.csv",
                "4401010101000002,W01,23.1,113.15",
                "440101010100000X,W01,23.1,113.15")
            .replace("covers.csv", "23.15,113.15,", "23.15,114.15,");

    List<Problem> problems = checked(city).problems();

    assertThat(problems)
        .extracting(
            Problem::file,
            Problem::line,
            Problem::feature,
            Problem::field,
            Problem::rule,
            Problem::value)
        .contains(
            tuple(
                "areas.geojson",
                10L,
                4L,
                "features[4].properties.code",
                "area.code.length",
                "44010100100"),
            tuple("areas.geojson", 2L, 0L, "features[0].properties.level", "area.level", "county"),
            tuple(
                "departments.json",
                6L,
                null,
                "departments[3].parentCode",
                "department.parent.missing",
                "TT-NONE"),
            tuple(
                "routing.json",
                2L,
                null,
                "rules[0].departmentCode",
                "department.missing",
                "TT-GAS"),
            tuple(
                "calendar.json",
                4L,
                null,
                "makeUpWorkdays[0].date",
                "calendar.make-up.weekday",
                "2027-01-08"),
            tuple("covers.csv", 3L, null, "编号", "asset.code", "440101010100000X"),
            tuple("covers.csv", 4L, null, "纬度", "asset.position", "23.15, 114.15"));
  }

  @Test
  void theMessagesAreInTheAdministratorsLanguageChineseFirst() throws IOException {
    Problem p =
        checked(
                new TinyCity()
                    .replace("areas.geojson", "\"code\": \"440101001\"", "\"code\": \"44010100\""))
            .problems()
            .stream()
            .filter(x -> x.rule().equals("area.code.length"))
            .findFirst()
            .orElseThrow();

    assertThat(p.message(Locale.SIMPLIFIED_CHINESE)).contains("国家区划代码长度规则").contains("44010100");
    assertThat(p.message(Locale.ENGLISH)).contains("national code lengths").contains("44010100");
  }

  @Test
  void aParentThatIsNotThePrefixOfTheCodeBreaksThePrefixRule() throws IOException {
    List<Problem> problems =
        checked(
                new TinyCity()
                    .replace(
                        "areas.geojson",
                        "\"code\": \"440101001001\", \"name\"",
                        "\"code\": \"440101001001\", \"parentCode\": \"440102001\", \"name\""))
            .problems();

    assertThat(problems)
        .extracting(Problem::rule, Problem::value)
        .contains(tuple("area.parent.prefix", "440102001"));
    assertThat(problems.get(0).message(Locale.ENGLISH)).contains("prefix rule");
  }

  @Test
  void aFileThatIsNotJsonIsReportedByItsLineAndAMissingOneByName() throws IOException {
    TinyCity city =
        new TinyCity().with("routing.json", "{\"rules\": [\n  {\"categoryCode\": }\n]}");
    city.files.remove("calendar.json");

    assertThat(checked(city).problems())
        .extracting(Problem::file, Problem::rule)
        .contains(tuple("routing.json", "json.syntax"), tuple("calendar.json", "file.missing"));
  }

  @Test
  void aTypoInAFieldsNameIsNotTakenForNothing() throws IOException {
    assertThat(
            checked(
                    new TinyCity()
                        .replace("categories.json", "\"name\": \"暴露垃圾\"", "\"nmae\": \"暴露垃圾\""))
                .problems())
        .extracting(Problem::field, Problem::rule)
        .contains(
            tuple("categories[1].nmae", "field.unknown"),
            tuple("categories[1].name", "field.required"));
  }
}
