package io.casegrid.intake.campaigns;

import io.casegrid.events.CampaignLink;
import io.casegrid.kit.domain.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A rectification campaign (专项整治): a census and dragnet inspection (拉网式排查) of every asset of its
 * kinds in its areas as the register stands, each owner rectifying the defects found within the
 * campaign's time limit. It owns its moves — launch, taking results, ending — and refuses, with a
 * {@link DomainException} and unchanged, what its state does not allow.
 */
public final class Campaign {

  /** Where a campaign stands. */
  public enum State {
    /** Created; its scope and period may still be read back before launch. */
    DRAFT,
    /** Launched: its ledger exists and takes inspection results. */
    ACTIVE,
    /** Ended, by its last day passing or by the supervision centre: it takes no more results. */
    ENDED
  }

  private final UUID id;
  private final String name;
  private final CampaignScope scope;
  private final CampaignPeriod period;
  private final List<String> defectKinds;
  private State state;
  private Instant launchedAt;
  private Instant endedAt;

  Campaign(
      UUID id,
      String name,
      CampaignScope scope,
      CampaignPeriod period,
      List<String> defectKinds,
      State state,
      Instant launchedAt,
      Instant endedAt) {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw DomainException.invalidField("invalid-name", "name", "must be 1 to 200 characters");
    }
    if (defectKinds.isEmpty()) {
      throw DomainException.invalidField(
          "invalid-defect-kinds", "defectKinds", "must list at least one kind of defect");
    }
    this.id = id;
    this.name = name.strip();
    this.scope = scope;
    this.period = period;
    this.defectKinds = List.copyOf(defectKinds);
    this.state = state;
    this.launchedAt = launchedAt;
    this.endedAt = endedAt;
  }

  /** A new campaign, not yet launched. */
  public static Campaign create(
      UUID id,
      String name,
      CampaignScope scope,
      CampaignPeriod period,
      List<String> defectKinds,
      LocalDate today) {
    if (period.overOn(today)) {
      throw DomainException.invalidField(
          "invalid-period",
          "period.rectifyBy",
          "has passed; a campaign cannot end before it starts");
    }
    return new Campaign(id, name, scope, period, defectKinds, State.DRAFT, null, null);
  }

  /**
   * Launches the campaign: its census is taken from the register now. Only a draft launches, not
   * after its inspection deadline, and not before the register's date it names.
   */
  public void launch(Instant now, LocalDate today) {
    if (state != State.DRAFT) {
      throw DomainException.conflict(
          "campaign-launched", "campaign " + name + " is " + state + "; only a draft is launched");
    }
    if (period.inspectionOverOn(today)) {
      throw DomainException.conflict(
          "inspection-deadline-passed",
          "the inspection deadline " + period.inspectBy() + " of campaign " + name + " has passed");
    }
    if (scope.registerAsOf().isAfter(today)) {
      throw DomainException.conflict(
          "register-date-ahead",
          "the census reads the register as of "
              + scope.registerAsOf()
              + ", which is not yet: launch the campaign on or after that day");
    }
    state = State.ACTIVE;
    launchedAt = now;
  }

  /** Ends the campaign early: it takes no more results. */
  public void end(Instant now) {
    if (state != State.ACTIVE) {
      throw DomainException.conflict(
          "campaign-not-active", "campaign " + name + " is " + state + "; only an active one ends");
    }
    state = State.ENDED;
    endedAt = now;
  }

  /**
   * Refuses an inspection result unless the campaign is active at {@code today}: a draft has no
   * ledger yet, and an ended campaign (ended early or past its last day) takes nothing more.
   */
  public void requireTakingResults(LocalDate today) {
    if (state == State.DRAFT) {
      throw DomainException.conflict(
          "campaign-not-launched", "campaign " + name + " has not been launched");
    }
    if (state == State.ENDED || period.overOn(today)) {
      throw DomainException.conflict(
          "campaign-ended",
          "campaign "
              + name
              + (state == State.ENDED ? " was ended" : " ended on " + period.rectifyBy())
              + "; it takes no more results");
    }
  }

  /** Refuses a defect kind the campaign does not list. */
  public void requireDefectKind(String kind, String field) {
    if (kind == null || !defectKinds.contains(kind)) {
      throw DomainException.invalidField(
          "unknown-defect-kind",
          field,
          "must be one of the campaign's defect kinds " + defectKinds);
    }
  }

  /** Whether the campaign is active on {@code today}. */
  public boolean activeOn(LocalDate today) {
    return state == State.ACTIVE && !period.overOn(today);
  }

  /** What a case found by this campaign carries: the campaign and its time limit. */
  public CampaignLink link() {
    return new CampaignLink(id, name, period.rectificationWorkingDays(), period.rectifyBy());
  }

  public UUID id() {
    return id;
  }

  public String name() {
    return name;
  }

  public CampaignScope scope() {
    return scope;
  }

  public CampaignPeriod period() {
    return period;
  }

  public List<String> defectKinds() {
    return defectKinds;
  }

  public State state() {
    return state;
  }

  public Instant launchedAt() {
    return launchedAt;
  }

  public Instant endedAt() {
    return endedAt;
  }
}
