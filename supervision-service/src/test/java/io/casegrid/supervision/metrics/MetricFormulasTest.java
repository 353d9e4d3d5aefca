package io.casegrid.supervision.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.casegrid.supervision.metrics.MetricFormulas.Input;
import io.casegrid.supervision.metrics.MetricFormulas.OnTimeDenominator;
import io.casegrid.supervision.metrics.MetricFormulas.ValidCallbacks;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricFormulasTest {

  // 12 received, 10 cases dispatched in 12 dispatches, 2 returns on 2 cases (1 upheld, 1 refused),
  // 1 extended, 8 reports of work done of which 1 reopened, 3 signed (2 on time), 4 due (1
  // deferred), 3 closed, 2 on time (1 of them deferred); no callbacks.
  private static final Counts MONTH =
      new Counts(12, 10, 12, 2, 2, 1, 8, 1, 3, 2, 4, 1, 3, 2, 1, 0, 0, 0, 0, 0, 0, 1, 1);

  // The same, and 3 of the 12 closed on the call; 100 cases called back, 95 citizens reached,
  // 90 saying it was resolved, 80 satisfied and 10 basically satisfied.
  private static final Counts CALLED =
      new Counts(12, 10, 12, 2, 2, 1, 8, 1, 3, 2, 4, 1, 3, 2, 1, 3, 100, 95, 90, 80, 10, 1, 1);

  private static BigDecimal d(String value) {
    return new BigDecimal(value);
  }

  @Test
  void closureRateIsClosedOverDueToClose() {
    assertThat(MetricFormulas.closure(MONTH)).isEqualTo(d("0.7500"));
  }

  @Test
  void onTimeClosureRateDividesByEveryCaseDueToCloseByDefault() {
    assertThat(MetricFormulas.onTimeClosure(MONTH, OnTimeDenominator.DUE)).isEqualTo(d("0.5000"));
  }

  @Test
  void onTimeClosureRateCanLeaveDeferredCasesOutOfNumeratorAndDenominator() {
    // (2 − 1) / (4 − 1)
    assertThat(MetricFormulas.onTimeClosure(MONTH, OnTimeDenominator.DUE_LESS_DEFERRED))
        .isEqualTo(d("0.3333"));
  }

  @Test
  void reworkRateIsReopenedOverReportedFixed() {
    assertThat(MetricFormulas.rework(MONTH)).isEqualTo(d("0.1250"));
  }

  @Test
  void returnRateIsReturnsOverDispatches() {
    assertThat(MetricFormulas.returns(MONTH)).isEqualTo(d("0.1667"));
  }

  @Test
  void extensionRateIsExtendedOverDispatched() {
    assertThat(MetricFormulas.extension(MONTH)).isEqualTo(d("0.1000"));
  }

  @Test
  void accurateDispatchRateIsDispatchesWithoutAnUpheldReturnOverDispatches() {
    // (12 − 1) / 12: the refused return leaves its dispatch accurate.
    assertThat(MetricFormulas.accurateDispatch(MONTH)).isEqualTo(d("0.9167"));
  }

  @Test
  void refusedReturnRateIsReturnsSentBackOverDispatches() {
    // 1 / 12
    assertThat(MetricFormulas.refusedReturns(MONTH)).isEqualTo(d("0.0833"));
  }

  @Test
  void signOnTimeRateIsSignedInTimeOverSigned() {
    assertThat(MetricFormulas.signOnTime(MONTH)).isEqualTo(d("0.6667"));
  }

  @Test
  void callbackRatesFollowTheBriefWithBasicallySatisfiedWorthNineTenths() {
    assertThat(MetricFormulas.response(CALLED)).isEqualTo(d("0.9500"));
    assertThat(MetricFormulas.resolution(CALLED, ValidCallbacks.CALLED)).isEqualTo(d("0.9000"));
    // (80 + 0.9 × 10) / 100
    assertThat(MetricFormulas.satisfaction(CALLED, ValidCallbacks.CALLED)).isEqualTo(d("0.8900"));
  }

  @Test
  void callbackRatesCanCountOnlyTheCitizensReachedAsValidCallbacks() {
    // 90 / 95 and (80 + 0.9 × 10) / 95; the response rate still divides by every call.
    assertThat(MetricFormulas.resolution(CALLED, ValidCallbacks.CONTACTED)).isEqualTo(d("0.9474"));
    assertThat(MetricFormulas.satisfaction(CALLED, ValidCallbacks.CONTACTED))
        .isEqualTo(d("0.9368"));
    assertThat(MetricFormulas.response(CALLED)).isEqualTo(d("0.9500"));
  }

  @Test
  void firstContactResolutionRateIsClosedOnTheCallOverReceived() {
    // 3 / 12
    assertThat(MetricFormulas.firstContactResolution(CALLED)).isEqualTo(d("0.2500"));
  }

  @Test
  void everyRateHasNoDataRatherThanZeroWhenThereIsNothingToDivide() {
    MetricFormulas.Rates rates =
        MetricFormulas.rates(
            Counts.NONE, OnTimeDenominator.DUE_LESS_DEFERRED, ValidCallbacks.CONTACTED);
    assertThat(rates)
        .isEqualTo(
            new MetricFormulas.Rates(
                null, null, null, null, null, null, null, null, null, null, null, null));
    assertThat(MetricFormulas.satisfaction(MONTH, ValidCallbacks.CALLED)).isNull();
  }

  @Test
  void aRateOfAllIsOneAndOfNoneIsZero() {
    assertThat(MetricFormulas.ratio(7, 7)).isEqualTo(d("1.0000"));
    assertThat(MetricFormulas.ratio(0, 7)).isEqualTo(d("0.0000"));
    assertThat(MetricFormulas.ratio(2, 3)).isEqualTo(d("0.6667"));
  }

  @Test
  void refusesNegativeCounts() {
    assertThatThrownBy(() -> MetricFormulas.ratio(-1, 3))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ratesBecomeCompositeInputsWithReworkReturnAndExtensionTurnedIntoTheirComplements() {
    Map<Input, BigDecimal> in =
        MetricFormulas.inputs(
            MetricFormulas.rates(MONTH, OnTimeDenominator.DUE, ValidCallbacks.CALLED));
    assertThat(in.get(Input.NO_REWORK)).isEqualTo(d("0.8750"));
    assertThat(in.get(Input.NO_RETURN)).isEqualTo(d("0.8333"));
    assertThat(in.get(Input.NO_EXTENSION)).isEqualTo(d("0.9000"));
    assertThat(in.get(Input.NO_REFUSED_RETURN)).isEqualTo(d("0.9167"));
    assertThat(in.get(Input.CLOSURE)).isEqualTo(d("0.7500"));
    assertThat(in.get(Input.SATISFACTION)).isNull();
  }

  @Test
  void theCompositeOfThePublishedVariantWeighsResponseResolutionAndSatisfaction() {
    Map<Input, BigDecimal> weights =
        weights(Input.RESPONSE, "0.1", Input.RESOLUTION, "0.5", Input.SATISFACTION, "0.4");
    Map<Input, BigDecimal> in =
        MetricFormulas.inputs(
            MetricFormulas.rates(CALLED, OnTimeDenominator.DUE, ValidCallbacks.CALLED));
    // 0.1 × 0.95 + 0.5 × 0.90 + 0.4 × 0.89 = 0.901
    MetricFormulas.Score score = MetricFormulas.composite(weights, in);
    assertThat(score.value()).isEqualTo(d("90.10"));
    assertThat(score.coverage()).isEqualTo(d("1.0000"));
    assertThat(score.noData()).isEmpty();
  }

  @Test
  void theCompositeTakesAnotherCitysWeightsFromItsConfiguration() {
    Map<Input, BigDecimal> weights =
        weights(Input.RESPONSE, "30", Input.RESOLUTION, "35", Input.SATISFACTION, "35");
    Map<Input, BigDecimal> in =
        MetricFormulas.inputs(
            MetricFormulas.rates(CALLED, OnTimeDenominator.DUE, ValidCallbacks.CALLED));
    // (30 × 0.95 + 35 × 0.90 + 35 × 0.89) / 100 = 0.9115
    assertThat(MetricFormulas.composite(weights, in).value()).isEqualTo(d("91.15"));
  }

  @Test
  void theCompositeLeavesOutAndNamesInputsWithoutDataAndSaysHowMuchOfTheWeightItCovers() {
    Map<Input, BigDecimal> weights =
        weights(Input.ON_TIME_CLOSURE, "0.35", Input.CLOSURE, "0.2", Input.SATISFACTION, "0.2");
    Map<Input, BigDecimal> in =
        MetricFormulas.inputs(
            MetricFormulas.rates(MONTH, OnTimeDenominator.DUE, ValidCallbacks.CALLED));
    MetricFormulas.Score score = MetricFormulas.composite(weights, in);
    // (0.35 × 0.5 + 0.2 × 0.75) / 0.55 = 0.590909…
    assertThat(score.value()).isEqualTo(d("59.09"));
    // 0.55 of 0.75
    assertThat(score.coverage()).isEqualTo(d("0.7333"));
    assertThat(score.noData()).containsExactly(Input.SATISFACTION);
  }

  @Test
  void theCompositeHasNoValueWhenNoWeighedInputHasData() {
    MetricFormulas.Score score =
        MetricFormulas.composite(
            weights(Input.SATISFACTION, "1", Input.CLOSURE, "0"),
            MetricFormulas.inputs(
                MetricFormulas.rates(MONTH, OnTimeDenominator.DUE, ValidCallbacks.CALLED)));
    assertThat(score.value()).isNull();
    assertThat(score.coverage()).isEqualTo(d("0.0000"));
    assertThat(score.noData()).containsExactly(Input.SATISFACTION);
  }

  @Test
  void refusesNegativeWeights() {
    assertThatThrownBy(
            () ->
                MetricFormulas.composite(
                    weights(Input.CLOSURE, "-0.1"),
                    MetricFormulas.inputs(
                        MetricFormulas.rates(MONTH, OnTimeDenominator.DUE, ValidCallbacks.CALLED))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Map<Input, BigDecimal> weights(Object... pairs) {
    Map<Input, BigDecimal> w = new EnumMap<>(Input.class);
    for (int i = 0; i < pairs.length; i += 2) {
      w.put((Input) pairs[i], d((String) pairs[i + 1]));
    }
    return w;
  }
}
