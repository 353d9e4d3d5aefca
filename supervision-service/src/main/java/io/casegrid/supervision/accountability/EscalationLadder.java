package io.casegrid.supervision.accountability;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The escalation ladder (问责阶梯): how many overdue cases a department may have in a period before
 * each step is taken. Data an administrator loads; a plain class.
 */
public final class EscalationLadder {

  /** A rung: from this many overdue cases in the period on, this step is taken. */
  public record Rung(int overdueCases, AccountabilityStep step) {

    public Rung {
      if (overdueCases < 1) {
        throw new IllegalArgumentException("a rung needs at least one overdue case");
      }
    }
  }

  private final List<Rung> rungs;

  public EscalationLadder(List<Rung> rungs) {
    this.rungs = rungs.stream().sorted(Comparator.comparingInt(Rung::overdueCases)).toList();
    for (int i = 1; i < this.rungs.size(); i++) {
      if (this.rungs.get(i).step().compareTo(this.rungs.get(i - 1).step()) <= 0) {
        throw new IllegalArgumentException(
            "each rung must take a heavier step at a higher count: " + rungs);
      }
    }
  }

  /**
   * The rungs a department with this many overdue cases in the period has reached and whose step
   * was not taken yet in the period, lightest first: each is taken once and in order, even when
   * several overdue cases together reach more than one.
   */
  public List<Rung> rungsDue(int overdueCases, Set<AccountabilityStep> taken) {
    return rungs.stream()
        .filter(r -> overdueCases >= r.overdueCases())
        .filter(r -> !taken.contains(r.step()))
        .toList();
  }

  /** Whether every step of the ladder was taken, so that no count can add one. */
  public boolean climbed(Set<AccountabilityStep> taken) {
    return rungs.stream().allMatch(r -> taken.contains(r.step()));
  }

  public List<Rung> rungs() {
    return rungs;
  }
}
