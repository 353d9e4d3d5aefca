package io.casegrid.supervision.policy;

import io.casegrid.events.Urgency;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the policy for a case: the category's own policy for its urgency, else the default policy
 * for that urgency. Immutable; built from reference data.
 */
public final class PolicyBook {

  private final Map<String, DeadlinePolicy> policies = new HashMap<>();

  public PolicyBook(Collection<DeadlinePolicy> policies) {
    for (DeadlinePolicy p : policies) {
      this.policies.put(key(p.categoryCode(), p.urgency()), p);
    }
  }

  public Optional<DeadlinePolicy> policyFor(String categoryCode, Urgency urgency) {
    return Optional.ofNullable(policies.get(key(categoryCode, urgency)))
        .or(() -> Optional.ofNullable(policies.get(key(null, urgency))));
  }

  /** Every policy of the book. */
  public Collection<DeadlinePolicy> all() {
    return policies.values();
  }

  private static String key(String category, Urgency urgency) {
    return (category == null ? "*" : category) + "|" + urgency;
  }
}
