package io.casegrid.supervision.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The formulas of the brief's metrics (section 7), on counters: plain arithmetic, no framework. A
 * rate whose denominator is zero is {@code null}: there is nothing to divide, and no number is made
 * up. Rates carry four decimals; scores two, on 0–100.
 */
public final class MetricFormulas {

  /** What the on-time closure rate divides by. */
  public enum OnTimeDenominator {
    /** Every case due to close. */
    DUE,
    /** Cases due to close less the extended or parked ones (and those out of the numerator). */
    DUE_LESS_DEFERRED
  }

  /**
   * Which callbacks the resolution and satisfaction rates divide by (有效回访): every case called back,
   * or only those whose citizen was reached.
   */
  public enum ValidCallbacks {
    /** Every case called back, reached or not: the brief's formulas as they stand. */
    CALLED,
    /** Only the citizens reached: an unanswered call counts neither way. */
    CONTACTED
  }

  /** The inputs a composite score may weigh. */
  public enum Input {
    CLOSURE,
    ON_TIME_CLOSURE,
    SIGN_ON_TIME,
    /** 1 − rework rate. */
    NO_REWORK,
    /** 1 − return rate. */
    NO_RETURN,
    /** 1 − extension rate. */
    NO_EXTENSION,
    ACCURATE_DISPATCH,
    /** 1 − refused return rate: returns the dispatcher sent back count against the returner. */
    NO_REFUSED_RETURN,
    FIRST_CONTACT_RESOLUTION,
    RESPONSE,
    RESOLUTION,
    SATISFACTION
  }

  /** Every rate of a group; {@code null} where there is no data. */
  public record Rates(
      BigDecimal closure,
      BigDecimal onTimeClosure,
      BigDecimal signOnTime,
      BigDecimal rework,
      BigDecimal returns,
      BigDecimal extension,
      BigDecimal accurateDispatch,
      BigDecimal refusedReturns,
      BigDecimal firstContactResolution,
      BigDecimal response,
      BigDecimal resolution,
      BigDecimal satisfaction) {}

  /**
   * A composite score: the weighted mean of the inputs that have data, on 0–100, {@code null} if
   * none has; {@code coverage} is the share of the weight that had data, and {@code noData} names
   * the weighed inputs that had none.
   */
  public record Score(BigDecimal value, BigDecimal coverage, List<Input> noData) {}

  private static final int SCALE = 4;
  private static final BigDecimal BASICALLY = new BigDecimal("0.9");

  private MetricFormulas() {}

  /** {@code numerator / denominator} to four decimals, {@code null} for a zero denominator. */
  public static BigDecimal ratio(long numerator, long denominator) {
    if (numerator < 0 || denominator < 0) {
      throw new IllegalArgumentException("negative count: " + numerator + "/" + denominator);
    }
    if (denominator == 0) {
      return null;
    }
    return BigDecimal.valueOf(numerator)
        .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP);
  }

  /** 结案率: closed / due to close. */
  public static BigDecimal closure(Counts c) {
    return ratio(c.closed(), c.due());
  }

  /** 按期结案率: closed on time / due to close, less the deferred cases if so configured. */
  public static BigDecimal onTimeClosure(Counts c, OnTimeDenominator denominator) {
    return switch (denominator) {
      case DUE -> ratio(c.closedOnTime(), c.due());
      case DUE_LESS_DEFERRED ->
          ratio(c.closedOnTime() - c.closedOnTimeDeferred(), c.due() - c.dueDeferred());
    };
  }

  /** Signed for within the limit / signed for. */
  public static BigDecimal signOnTime(Counts c) {
    return ratio(c.signedOnTime(), c.signed());
  }

  /** 返工率: reopened after a failed check / reported fixed. */
  public static BigDecimal rework(Counts c) {
    return ratio(c.reworked(), c.reportedFixed());
  }

  /**
   * 退单率: returns / dispatches, both of the department that returned: the dispatches it received and
   * the returns it made of them, upheld or refused.
   */
  public static BigDecimal returns(Counts c) {
    return ratio(c.returned(), c.dispatches());
  }

  /**
   * Refused returns / dispatches: the share of the department's dispatches it returned and the
   * dispatcher sent back to it, returns that count against the returner.
   */
  public static BigDecimal refusedReturns(Counts c) {
    return ratio(c.returnsRefused(), c.dispatches());
  }

  /** 延期率: extended / dispatched. */
  public static BigDecimal extension(Counts c) {
    return ratio(c.extended(), c.dispatched());
  }

  /**
   * 准确派遣率: dispatches without a routing error / dispatches. A routing error is a return the
   * dispatcher upheld by placing the case with another department; a return refused (the case sent
   * back to the same department) leaves the dispatch accurate. Per department, the accuracy of the
   * dispatches it received.
   */
  public static BigDecimal accurateDispatch(Counts c) {
    return ratio(c.dispatches() - c.returnsUpheld(), c.dispatches());
  }

  /** 首接办结率: cases the hotline closed on the call / cases received. */
  public static BigDecimal firstContactResolution(Counts c) {
    return ratio(c.firstContactResolved(), c.received());
  }

  /**
   * 响应率: citizens reached / cases called back. With {@link ValidCallbacks#CALLED} that is the
   * brief's "contacted / valid callbacks"; with {@code CONTACTED} it would be one by definition, so
   * it keeps every call as its denominator.
   */
  public static BigDecimal response(Counts c) {
    return ratio(c.contacted(), c.called());
  }

  /** 解决率: resolved / valid callbacks. */
  public static BigDecimal resolution(Counts c, ValidCallbacks valid) {
    return ratio(c.callbackResolved(), validCallbacks(c, valid));
  }

  /** 满意率: (satisfied + 0.9 × basically satisfied) / valid callbacks. */
  public static BigDecimal satisfaction(Counts c, ValidCallbacks valid) {
    long denominator = validCallbacks(c, valid);
    if (denominator == 0) {
      return null;
    }
    return BigDecimal.valueOf(c.satisfied())
        .add(BASICALLY.multiply(BigDecimal.valueOf(c.basicallySatisfied())))
        .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP);
  }

  private static long validCallbacks(Counts c, ValidCallbacks valid) {
    return valid == ValidCallbacks.CALLED ? c.called() : c.contacted();
  }

  /** Every rate of a group. */
  public static Rates rates(Counts c, OnTimeDenominator onTime, ValidCallbacks valid) {
    return new Rates(
        closure(c),
        onTimeClosure(c, onTime),
        signOnTime(c),
        rework(c),
        returns(c),
        extension(c),
        accurateDispatch(c),
        refusedReturns(c),
        firstContactResolution(c),
        response(c),
        resolution(c, valid),
        satisfaction(c, valid));
  }

  /** The rates as inputs of a composite; absent rates stay absent (null). */
  public static Map<Input, BigDecimal> inputs(Rates r) {
    Map<Input, BigDecimal> in = new EnumMap<>(Input.class);
    in.put(Input.CLOSURE, r.closure());
    in.put(Input.ON_TIME_CLOSURE, r.onTimeClosure());
    in.put(Input.SIGN_ON_TIME, r.signOnTime());
    in.put(Input.NO_REWORK, complement(r.rework()));
    in.put(Input.NO_RETURN, complement(r.returns()));
    in.put(Input.NO_EXTENSION, complement(r.extension()));
    in.put(Input.ACCURATE_DISPATCH, r.accurateDispatch());
    in.put(Input.NO_REFUSED_RETURN, complement(r.refusedReturns()));
    in.put(Input.FIRST_CONTACT_RESOLUTION, r.firstContactResolution());
    in.put(Input.RESPONSE, r.response());
    in.put(Input.RESOLUTION, r.resolution());
    in.put(Input.SATISFACTION, r.satisfaction());
    return in;
  }

  /**
   * The weighted mean of the inputs that have data, × 100. Inputs without data are left out and
   * named, and the weights of the rest are scaled up to one: a score from what is known, with its
   * coverage, rather than a zero or a guess in place of what is not. Weights must not be negative;
   * inputs with weight zero do not count.
   */
  public static Score composite(Map<Input, BigDecimal> weights, Map<Input, BigDecimal> inputs) {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal known = BigDecimal.ZERO;
    BigDecimal sum = BigDecimal.ZERO;
    List<Input> noData = new ArrayList<>();
    for (Map.Entry<Input, BigDecimal> w : new EnumMap<>(weights).entrySet()) {
      if (w.getValue().signum() < 0) {
        throw new IllegalArgumentException("negative weight for " + w.getKey());
      }
      if (w.getValue().signum() == 0) {
        continue;
      }
      total = total.add(w.getValue());
      BigDecimal value = inputs.get(w.getKey());
      if (value == null) {
        noData.add(w.getKey());
      } else {
        known = known.add(w.getValue());
        sum = sum.add(w.getValue().multiply(value));
      }
    }
    if (known.signum() == 0) {
      return new Score(null, total.signum() == 0 ? null : BigDecimal.ZERO.setScale(SCALE), noData);
    }
    BigDecimal value = sum.multiply(BigDecimal.valueOf(100)).divide(known, 2, RoundingMode.HALF_UP);
    return new Score(value, known.divide(total, SCALE, RoundingMode.HALF_UP), noData);
  }

  private static BigDecimal complement(BigDecimal rate) {
    return rate == null ? null : BigDecimal.ONE.subtract(rate);
  }
}
