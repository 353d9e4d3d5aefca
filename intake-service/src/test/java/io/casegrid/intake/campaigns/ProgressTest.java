package io.casegrid.intake.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgressTest {

  @Test
  void computesTheSharesOfInspectionDefectsAndRectification() {
    Progress water = new Progress("WATER", 40, 10, 4, 1, 2, 0);

    assertThat(water.inspectedShare()).isEqualTo(0.25);
    assertThat(water.defectShare()).isEqualTo(0.4);
    assertThat(water.rectifiedShare()).isEqualTo(0.25);
  }

  @Test
  void aPartyWithNothingToDoIsDoneAndOneWithNothingInspectedHasFoundNothing() {
    Progress none = new Progress("NONE", 0, 0, 0, 0, 0, 0);
    Progress untouched = new Progress("GAS", 12, 0, 0, 0, 0, 12);

    assertThat(none.inspectedShare()).isEqualTo(1.0);
    assertThat(none.rectifiedShare()).isEqualTo(1.0);
    assertThat(untouched.defectShare()).isZero();
  }

  @Test
  void isBehindScheduleBelowTheEvenPaceOrWithAnOverdueRectification() {
    Progress onPace = new Progress("WATER", 10, 3, 1, 0, 0, 0);
    Progress slow = new Progress("GAS", 10, 2, 0, 0, 0, 0);
    Progress overdue = new Progress("POWER", 10, 10, 1, 0, 1, 0);

    assertThat(onPace.behindSchedule(0.3)).isFalse();
    assertThat(slow.behindSchedule(0.3)).isTrue();
    assertThat(overdue.behindSchedule(0.3)).isTrue();
  }

  @Test
  void addsPartiesUpAndRefusesCountsNoLedgerCouldGive() {
    Progress sum =
        new Progress("A", 10, 5, 2, 1, 1, 0).plus(new Progress("B", 5, 1, 1, 1, 0, 4), "all");

    assertThat(sum).isEqualTo(new Progress("all", 15, 6, 3, 2, 1, 4));
    assertThatThrownBy(() -> new Progress("X", 5, 6, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Progress("X", 5, 5, 2, 1, 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
