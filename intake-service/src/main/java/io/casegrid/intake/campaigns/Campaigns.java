package io.casegrid.intake.campaigns;

import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseRegistration;
import io.casegrid.intake.cases.RegisterCase;
import io.casegrid.intake.reference.CategoryKind;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The commands on campaigns, each in one transaction: create, launch (the census), amend the
 * period, end; record an inspection result (a defect becomes a case of the campaign), a cover found
 * that the register lacks, and the answers of owners. {@link Campaign} decides what is allowed;
 * this class loads, checks the input against the city's reference data, and keeps.
 */
@ApplicationScoped
public class Campaigns {

  private static final Pattern LINK = Pattern.compile(RegisterCase.MEDIA_URL);

  private final EntityManager entityManager;
  private final Ledger ledger;
  private final ReferenceCache reference;
  private final CaseRegistration registration;
  private final CityConfig city;
  private final CampaignsConfig config;
  private final CampaignAnnouncements announcements;

  Campaigns(
      EntityManager entityManager,
      Ledger ledger,
      ReferenceCache reference,
      CaseRegistration registration,
      CityConfig city,
      CampaignsConfig config,
      CampaignAnnouncements announcements) {
    this.entityManager = entityManager;
    this.ledger = ledger;
    this.reference = reference;
    this.registration = registration;
    this.city = city;
    this.config = config;
    this.announcements = announcements;
  }

  /** What a new campaign is to be. */
  public record Plan(
      String name, CampaignScope scope, CampaignPeriod period, List<String> defectKinds) {}

  /** Who acts: their name and, for department staff, their department (null otherwise). */
  public record Actor(String name, String department) {}

  /** Creates a campaign, not yet launched. */
  @Transactional
  public Campaign create(Plan plan, String actor) {
    ReferenceCache.Snapshot now = reference.current();
    List<String> kinds = plan.scope().categoryCodes();
    for (int i = 0; i < kinds.size(); i++) {
      Optional<ReferenceCache.CategoryInfo> category = reference.category(kinds.get(i));
      if (category.isEmpty() || category.get().kind() != CategoryKind.COMPONENT) {
        throw DomainException.invalidField(
            "invalid-scope",
            "scope.categoryCodes[" + i + "]",
            "is no component category of the catalogue");
      }
    }
    List<String> areas = plan.scope().areaCodes();
    for (int i = 0; i < areas.size(); i++) {
      if (!now.areaCodes().contains(areas.get(i))) {
        throw DomainException.invalidField(
            "invalid-scope", "scope.areaCodes[" + i + "]", "is not an area of the city");
      }
    }
    Campaign campaign =
        Campaign.create(
            UUID.randomUUID(),
            plan.name(),
            plan.scope(),
            plan.period(),
            plan.defectKinds() == null || plan.defectKinds().isEmpty()
                ? config.defectKinds()
                : plan.defectKinds(),
            today());
    ledger.work(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO campaign (id, name, state, category_codes, area_codes,"
                      + " register_as_of, starts_on, inspect_by, rectify_by,"
                      + " rectification_working_days, defect_kinds, created_by, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, campaign.id());
            insert.setString(2, campaign.name());
            insert.setString(3, campaign.state().name());
            insert.setArray(4, c.createArrayOf("text", kinds.toArray()));
            insert.setArray(5, c.createArrayOf("text", areas.toArray()));
            insert.setDate(6, Date.valueOf(plan.scope().registerAsOf()));
            insert.setDate(7, Date.valueOf(plan.period().startsOn()));
            insert.setDate(8, Date.valueOf(plan.period().inspectBy()));
            insert.setDate(9, Date.valueOf(plan.period().rectifyBy()));
            insert.setInt(10, plan.period().rectificationWorkingDays());
            insert.setArray(11, c.createArrayOf("text", campaign.defectKinds().toArray()));
            insert.setString(12, actor);
            insert.setTimestamp(13, Timestamp.from(now()));
            insert.executeUpdate();
          }
          return null;
        });
    return campaign;
  }

  /** Launches a campaign: takes its census from the register. Answers its items in scope. */
  @Transactional
  public int launch(UUID id, String actor) {
    Campaign campaign = lock(id);
    Instant now = now();
    campaign.launch(now, today());
    long started = System.nanoTime();
    int items = ledger.census(id, campaign.scope());
    long millis = (System.nanoTime() - started) / 1_000_000;
    entityManager
        .createNativeQuery(
            "UPDATE campaign SET state = ?1, launched_by = ?2, launched_at = ?3,"
                + " launch_millis = ?4, items_in_scope = ?5, version = version + 1 WHERE id = ?6")
        .setParameter(1, campaign.state().name())
        .setParameter(2, actor)
        .setParameter(3, now)
        .setParameter(4, millis)
        .setParameter(5, items)
        .setParameter(6, id)
        .executeUpdate();
    announcements.launched(campaign, items);
    return items;
  }

  /**
   * Moves the campaign's deadlines (an extension, or bringing the inspection to a close): the
   * period's rules hold as at creation, and an active campaign keeps its start.
   */
  @Transactional
  public Campaign amendPeriod(UUID id, CampaignPeriod period) {
    Campaign campaign = lock(id);
    if (campaign.state() == Campaign.State.ENDED) {
      throw DomainException.conflict(
          "campaign-ended", "campaign " + campaign.name() + " has ended");
    }
    if (campaign.state() == Campaign.State.ACTIVE
        && !period.startsOn().equals(campaign.period().startsOn())) {
      throw DomainException.invalidField(
          "invalid-period", "startsOn", "an active campaign keeps the day it started");
    }
    if (period.overOn(today())) {
      throw DomainException.invalidField(
          "invalid-period", "rectifyBy", "has passed; end the campaign instead");
    }
    entityManager
        .createNativeQuery(
            "UPDATE campaign SET starts_on = ?1, inspect_by = ?2, rectify_by = ?3,"
                + " rectification_working_days = ?4, version = version + 1 WHERE id = ?5")
        .setParameter(1, period.startsOn())
        .setParameter(2, period.inspectBy())
        .setParameter(3, period.rectifyBy())
        .setParameter(4, period.rectificationWorkingDays())
        .setParameter(5, id)
        .executeUpdate();
    Campaign amended = load(id);
    announcements.amended(amended, now());
    return amended;
  }

  /** Ends an active campaign early. */
  @Transactional
  public void end(UUID id, String actor) {
    Campaign campaign = lock(id);
    Instant now = now();
    campaign.end(now);
    entityManager
        .createNativeQuery(
            "UPDATE campaign SET state = ?1, ended_by = ?2, ended_at = ?3, version = version + 1"
                + " WHERE id = ?4")
        .setParameter(1, campaign.state().name())
        .setParameter(2, actor)
        .setParameter(3, now)
        .setParameter(4, id)
        .executeUpdate();
    announcements.endedEarly(campaign);
  }

  /** What an inspection recorded: the item's result and the case its defect became, if any. */
  public record Recorded(String assetCode, InspectionResult result, Instant at, UUID caseId) {}

  /**
   * Records an item's inspection result. Refused, changing nothing: an asset not in the campaign's
   * ledger (422), a second result for an item (409), a result to an ended campaign (409), a defect
   * of a kind the campaign does not list, and staff recording another department's item (403).
   */
  @Transactional
  public Recorded inspect(UUID id, String assetCode, InspectionResult result, Actor actor) {
    Campaign campaign = load(id);
    campaign.requireTakingResults(today());
    Ledger.Item item =
        ledger
            .lock(id, assetCode)
            .orElseThrow(
                () ->
                    DomainException.invalidField(
                        "outside-campaign-scope",
                        "assetCode",
                        ledger.registered(assetCode)
                            ? "is not in the scope of campaign " + campaign.name()
                            : "is not in the asset register; record a cover the register lacks"
                                + " as found"));
    requireOwnItem(actor, item.responsibleCode());
    if (item.inspected()) {
      throw DomainException.conflict(
          "already-inspected",
          "item "
              + assetCode
              + " was inspected by "
              + item.inspectedBy()
              + " at "
              + item.inspectedAt()
              + "; an item takes one result");
    }
    checked(campaign, result, item.ownerCode());
    Instant now = now();
    UUID caseId = null;
    if (result.condition() == InspectionResult.Condition.DEFECT) {
      caseId = defectCase(campaign, item.categoryCode(), assetCode, result, actor.name()).id();
    }
    ledger.inspected(id, assetCode, result, actor.name(), now, caseId);
    return new Recorded(assetCode, result, now, caseId);
  }

  /**
   * The owner the inspector found answers: it confirms the asset is its own, and the register is
   * corrected; or it refuses, and the item goes back to the party the register names.
   */
  @Transactional
  public void answerOwnership(UUID id, String assetCode, boolean confirmed, Actor actor) {
    Campaign campaign = load(id);
    Ledger.Item item =
        ledger
            .lock(id, assetCode)
            .orElseThrow(() -> DomainException.notFound("item " + assetCode + " of the campaign"));
    if (item.ownerFound() == null) {
      throw DomainException.conflict(
          "no-owner-found", "no other owner was found for item " + assetCode);
    }
    if (item.ownerConfirmed() != null) {
      throw DomainException.conflict(
          "owner-answered", "the owner found for item " + assetCode + " has answered already");
    }
    requireOwnItem(actor, item.ownerFound());
    if (campaign.state() == Campaign.State.DRAFT) {
      throw DomainException.conflict("campaign-not-launched", "campaign has not been launched");
    }
    ledger.ownerAnswered(id, item, confirmed, actor.name(), now());
  }

  /** A cover the register lacks, as the inspector found it. */
  public record Found(String categoryCode, InspectionResult result, String ownerCode) {}

  /** Records a cover found in the field that the register lacks: pending confirmation. */
  @Transactional
  public UUID recordFound(UUID id, Found found, Actor actor) {
    Campaign campaign = load(id);
    campaign.requireTakingResults(today());
    if (!campaign.scope().categoryCodes().contains(found.categoryCode())) {
      throw DomainException.invalidField(
          "outside-campaign-scope",
          "categoryCode",
          "is not an asset kind of campaign " + campaign.name());
    }
    InspectionResult result = found.result();
    String grid =
        reference
            .locate(result.latitude(), result.longitude())
            .map(io.casegrid.events.Location::gridCode)
            .orElse(null);
    if (!campaign.scope().covers(grid)) {
      throw DomainException.invalidField(
          "outside-campaign-scope",
          "position",
          "lies outside the areas of campaign " + campaign.name());
    }
    if (found.ownerCode() != null && !reference.current().isDepartment(found.ownerCode())) {
      throw DomainException.invalidField(
          "unknown-department", "ownerCode", "is not a department of the city");
    }
    checked(
        campaign,
        new InspectionResult(
            result.condition(),
            result.defectKind(),
            result.note(),
            result.photos(),
            result.latitude(),
            result.longitude(),
            null),
        null);
    UUID foundId = UUID.randomUUID();
    entityManager
        .createNativeQuery(
            "INSERT INTO campaign_found_asset (id, campaign_id, category_code, latitude,"
                + " longitude, owner_code, condition, defect_kind, note, photos, found_by,"
                + " found_at, state) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
                + " string_to_array(?10, ' '), ?11, ?12, 'PENDING')")
        .setParameter(1, foundId)
        .setParameter(2, id)
        .setParameter(3, found.categoryCode())
        .setParameter(4, result.latitude())
        .setParameter(5, result.longitude())
        .setParameter(6, found.ownerCode())
        .setParameter(7, result.condition().name())
        .setParameter(8, result.defectKind())
        .setParameter(9, result.note())
        // Links hold no white space (RegisterCase.MEDIA_URL), so a space separates them.
        .setParameter(10, String.join(" ", result.photos()))
        .setParameter(11, actor.name())
        .setParameter(12, now())
        .executeUpdate();
    return foundId;
  }

  /** What confirming a found cover made: its item in the ledger, and its case if defective. */
  public record Confirmed(String assetCode, UUID caseId) {}

  /**
   * Confirms a found cover: it enters the register under the code and owner given, and the ledger
   * as an item inspected when it was found (its defect becoming a case now); or rejects it.
   */
  @Transactional
  public Optional<Confirmed> answerFound(
      UUID id, UUID foundId, boolean confirmed, String assetCode, String ownerCode, Actor actor) {
    Campaign campaign = load(id);
    FoundRow found = foundRow(id, foundId);
    if (!found.state().equals("PENDING")) {
      throw DomainException.conflict(
          "found-asset-answered", "the found cover " + foundId + " is " + found.state());
    }
    String owner = ownerCode != null ? ownerCode : found.ownerCode();
    requireOwnItem(actor, owner);
    Instant now = now();
    if (!confirmed) {
      entityManager
          .createNativeQuery(
              "UPDATE campaign_found_asset SET state = 'REJECTED', answered_by = ?1,"
                  + " answered_at = ?2 WHERE id = ?3")
          .setParameter(1, actor.name())
          .setParameter(2, now)
          .setParameter(3, foundId)
          .executeUpdate();
      return Optional.empty();
    }
    if (assetCode == null || !assetCode.matches("\\d{16}")) {
      throw DomainException.invalidField(
          "invalid-asset-code", "assetCode", "must be the 16-digit code the cover is given");
    }
    if (ledger.registered(assetCode)) {
      throw DomainException.invalidField(
          "asset-registered", "assetCode", "is already in the asset register");
    }
    if (owner != null && !reference.current().isDepartment(owner)) {
      throw DomainException.invalidField(
          "unknown-department", "ownerCode", "is not a department of the city");
    }
    entityManager
        .createNativeQuery(
            "INSERT INTO asset (code, category_code, latitude, longitude, owner_department_code)"
                + " VALUES (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, assetCode)
        .setParameter(2, found.categoryCode())
        .setParameter(3, found.result().latitude())
        .setParameter(4, found.result().longitude())
        .setParameter(5, owner)
        .executeUpdate();
    String grid =
        reference
            .locate(found.result().latitude(), found.result().longitude())
            .map(io.casegrid.events.Location::gridCode)
            .orElseThrow();
    UUID caseId =
        found.result().condition() == InspectionResult.Condition.DEFECT
            ? defectCase(campaign, found.categoryCode(), assetCode, found.result(), found.foundBy())
                .id()
            : null;
    entityManager
        .createNativeQuery(
            "INSERT INTO campaign_item (campaign_id, asset_code, category_code, latitude,"
                + " longitude, owner_code, responsible_code, district_code, street_code,"
                + " grid_code, origin, condition, defect_kind, note, photos, inspected_latitude,"
                + " inspected_longitude, inspected_by, inspected_at, case_id)"
                + " SELECT campaign_id, ?1, category_code, latitude, longitude, ?2,"
                + " COALESCE(?2, 'TERRITORIAL:' || substr(?3, 1, 9)), substr(?3, 1, 6),"
                + " substr(?3, 1, 9), ?3, 'FOUND', condition, defect_kind, note, photos,"
                + " latitude, longitude, found_by, found_at, ?4"
                + " FROM campaign_found_asset WHERE id = ?5")
        .setParameter(1, assetCode)
        .setParameter(2, owner)
        .setParameter(3, grid)
        .setParameter(4, caseId)
        .setParameter(5, foundId)
        .executeUpdate();
    entityManager
        .createNativeQuery(
            "UPDATE campaign_found_asset SET state = 'CONFIRMED', asset_code = ?1,"
                + " owner_code = ?2, answered_by = ?3, answered_at = ?4 WHERE id = ?5")
        .setParameter(1, assetCode)
        .setParameter(2, owner)
        .setParameter(3, actor.name())
        .setParameter(4, now)
        .setParameter(5, foundId)
        .executeUpdate();
    entityManager
        .createNativeQuery("UPDATE campaign SET items_in_scope = items_in_scope + 1 WHERE id = ?1")
        .setParameter(1, id)
        .executeUpdate();
    return Optional.of(new Confirmed(assetCode, caseId));
  }

  /** A found cover as recorded. */
  record FoundRow(
      String state,
      String categoryCode,
      String ownerCode,
      InspectionResult result,
      String foundBy) {}

  private FoundRow foundRow(UUID id, UUID foundId) {
    return ledger.work(
        c -> {
          try (PreparedStatement read =
              c.prepareStatement(
                  "SELECT state, category_code, owner_code, condition, defect_kind, note, photos,"
                      + " latitude, longitude, found_by FROM campaign_found_asset"
                      + " WHERE id = ? AND campaign_id = ? FOR UPDATE")) {
            read.setObject(1, foundId);
            read.setObject(2, id);
            try (ResultSet rs = read.executeQuery()) {
              if (!rs.next()) {
                throw DomainException.notFound("found cover " + foundId);
              }
              return new FoundRow(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  new InspectionResult(
                      InspectionResult.Condition.valueOf(rs.getString(4)),
                      rs.getString(5),
                      rs.getString(6),
                      Arrays.asList((String[]) rs.getArray(7).getArray()),
                      rs.getDouble(8),
                      rs.getDouble(9),
                      null),
                  rs.getString(10));
            }
          }
        });
  }

  // The defect becomes a case like an inspector's report (立案), linked to the campaign, routed by
  // dispatch to the asset's owner (the one the inspector found, if any) with the campaign's limit.
  private CaseRecord defectCase(
      Campaign campaign,
      String categoryCode,
      String assetCode,
      InspectionResult result,
      String actor) {
    String description =
        "【"
            + campaign.name()
            + "】"
            + result.defectKind()
            + (result.note() == null || result.note().isBlank() ? "" : ": " + result.note());
    return registration.registerFoundInCampaign(
        new RegisterCase(
            CaseKind.DEFECT,
            Channel.GRID_INSPECTOR,
            categoryCode,
            null,
            description,
            new RegisterCase.Position(result.latitude(), result.longitude()),
            null,
            assetCode,
            null,
            result.photos().isEmpty() ? null : result.photos().get(0),
            new RegisterCase.Reporter(null, null, true, false),
            null,
            null),
        actor,
        campaign.link(),
        result.ownerFound());
  }

  // A result's own rules: a defect of a listed kind with a photo, OK without a kind, photos as
  // links, an owner found that is a department other than the register's.
  private void checked(Campaign campaign, InspectionResult result, String registeredOwner) {
    if (result.condition() == InspectionResult.Condition.DEFECT) {
      campaign.requireDefectKind(result.defectKind(), "defectKind");
      if (result.photos().isEmpty()) {
        throw DomainException.invalidField(
            "photo-required", "photos", "a defect needs at least one photo");
      }
    } else if (result.defectKind() != null) {
      throw DomainException.invalidField(
          "invalid-result", "defectKind", "an item found OK has no defect");
    }
    if (result.photos().size() > config.maxPhotos()) {
      throw DomainException.invalidField(
          "too-many-photos", "photos", "at most " + config.maxPhotos() + " photos");
    }
    for (int i = 0; i < result.photos().size(); i++) {
      String link = result.photos().get(i);
      if (link == null || link.length() > 2000 || !LINK.matcher(link).matches()) {
        throw DomainException.invalidField(
            "invalid-photo", "photos[" + i + "]", "must be an http or https link");
      }
    }
    if (result.ownerFound() != null) {
      if (!reference.current().isDepartment(result.ownerFound())) {
        throw DomainException.invalidField(
            "unknown-department", "ownerFound", "is not a department of the city");
      }
      if (result.ownerFound().equals(registeredOwner)) {
        throw DomainException.invalidField(
            "invalid-result", "ownerFound", "is the owner the register names already");
      }
    }
  }

  // Staff record and answer only for their own department's items.
  private static void requireOwnItem(Actor actor, String responsible) {
    if (actor.department() != null && !actor.department().equals(responsible)) {
      throw DomainException.forbidden(
          "other-department", "the item is not your department's to record or answer");
    }
  }

  private Campaign lock(UUID id) {
    entityManager
        .createNativeQuery("SELECT id FROM campaign WHERE id = ?1 FOR UPDATE")
        .setParameter(1, id)
        .getResultList();
    return load(id);
  }

  /** A campaign by its id, or not found. */
  public Campaign load(UUID id) {
    return ledger.work(
        c -> {
          try (PreparedStatement read =
              c.prepareStatement(
                  "SELECT name, category_codes, area_codes, register_as_of, starts_on,"
                      + " inspect_by, rectify_by, rectification_working_days, defect_kinds,"
                      + " state, launched_at, ended_at FROM campaign WHERE id = ?")) {
            read.setObject(1, id);
            try (ResultSet rs = read.executeQuery()) {
              if (!rs.next()) {
                throw DomainException.notFound("campaign " + id);
              }
              Timestamp launched = rs.getTimestamp(11);
              Timestamp ended = rs.getTimestamp(12);
              return new Campaign(
                  id,
                  rs.getString(1),
                  new CampaignScope(
                      texts(rs.getArray(2)), texts(rs.getArray(3)), rs.getDate(4).toLocalDate()),
                  new CampaignPeriod(
                      rs.getDate(5).toLocalDate(),
                      rs.getDate(6).toLocalDate(),
                      rs.getDate(7).toLocalDate(),
                      rs.getInt(8)),
                  texts(rs.getArray(9)),
                  Campaign.State.valueOf(rs.getString(10)),
                  launched == null ? null : launched.toInstant(),
                  ended == null ? null : ended.toInstant());
            }
          }
        });
  }

  private static List<String> texts(java.sql.Array array) throws java.sql.SQLException {
    return Arrays.asList((String[]) array.getArray());
  }

  private LocalDate today() {
    return LocalDate.now(city.zone());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
