package io.casegrid.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import io.casegrid.events.Urgency;
import io.casegrid.supervision.deadline.DeadlineUnit;
import io.casegrid.supervision.policy.DeadlinePolicy;
import io.casegrid.supervision.policy.Limit;
import io.casegrid.supervision.policy.PolicyBook;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyBookTest {

  private static Limit hours(String amount) {
    return new Limit(new BigDecimal(amount), DeadlineUnit.NATURAL_HOURS);
  }

  private final DeadlinePolicy cover =
      new DeadlinePolicy("0101", Urgency.URGENT, hours("0.5"), hours("0.5"), hours("6"), null);
  private final DeadlinePolicy urgentDefault =
      new DeadlinePolicy(null, Urgency.URGENT, hours("1"), null, hours("24"), null);
  private final PolicyBook book = new PolicyBook(List.of(cover, urgentDefault));

  @Test
  void prefersTheCategorysOwnPolicy() {
    assertThat(book.policyFor("0101", Urgency.URGENT)).contains(cover);
  }

  @Test
  void fallsBackToTheDefaultForTheUrgency() {
    assertThat(book.policyFor("E0101", Urgency.URGENT)).contains(urgentDefault);
  }

  @Test
  void findsNothingWhenNoPolicyCoversTheUrgency() {
    assertThat(book.policyFor("0101", Urgency.EMERGENCY)).isEmpty();
  }

  @Test
  void warnsAtFourFifthsUnlessToldOtherwise() {
    assertThat(cover.warningShare()).isEqualByComparingTo("0.8");
    assertThat(cover.reference()).isEqualTo("0101/URGENT");
  }
}
