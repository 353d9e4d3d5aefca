package io.casegrid.intake.cases;

import io.casegrid.events.AssetFoundBy;
import io.casegrid.events.CaseReported;
import io.casegrid.events.Channel;
import io.casegrid.events.FirstContactResolution;
import io.casegrid.events.GeoPoint;
import io.casegrid.events.Location;
import io.casegrid.intake.assets.AssetFinder;
import io.casegrid.intake.personal.PersonalDataCipher;
import io.casegrid.intake.personal.SealedReporter;
import io.casegrid.intake.reference.CategoryKind;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.outbox.Outbox;
import io.casegrid.kit.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Registers a case (立案): classify, locate, store, and announce it in one transaction; or close it
 * at once when the hotline answered it on the call.
 */
@ApplicationScoped
public class CaseRegistration {

  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

  private final EntityManager entityManager;
  private final ReferenceCache reference;
  private final Outbox outbox;
  private final CityConfig city;
  private final PersonalDataCipher cipher;
  private final AssetFinder assets;

  CaseRegistration(
      EntityManager entityManager,
      ReferenceCache reference,
      Outbox outbox,
      CityConfig city,
      PersonalDataCipher cipher,
      AssetFinder assets) {
    this.assets = assets;
    this.entityManager = entityManager;
    this.reference = reference;
    this.outbox = outbox;
    this.city = city;
    this.cipher = cipher;
  }

  /**
   * Registers a case for {@code actor}. A case answered on the call is kept closed at first contact
   * and announced so that dispatch does not route it.
   */
  @Transactional
  public CaseRecord register(RegisterCase request, String actor) {
    ReferenceCache.CategoryInfo category =
        reference
            .category(request.categoryCode())
            .orElseThrow(
                () ->
                    ProblemException.invalidField(
                        "unknown-category", "categoryCode", "is not in the category catalogue"));
    RegisteredAsset asset = request.assetCode() == null ? null : asset(request.assetCode());
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
    Location location = locate(position, request.addressText(), request.position() == null);
    // PostgreSQL keeps microseconds: answer with the time as it is stored.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    CaseRecord c = new CaseRecord();
    c.id = UUID.randomUUID();
    c.caseNumber = nextCaseNumber(now);
    c.kind = request.kind();
    c.channel = request.channel();
    c.categoryCode = category.code();
    c.categoryVersion = category.version();
    c.urgency = request.urgency() != null ? request.urgency() : category.defaultUrgency();
    c.description = request.description().strip();
    if (position != null) {
      c.latitude = position.latitude();
      c.longitude = position.longitude();
    }
    c.addressText = request.addressText();
    if (location != null) {
      c.districtCode = location.districtCode();
      c.streetCode = location.streetCode();
      c.communityCode = location.communityCode();
      c.gridCode = location.gridCode();
    }
    c.assetCode = assetCode;
    c.assetOwnerCode = asset == null ? null : asset.ownerCode();
    c.assetFoundBy = foundBy;
    RegisterCase.Reporter reporter = request.reporter();
    c.reporterAnonymous = reporter.anonymous();
    // The name and phone are stored sealed only; an anonymous report keeps nothing.
    c.seal(
        reporter.anonymous()
            ? null
            : SealedReporter.seal(cipher, c.id, reporter.name(), reporter.phone()));
    c.callbackConsent = !reporter.anonymous() && reporter.callbackConsent();
    c.status = CaseStatus.REGISTERED;
    c.reportedAt = now;
    FirstContactResolution closedOnCall = null;
    if (request.resolvedOnCall() != null) {
      c.answerOnCall = request.resolvedOnCall().answer().strip();
      c.answeredBy = actor;
      c.status = CaseStatus.CLOSED_AT_FIRST_CONTACT;
      c.statusChangedAt = now;
      closedOnCall = new FirstContactResolution(actor, now);
    }
    entityManager.persist(c);

    outbox.announce(
        new CaseReported(
            c.id,
            c.caseNumber,
            c.kind,
            c.channel,
            c.categoryCode,
            c.urgency,
            c.description,
            c.latitude == null ? null : new GeoPoint(c.latitude, c.longitude),
            c.addressText,
            location,
            c.assetCode,
            c.assetOwnerCode,
            c.reportedAt,
            closedOnCall,
            c.categoryVersion,
            // A new case has only the reporter who filed it, unless a sensor did.
            c.hasOwnReporter() ? 1 : 0,
            c.assetFoundBy));
    return c;
  }

  /** The people who reported the case: the one who filed it (not a sensor) and those who joined. */
  public int reporterCount(CaseRecord c) {
    long joined =
        entityManager
            .createQuery("SELECT count(r) FROM CaseReporter r WHERE r.caseId = :c", Long.class)
            .setParameter("c", c.id)
            .getSingleResult();
    return (c.hasOwnReporter() ? 1 : 0) + (int) joined;
  }

  /** A reporter who joined a case, and the number of the case they were told. */
  public record JoinedReporter(CaseReporter reporter, String toldCaseNumber) {}

  /** The reporters who joined the case after it was filed, the first first. */
  public List<JoinedReporter> joinedReporters(UUID caseId) {
    return entityManager
        .createQuery(
            "SELECT r, t.caseNumber FROM CaseReporter r, CaseRecord t WHERE t.id = r.toldCaseId"
                + " AND r.caseId = :c ORDER BY r.reportedAt, r.id",
            Object[].class)
        .setParameter("c", caseId)
        .getResultStream()
        .map(r -> new JoinedReporter((CaseReporter) r[0], (String) r[1]))
        .toList();
  }

  public Optional<CaseRecord> find(UUID id) {
    return Optional.ofNullable(entityManager.find(CaseRecord.class, id));
  }

  /**
   * The cases a caller reported, newest first: "what happened to my complaint?", whether they filed
   * the case or joined it as a later reporter of the same problem. The phone is looked up by its
   * blind index under every configured key (phones are indexed as digits only, so "138-1234 1234"
   * finds "13812341234").
   */
  public List<CaseRecord> findByPhone(String phone, int limit) {
    List<byte[]> indexes = cipher.phoneIndexesUnderEveryKey(phone);
    if (indexes.isEmpty()) {
      return List.of();
    }
    // Two index lookups rather than one OR, which would not use either index.
    Map<UUID, CaseRecord> found = new LinkedHashMap<>();
    for (String jpql :
        List.of(
            "FROM CaseRecord WHERE reporterPhoneIndex IN :indexes ORDER BY reportedAt DESC",
            "FROM CaseRecord WHERE id IN (SELECT r.caseId FROM CaseReporter r WHERE r.phoneIndex"
                + " IN :indexes) ORDER BY reportedAt DESC")) {
      entityManager
          .createQuery(jpql, CaseRecord.class)
          .setParameter("indexes", indexes)
          .setMaxResults(limit)
          .getResultList()
          .forEach(c -> found.putIfAbsent(c.id, c));
    }
    return found.values().stream()
        .sorted(Comparator.comparing((CaseRecord c) -> c.reportedAt).reversed())
        .limit(limit)
        .toList();
  }

  public List<CaseRecord> findByNumber(String caseNumber) {
    return entityManager
        .createQuery("FROM CaseRecord WHERE caseNumber = :n", CaseRecord.class)
        .setParameter("n", caseNumber)
        .getResultList();
  }

  // A position outside every grid is refused unless an address lets a dispatcher place it.
  private Location locate(RegisterCase.Position position, String addressText, boolean ofTheAsset) {
    if (position == null) {
      return null;
    }
    Optional<Location> located = reference.locate(position.latitude(), position.longitude());
    if (located.isEmpty() && (addressText == null || addressText.isBlank())) {
      throw ProblemException.invalidField(
          "outside-city",
          ofTheAsset ? "assetCode" : "position",
          "lies outside every grid of the city; give an address for manual location");
    }
    return located.orElse(null);
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
      throw ProblemException.invalidField(
          "unknown-asset", "assetCode", "is not in the asset register");
    }
    Object[] a = assets.get(0);
    return new RegisteredAsset(
        (String) a[0], ((Number) a[1]).doubleValue(), ((Number) a[2]).doubleValue());
  }

  // Date of registration in the city's zone, then a sequence number that is never reused: the
  // date has a fixed width, so two cases can never share a number.
  private String nextCaseNumber(Instant now) {
    long n =
        ((Number)
                entityManager
                    .createNativeQuery("SELECT nextval('case_number_seq')")
                    .getSingleResult())
            .longValue();
    return DAY.format(now.atZone(city.zone())) + String.format("%07d", n);
  }
}
