package io.casegrid.citypackage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator changes one routing rule or one calendar day of the loaded city: the change is
 * written into the loaded state, which goes through the package's own check and shows as a diff of
 * exactly that one thing; a change that breaks a rule of the package is reported like a package's.
 */
class EditingOneThingTest {

  @TempDir Path folder;

  private Parts.Split loaded() throws IOException {
    try (CityPackage p = CityPackage.read(new TinyCity().writtenTo(folder.resolve("loaded")))) {
      Loader.Checked c = Loader.check(p);
      assertThat(c.problems()).isEmpty();
      // As the loader keeps it with intake's part.
      ObjectNode manifest = c.parts().intake().putObject("manifest").put("version", "1");
      manifest.putObject("city").put("name", "小城");
      return c.parts();
    }
  }

  private static Loader.Checked checked(Parts.Split edited) throws IOException {
    try (CityPackage p = Edits.asPackage(edited)) {
      return Loader.check(p);
    }
  }

  @Test
  void aRuleOfTheSameCategoryAndScopeIsReplacedAndShowsAsOneChangedRule() throws IOException {
    Parts.Split before = loaded();
    Parts.Split edited = loaded();
    ObjectNode rule = JsonNodeFactory.instance.objectNode();
    rule.put("categoryCode", "G01").put("territorialOffice", "COMMUNITY");

    Edits.routingRule(edited, rule);

    Loader.Checked checked = checked(edited);
    assertThat(checked.problems()).isEmpty();
    List<Diff.Changes> changes = Diff.between(before, checked.parts());
    assertThat(changes)
        .filteredOn(c -> !c.isEmpty())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo("routingRules");
              assertThat(c.changed() + c.added() + c.retired()).isPositive();
            });
    assertThat(
            checked.parts().dispatch().path("routingRules").findValuesAsText("territorialOffice"))
        .containsExactly("COMMUNITY");
  }

  @Test
  void aRuleToAnUnknownDepartmentIsReportedAsAPackageWouldBe() throws IOException {
    Parts.Split edited = loaded();
    ObjectNode rule = JsonNodeFactory.instance.objectNode();
    rule.put("categoryCode", "W01").put("departmentCode", "TT-NOBODY");

    Edits.routingRule(edited, rule);

    assertThat(checked(edited).problems()).extracting(Problem::rule).contains("department.missing");
  }

  @Test
  void aDayBecomesAHolidayThenAMakeUpWorkdayThenOrdinaryAgain() throws IOException {
    Parts.Split edited = loaded();

    Edits.calendarDay(edited, "2027-03-01", Edits.DayKind.HOLIDAY, "城庆");
    assertThat(checked(edited).parts().supervision().path("calendar").path("holidays").toString())
        .contains("{\"date\":\"2027-03-01\",\"name\":\"城庆\"}");

    Edits.calendarDay(edited, "2027-03-06", Edits.DayKind.MAKE_UP_WORKDAY, "调休");
    Edits.calendarDay(edited, "2027-03-01", Edits.DayKind.ORDINARY, null);

    Parts.Split checked = checked(edited).parts();
    assertThat(checked.supervision().path("calendar").path("holidays").findValuesAsText("date"))
        .doesNotContain("2027-03-01");
    assertThat(
            checked.supervision().path("calendar").path("makeUpWorkdays").findValuesAsText("date"))
        .contains("2027-03-06");
  }
}
