package io.casegrid.supervision.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.casegrid.events.Urgency;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The rules in memory are the rules committed: a load is seen as soon as it commits, even when the
 * timers read the rules while it was under way, and a load that rolls back leaves nothing behind.
 */
@QuarkusTest
class RulesAfterALoadTest {

  @Inject SupervisionReferenceImport importer;
  @Inject SupervisionRules rules;
  @Inject ObjectMapper json;

  @Test
  void aLoadIsInEffectAsSoonAsItCommitsThoughTheRulesWereReadWhileItRan() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              importer.load(policyFor("Z901"));
              // Another thread (the timers, a consumer) reads the rules before this load commits.
              CompletableFuture.runAsync(
                      () -> QuarkusTransaction.requiringNew().run(() -> rules.current()))
                  .join();
            });

    assertThat(QuarkusTransaction.requiringNew().call(() -> categoryOfThePolicyFor("Z901")))
        .isEqualTo("Z901");
  }

  @Test
  void aLoadThatRollsBackLeavesNoRulesBehindEvenIfItReadThem() {
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          importer.load(policyFor("Z902"));
                          assertThat(categoryOfThePolicyFor("Z902")).isEqualTo("Z902");
                          throw new IllegalStateException("rolled back");
                        }))
        .hasMessage("rolled back");

    assertThat(QuarkusTransaction.requiringNew().call(() -> categoryOfThePolicyFor("Z902")))
        .isNotEqualTo("Z902");
  }

  // The category of the policy a normal case of this category gets: its own, or the default one
  // (category null) that other tests of the run may have loaded.
  private String categoryOfThePolicyFor(String category) {
    return rules.policyFor(category, Urgency.NORMAL).map(DeadlinePolicy::categoryCode).orElse(null);
  }

  private SupervisionReferenceData policyFor(String category) {
    try {
      return json.readValue(
          """
          {"deadlinePolicies": [{"categoryCode": "%s", "urgency": "NORMAL",
            "sign": {"amount": 1, "unit": "WORKING_HOURS"},
            "resolve": {"amount": 3, "unit": "WORKING_DAYS"}}]}
          """
              .formatted(category),
          SupervisionReferenceData.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
