package io.casegrid.intake.cases;

import io.casegrid.events.AssetFoundBy;
import io.casegrid.events.CampaignLink;
import io.casegrid.events.Channel;
import io.casegrid.events.Location;
import io.casegrid.intake.assets.AssetFinder;
import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.intake.personal.SealedReporter;
import io.casegrid.intake.reference.CategoryKind;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Registers a case (立案) for every entrance (the API, Open311, the sensors): classifies it against
 * the catalogue, locates it, gives it a number, seals the reporter's data, lets {@link CaseRecord}
 * register it, and keeps the case and announces its {@code CaseReported} in one transaction.
 */
@ApplicationScoped
public class CaseRegistration {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final EntityManager entityManager;
  private final Cases cases;
  private final ReferenceCache reference;
  private final Outbox outbox;
  private final CityConfig city;
  private final PersonalDataCipher cipher;
  private final AssetFinder assets;

  CaseRegistration(
      EntityManager entityManager,
      Cases cases,
      ReferenceCache reference,
      Outbox outbox,
      CityConfig city,
      PersonalDataCipher cipher,
      AssetFinder assets) {
    this.assets = assets;
    this.entityManager = entityManager;
    this.cases = cases;
    this.reference = reference;
    this.outbox = outbox;
    this.city = city;
    this.cipher = cipher;
  }

  /** Registers a case for {@code actor}. */
  @Transactional
  public CaseRecord register(RegisterCase request, String actor) {
    return register(request, actor, null);
  }

  /**
   * Registers a case as above, keeping the notice the filer was given with it (Open311's {@code
   * service_notice}).
   */
  @Transactional
  public CaseRecord register(RegisterCase request, String actor, String serviceNotice) {
    return register(request, actor, serviceNotice, null, null);
  }

  /**
   * Registers the defect a rectification campaign's inspection found, linked to the campaign and
   * with its time limit; {@code ownerFound}, when the inspector found the asset to be another
   * owner's than the register says, is the owner the case goes to.
   */
  @Transactional
  public CaseRecord registerFoundInCampaign(
      RegisterCase request, String actor, CampaignLink campaign, String ownerFound) {
    return register(request, actor, null, campaign, ownerFound);
  }

  private CaseRecord register(
      RegisterCase request,
      String actor,
      String serviceNotice,
      CampaignLink campaign,
      String ownerFound) {
    ReferenceCache.CategoryInfo category =
        reference
            .category(request.categoryCode())
            .orElseThrow(
                () ->
                    DomainException.invalidField(
                        "unknown-category", "categoryCode", "is not in the category catalogue"));
    RegisteredAsset asset = request.assetCode() == null ? null : asset(request.assetCode());
    if (asset != null && ownerFound != null) {
      asset = new RegisteredAsset(ownerFound, asset.latitude(), asset.longitude());
    }
    AssetFoundBy foundBy = asset == null ? null : foundBy(request);
    String assetCode = request.assetCode();
    if (asset == null && request.position() != null && category.kind() == CategoryKind.COMPONENT) {
      // A cover reported at its position without its code: the only one right there is it.
      Optional<AssetFinder.Nearby> alone =
          assets.alone(
              category.code(), request.position().latitude(), request.position().longitude());
      if (alone.isPresent()) {
        AssetFinder.Asset a = alone.get().asset();
        asset = new RegisteredAsset(a.ownerDepartmentCode(), a.latitude(), a.longitude());
        assetCode = a.code();
        foundBy = AssetFoundBy.POSITION;
      }
    }
    // Without a position, a registered asset says where the case is.
    RegisterCase.Position position =
        request.position() != null || asset == null
            ? request.position()
            : new RegisterCase.Position(asset.latitude(), asset.longitude());
    Location location =
        position != null
            ? locate(position, request.addressText(), request.position() == null)
            : grid(request.gridCode());
    // PostgreSQL keeps microseconds: answer with the time as it is stored.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    UUID id = UUID.randomUUID();
    RegisterCase.Reporter reporter = request.reporter();
    CaseRecord.Registered registered =
        CaseRecord.register(
            new CaseRecord.Filing(
                id,
                nextCaseNumber(now),
                now,
                request,
                category,
                position,
                location,
                asset == null
                    ? null
                    : new CaseRecord.FoundAsset(assetCode, asset.ownerCode(), foundBy),
                reporter.anonymous()
                    ? null
                    : SealedReporter.seal(cipher, id, reporter.name(), reporter.phone()),
                serviceNotice,
                actor,
                campaign));
    cases.add(registered.record());
    outbox.announce(registered.reported());
    return registered.record();
  }

  // A position outside every grid is refused unless an address lets a dispatcher place it.
  private Location locate(RegisterCase.Position position, String addressText, boolean ofTheAsset) {
    Optional<Location> located = reference.locate(position.latitude(), position.longitude());
    if (located.isEmpty() && (addressText == null || addressText.isBlank())) {
      throw DomainException.invalidField(
          "outside-city",
          ofTheAsset ? "assetCode" : "position",
          "lies outside every grid of the city; give an address for manual location");
    }
    return located.orElse(null);
  }

  // A case known by its grid alone lies somewhere in it: the grid, its community, street and
  // district, without a point.
  private Location grid(String gridCode) {
    if (gridCode == null) {
      return null;
    }
    if (!reference.current().areaCodes().contains(gridCode)) {
      throw DomainException.invalidField("unknown-grid", "gridCode", "is not a grid of the city");
    }
    return new Location(
        gridCode.substring(0, 6), gridCode.substring(0, 9), gridCode.substring(0, 12), gridCode);
  }

  private record RegisteredAsset(String ownerCode, double latitude, double longitude) {}

  private static AssetFoundBy foundBy(RegisterCase request) {
    if (request.channel() == Channel.SENSOR) {
      return AssetFoundBy.SENSOR;
    }
    return request.assetFoundBy() == null ? AssetFoundBy.CODE : request.assetFoundBy();
  }

  private RegisteredAsset asset(String assetCode) {
    @SuppressWarnings("unchecked")
    List<Object[]> assets =
        entityManager
            .createNativeQuery(
                "SELECT owner_department_code, latitude, longitude FROM asset WHERE code = ?1")
            .setParameter(1, assetCode)
            .getResultList();
    if (assets.isEmpty()) {
      throw DomainException.invalidField(
          "unknown-asset", "assetCode", "is not in the asset register");
    }
    Object[] a = assets.get(0);
    return new RegisteredAsset(
        (String) a[0], ((Number) a[1]).doubleValue(), ((Number) a[2]).doubleValue());
  }

  // Date of registration in the city's zone, then a sequence number that is never reused: the
  // date has a fixed width, so two cases can never share a number. Plain JDBC, as every
  // registration asks: a native query cost Hibernate more than the sequence costs PostgreSQL.
  private String nextCaseNumber(Instant now) {
    long n =
        entityManager
            .unwrap(Session.class)
            .doReturningWork(
                connection -> {
                  try (PreparedStatement next =
                          connection.prepareStatement("SELECT nextval('case_number_seq')");
                      ResultSet row = next.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                  }
                });
    return DAY.format(now.atZone(city.zone())) + String.format("%07d", n);
  }
}
