package io.casegrid.dispatch.cases;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The legal moves of a case between states; nothing else changes a case's state. A returned case
 * leaves its department for arbitration: whether routing then places it elsewhere is not the
 * machine's business. A referred case is dispatched to the owner at once, to be signed for anew.
 */
public final class Workflow {

  private static final Map<CaseState, Map<Action, CaseState>> MOVES =
      new EnumMap<>(CaseState.class);

  static {
    move(CaseState.AWAITING_ARBITRATION, Action.ASSIGN, CaseState.DISPATCHED);
    move(CaseState.AWAITING_ARBITRATION, Action.REROUTE, CaseState.DISPATCHED);
    move(CaseState.DISPATCHED, Action.SIGN, CaseState.SIGNED);
    move(CaseState.DISPATCHED, Action.RETURN, CaseState.AWAITING_ARBITRATION);
    move(CaseState.SIGNED, Action.RETURN, CaseState.AWAITING_ARBITRATION);
    move(CaseState.DISPATCHED, Action.REFER, CaseState.DISPATCHED);
    move(CaseState.SIGNED, Action.REFER, CaseState.DISPATCHED);
    move(CaseState.SIGNED, Action.RESOLVE, CaseState.RESOLVED);
    move(CaseState.SIGNED, Action.REQUEST_APPROVAL, CaseState.SIGNED);
    move(CaseState.SIGNED, Action.DECIDE, CaseState.SIGNED);
    move(CaseState.SIGNED, Action.PARK, CaseState.PARKED);
    move(CaseState.PARKED, Action.RESUME, CaseState.SIGNED);
    move(CaseState.RESOLVED, Action.PASS_VERIFICATION, CaseState.CLOSED);
    move(CaseState.RESOLVED, Action.FAIL_VERIFICATION, CaseState.SIGNED);
    move(CaseState.CLOSED, Action.REOPEN_AFTER_CALLBACK, CaseState.SIGNED);
  }

  private Workflow() {}

  private static void move(CaseState from, Action action, CaseState to) {
    MOVES.computeIfAbsent(from, f -> new EnumMap<>(Action.class)).put(action, to);
  }

  /** The state after the action, or empty if the action is not allowed in that state. */
  public static Optional<CaseState> next(CaseState from, Action action) {
    return Optional.ofNullable(MOVES.getOrDefault(from, Map.of()).get(action));
  }

  /** The actions allowed in a state. */
  public static Set<Action> allowed(CaseState state) {
    Map<Action, CaseState> moves = MOVES.getOrDefault(state, Map.of());
    return moves.isEmpty() ? EnumSet.noneOf(Action.class) : EnumSet.copyOf(moves.keySet());
  }
}
