package io.casegrid.dispatch.cases;

import io.casegrid.events.CaseEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a move of a case caused, for the adapter around the case to keep in the move's transaction:
 * the entries of the case's timeline, the events to announce (in order), and the approval request
 * and co-handling tasks that end or begin with the move, at the moment it was made.
 */
public final class Outcome {

  /** One entry of a case's timeline (办理过程): who did what, when, between which states, why. */
  public record Entry(
      Instant at,
      String actor,
      String action,
      String departmentCode,
      CaseState from,
      CaseState to,
      String reason) {}

  private final Instant at;
  private final List<Entry> entries = new ArrayList<>();
  private final List<CaseEvent> events = new ArrayList<>();
  private final List<String> coHandlers = new ArrayList<>();
  private boolean endsPendingRequest;
  private boolean endsCoHandling;

  Outcome(Instant at) {
    this.at = at;
  }

  /** A command that changed nothing: a retry of one already applied. */
  static Outcome none() {
    return new Outcome(null);
  }

  Outcome entry(Entry entry) {
    entries.add(entry);
    return this;
  }

  Outcome announce(CaseEvent event) {
    events.add(event);
    return this;
  }

  Outcome endPendingRequest() {
    endsPendingRequest = true;
    return this;
  }

  Outcome endCoHandling() {
    endsCoHandling = true;
    return this;
  }

  Outcome openCoHandling(List<String> departments) {
    coHandlers.addAll(departments);
    return this;
  }

  /** When the move was made: the moment the requests and tasks it ends are closed at. */
  public Instant at() {
    return at;
  }

  public List<Entry> entries() {
    return List.copyOf(entries);
  }

  public List<CaseEvent> events() {
    return List.copyOf(events);
  }

  /** The event of that type the move announced, if any. */
  public <T extends CaseEvent> Optional<T> event(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /** Whether the case's pending request for an extension or parking is moot now (withdrawn). */
  public boolean endsPendingRequest() {
    return endsPendingRequest;
  }

  /** Whether the co-handlers' open tasks end, the case having left its lead department. */
  public boolean endsCoHandling() {
    return endsCoHandling;
  }

  /** The departments that get a co-handling task (协办) with the case's new lead department. */
  public List<String> coHandlers() {
    return List.copyOf(coHandlers);
  }

  /** Whether the move changed nothing at all. */
  public boolean isEmpty() {
    return entries.isEmpty() && events.isEmpty() && !endsPendingRequest && !endsCoHandling;
  }
}
