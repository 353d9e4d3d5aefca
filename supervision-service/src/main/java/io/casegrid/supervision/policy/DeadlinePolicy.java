package io.casegrid.supervision.policy;

import io.casegrid.events.Urgency;
import io.casegrid.supervision.deadline.DeadlineCalculator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The time limits (时限) for cases of a category and urgency: to sign for, optionally to make the
 * site safe, and to resolve; and when to warn (预警), as a share of the time to resolve. A null
 * category makes it the default for its urgency.
 */
public record DeadlinePolicy(
    @Size(max = 16) String categoryCode,
    @NotNull Urgency urgency,
    @NotNull @Valid Limit sign,
    @Valid Limit makeSafe,
    @NotNull @Valid Limit resolve,
    @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
        BigDecimal warningShare) {

  public DeadlinePolicy {
    warningShare = warningShare == null ? new BigDecimal("0.8") : warningShare;
  }

  /** When each limit runs out for a clock started at {@code clockStart}, and when to warn. */
  public Deadlines deadlinesFrom(Instant clockStart, DeadlineCalculator calculator) {
    Instant resolveDue = resolve.dueFrom(clockStart, calculator);
    return new Deadlines(
        sign.dueFrom(clockStart, calculator),
        makeSafe == null ? null : makeSafe.dueFrom(clockStart, calculator),
        resolveDue,
        calculator.warningAt(clockStart, resolveDue, resolve.unit(), warningShare.doubleValue()));
  }

  /**
   * The moments a policy gives a case: to sign, to make safe (if it has that limit), to resolve.
   */
  public record Deadlines(
      Instant signDueAt, Instant makeSafeDueAt, Instant resolveDueAt, Instant warningAt) {}

  /** How the policy is named on a case, so one can tell which rule set its deadline. */
  public String reference() {
    return (categoryCode == null ? "default" : categoryCode) + "/" + urgency;
  }
}
