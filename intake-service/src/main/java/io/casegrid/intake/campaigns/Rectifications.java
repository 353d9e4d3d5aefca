package io.casegrid.intake.campaigns;

import io.casegrid.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;

/**
 * Keeps the ledger's rectifications as dispatch reports the campaign's cases: a case closed after
 * its fix was verified (核查结案) closes its item; a case reopened for rework opens it again.
 */
@ApplicationScoped
public class Rectifications {

  private final Ledger ledger;

  Rectifications(Ledger ledger) {
    this.ledger = ledger;
  }

  /** Applies dispatch's event about a case; a case of no campaign changes nothing. */
  public void caseMoved(EventType type, UUID caseId, Instant at) {
    if (type == EventType.CASE_CLOSED) {
      ledger.caseClosed(caseId, at);
    } else if (type == EventType.CASE_REOPENED) {
      ledger.caseClosed(caseId, null);
    }
  }
}
