package io.casegrid.supervision.policy;

import io.casegrid.supervision.deadline.DeadlineCalculator;
import io.casegrid.supervision.deadline.DeadlineUnit;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Instant;

/** A time limit: how much time, counted how (e.g. 0.5 natural hours, 5 working days). */
public record Limit(
    @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("3650") BigDecimal amount,
    @NotNull DeadlineUnit unit) {

  /** When this limit runs out for a clock started at {@code clockStart}. */
  public Instant dueFrom(Instant clockStart, DeadlineCalculator calculator) {
    return calculator.dueAt(clockStart, amount, unit);
  }

  @Override
  public String toString() {
    return amount.stripTrailingZeros().toPlainString() + " " + unit;
  }
}
