package io.casegrid.intake.sensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.intake.sensors.AlarmBatch.Condition;
import io.casegrid.intake.sensors.AlarmBatch.ConditionKey;
import io.casegrid.intake.sensors.AlarmBatch.Decision;
import io.casegrid.intake.sensors.AlarmBatch.Opened;
import io.casegrid.intake.sensors.SensorAlarms.Outcome;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The decisions a batch of alarms makes on its conditions, without a database. */
class AlarmBatchTest {

  private static final String COVER = "3399010100000001";
  private static final String OTHER_COVER = "3399010100000002";
  private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
  private static final Map<AlarmKind, SensorRule> RULES =
      Map.of(
          AlarmKind.OPEN, new SensorRule(AlarmKind.OPEN, null, 10),
          AlarmKind.TILT, new SensorRule(AlarmKind.TILT, 15.0, 2));

  /** The cases opened, in order, as a registration would give them ids. */
  private final List<ConditionKey> opened = new ArrayList<>();

  private UUID joinedCase;

  private AlarmBatch batch(Map<ConditionKey, Condition> conditions) {
    return new AlarmBatch(
        RULES,
        Set.of(COVER, OTHER_COVER),
        conditions,
        (key, description) -> {
          opened.add(key);
          return joinedCase != null
              ? new Opened(joinedCase, true)
              : new Opened(caseOf(opened.size()), false);
        });
  }

  private static UUID caseOf(int n) {
    return new UUID(0, n);
  }

  private static SensorAlarm alarm(
      String cover, AlarmKind kind, SensorAlarm.State state, Double value, long secondsAfterT0) {
    return new SensorAlarm(
        "gw1:" + UUID.randomUUID(),
        cover,
        kind,
        state,
        value,
        OffsetDateTime.ofInstant(T0.plusSeconds(secondsAfterT0), ZoneOffset.ofHours(8)));
  }

  private static SensorAlarm lidOpen(String cover, long secondsAfterT0) {
    return alarm(cover, AlarmKind.OPEN, SensorAlarm.State.RAISED, 1.0, secondsAfterT0);
  }

  private static List<Outcome> outcomes(AlarmBatch batch) {
    return batch.decisions().stream().map(Decision::outcome).toList();
  }

  private static List<UUID> cases(AlarmBatch batch) {
    return batch.decisions().stream().map(Decision::caseId).toList();
  }

  @Test
  void opensOneCaseForALidOpenPastItsDebounceAndPutsEveryAlarmOfTheConditionOnIt() {
    AlarmBatch batch = batch(Map.of());
    for (long s : new long[] {0, 5, 10, 12, 14}) {
      batch.accept(lidOpen(COVER, s));
    }

    assertThat(outcomes(batch))
        .containsExactly(
            Outcome.PENDING,
            Outcome.PENDING,
            Outcome.CASE_OPENED,
            Outcome.ATTACHED,
            Outcome.ATTACHED);
    assertThat(opened).containsExactly(new ConditionKey(COVER, AlarmKind.OPEN));
    assertThat(cases(batch)).containsOnly(caseOf(1));
    assertThat(batch.changedConditions())
        .containsExactly(
            Map.entry(new ConditionKey(COVER, AlarmKind.OPEN), Condition.withCase(caseOf(1))));
    assertThat(batch.casesOpened())
        .containsExactly(Map.entry(new ConditionKey(COVER, AlarmKind.OPEN), caseOf(1)));
  }

  @Test
  void givesEachCoverOfABatchItsOwnConditionAndCase() {
    AlarmBatch batch = batch(Map.of());
    batch.accept(lidOpen(COVER, 0));
    batch.accept(lidOpen(OTHER_COVER, 1));
    batch.accept(lidOpen(COVER, 10));
    batch.accept(lidOpen(OTHER_COVER, 10));
    batch.accept(lidOpen(OTHER_COVER, 11));
    batch.accept(lidOpen(COVER, 11));

    assertThat(outcomes(batch))
        .containsExactly(
            Outcome.PENDING,
            Outcome.PENDING,
            Outcome.CASE_OPENED,
            Outcome.PENDING,
            Outcome.CASE_OPENED,
            Outcome.ATTACHED);
    assertThat(opened)
        .containsExactly(
            new ConditionKey(COVER, AlarmKind.OPEN), new ConditionKey(OTHER_COVER, AlarmKind.OPEN));
    assertThat(cases(batch))
        .containsExactly(caseOf(1), caseOf(2), caseOf(1), caseOf(2), caseOf(2), caseOf(1));
  }

  @Test
  void keepsTheDueTimeOfAConditionPendingSinceAnEarlierBatch() {
    ConditionKey key = new ConditionKey(COVER, AlarmKind.OPEN);
    AlarmBatch batch = batch(Map.of(key, new Condition(T0, T0.plusSeconds(10), null)));

    batch.accept(lidOpen(COVER, 9));
    batch.accept(lidOpen(COVER, 10));

    assertThat(outcomes(batch)).containsExactly(Outcome.PENDING, Outcome.CASE_OPENED);
    assertThat(batch.casesOpened()).containsEntry(key, caseOf(1));
  }

  @Test
  void attachesToTheOpenCaseOfAnEarlierBatchWithoutChangingTheCondition() {
    ConditionKey key = new ConditionKey(COVER, AlarmKind.OPEN);
    UUID earlier = UUID.randomUUID();
    AlarmBatch batch = batch(Map.of(key, Condition.withCase(earlier)));

    batch.accept(lidOpen(COVER, 0));
    batch.accept(alarm(COVER, AlarmKind.OPEN, SensorAlarm.State.CLEARED, 0.0, 1));

    assertThat(outcomes(batch)).containsExactly(Outcome.ATTACHED, Outcome.CLEARED_ON_CASE);
    assertThat(cases(batch)).containsOnly(earlier);
    assertThat(opened).isEmpty();
    assertThat(batch.changedConditions()).isEmpty();
    assertThat(batch.casesOpened()).isEmpty();
  }

  @Test
  void letsAJoltThatClearsBeforeItsDebounceOpenNothingAndStartsAfreshAfterIt() {
    AlarmBatch batch = batch(Map.of());
    batch.accept(alarm(COVER, AlarmKind.TILT, SensorAlarm.State.RAISED, 30.0, 0));
    batch.accept(alarm(COVER, AlarmKind.TILT, SensorAlarm.State.CLEARED, 0.0, 1));
    batch.accept(alarm(COVER, AlarmKind.TILT, SensorAlarm.State.RAISED, 5.0, 2));
    batch.accept(alarm(COVER, AlarmKind.TILT, SensorAlarm.State.RAISED, 20.0, 3));

    assertThat(outcomes(batch))
        .containsExactly(
            Outcome.PENDING, Outcome.DEBOUNCED, Outcome.BELOW_THRESHOLD, Outcome.PENDING);
    assertThat(opened).isEmpty();
    assertThat(batch.changedConditions())
        .containsExactly(
            Map.entry(
                new ConditionKey(COVER, AlarmKind.TILT),
                new Condition(T0.plusSeconds(3), T0.plusSeconds(5), null)));
  }

  @Test
  void recordsAClearingOfANormalConditionAsCleared() {
    AlarmBatch batch = batch(Map.of());
    batch.accept(alarm(COVER, AlarmKind.TILT, SensorAlarm.State.CLEARED, 0.0, 0));

    assertThat(outcomes(batch)).containsExactly(Outcome.CLEARED);
    assertThat(batch.changedConditions())
        .containsExactly(Map.entry(new ConditionKey(COVER, AlarmKind.TILT), Condition.NORMAL));
  }

  @Test
  void keepsAlarmsOfUnknownAssetsAndKindsWithoutARuleButOpensNothing() {
    AlarmBatch batch = batch(Map.of());
    batch.accept(lidOpen("3399010199999999", 0));
    batch.accept(alarm(COVER, AlarmKind.GAS, SensorAlarm.State.RAISED, 50.0, 0));

    assertThat(outcomes(batch)).containsExactly(Outcome.UNKNOWN_ASSET, Outcome.NO_RULE);
    assertThat(batch.changedConditions()).isEmpty();
    assertThat(opened).isEmpty();
  }

  @Test
  void joinsTheOpenCaseAPersonFiledForTheCover() {
    joinedCase = UUID.randomUUID();
    AlarmBatch batch = batch(Map.of());
    batch.accept(lidOpen(COVER, 0));
    batch.accept(lidOpen(COVER, 10));

    assertThat(outcomes(batch)).containsExactly(Outcome.PENDING, Outcome.ATTACHED);
    assertThat(cases(batch)).containsOnly(joinedCase);
    assertThat(batch.casesOpened()).containsValue(joinedCase);
  }

  @Test
  void opensTheCaseOfAConditionDueWithoutAnAlarmForTheSweep() {
    ConditionKey key = new ConditionKey(COVER, AlarmKind.TILT);
    AlarmBatch batch = batch(Map.of());

    assertThat(batch.openDue(key, "held past its debounce time"))
        .isEqualTo(new Opened(caseOf(1), false));
    assertThat(batch.changedConditions()).containsEntry(key, Condition.withCase(caseOf(1)));
    assertThat(batch.casesOpened()).containsEntry(key, caseOf(1));
    assertThat(batch.decisions()).isEmpty();
  }

  @Test
  void decidesOnTheTimeAsTheDatabaseKeepsIt() {
    AlarmBatch batch = batch(Map.of());
    SensorAlarm alarm =
        new SensorAlarm(
            "gw1:n",
            COVER,
            AlarmKind.OPEN,
            SensorAlarm.State.RAISED,
            1.0,
            OffsetDateTime.ofInstant(T0.plusNanos(1_234_567), ZoneOffset.UTC));

    batch.accept(alarm);

    assertThat(batch.changedConditions().values())
        .containsExactly(
            new Condition(T0.plusNanos(1_234_000), T0.plusNanos(1_234_000).plusSeconds(10), null));
  }

  @Test
  void countsTheOutcomesWithTheDuplicatesFoundBeforeDeciding() {
    AlarmBatch batch = batch(Map.of());
    batch.accept(lidOpen(COVER, 0));
    batch.accept(lidOpen(COVER, 1));
    batch.accept(lidOpen("3399010199999999", 1));

    assertThat(batch.outcomes(2))
        .containsExactly(
            Map.entry(Outcome.DUPLICATE, 2),
            Map.entry(Outcome.UNKNOWN_ASSET, 1),
            Map.entry(Outcome.PENDING, 2));
  }

  @Test
  void takesAnAlarmStoredMeanwhileForADuplicateOnlyIfItChangedNoCondition() {
    AlarmBatch batch = batch(Map.of());
    Decision unknown = batch.accept(lidOpen("3399010199999999", 0));
    Decision pending = batch.accept(lidOpen(COVER, 0));

    unknown.storedMeanwhile();

    assertThat(unknown.outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(batch.outcomes(0)).containsEntry(Outcome.DUPLICATE, 1);
    assertThatThrownBy(pending::storedMeanwhile).isInstanceOf(IllegalStateException.class);
  }
}
