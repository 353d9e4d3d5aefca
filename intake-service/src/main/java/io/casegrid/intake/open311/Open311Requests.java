package io.casegrid.intake.open311;

import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.intake.cases.Cases;
import io.casegrid.intake.personal.FreeTextMasking;
import io.casegrid.intake.reference.CategoryCatalogue;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.domain.DomainException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Service requests as Open311 reads them (GET {@code requests} and {@code requests/{id}}): found by
 * their ids or by service, time span and status, and shown to anyone, with no name or phone of the
 * reporter and the numbers typed into the text masked.
 */
@ApplicationScoped
class Open311Requests {

  static final Pattern SERVICE_CODE = Pattern.compile("[A-Z0-9]{2,16}");
  private static final Pattern REQUEST_ID = Pattern.compile("\\d{8,20}");
  private static final Duration MAX_SPAN = Duration.ofDays(90);
  private static final int MAX_REQUESTS = 1000;
  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  // Closed after verification, answered and closed on the call, or merged into another request.
  private static final Set<CaseStatus> CLOSED =
      EnumSet.of(CaseStatus.CLOSED, CaseStatus.CLOSED_AT_FIRST_CONTACT, CaseStatus.MERGED);

  private final EntityManager entityManager;
  private final Cases cases;
  private final CategoryCatalogue catalogue;
  private final CityConfig city;

  Open311Requests(
      EntityManager entityManager, Cases cases, CategoryCatalogue catalogue, CityConfig city) {
    this.entityManager = entityManager;
    this.cases = cases;
    this.catalogue = catalogue;
    this.city = city;
  }

  /**
   * The requests a query asks for: by {@code service_request_id}, which overrides the rest (ids
   * that are malformed or not found are left out), or by {@code service_code}, {@code
   * start_date}/{@code end_date} and {@code status}; newest first, at most 1000.
   */
  @Transactional
  List<Map<String, Object>> find(Open311Parameters query) {
    List<String> ids = query.list("service_request_id");
    List<CaseRecord> found = ids.isEmpty() ? search(query) : byIds(ids);
    return found.stream().map(this::document).toList();
  }

  /** One request by its id (the case number); refused as not found otherwise. */
  @Transactional
  List<Map<String, Object>> one(String id) {
    List<CaseRecord> found = REQUEST_ID.matcher(id).matches() ? cases.findByNumber(id) : List.of();
    if (found.isEmpty()) {
      throw notFound("service_request_id", id);
    }
    return found.stream().map(this::document).toList();
  }

  static DomainException notFound(String parameter, String value) {
    return new DomainException(
        DomainException.Refusal.NOT_FOUND,
        "not-found",
        parameter + " " + Open311Parameters.shown(value) + " was not found");
  }

  private List<CaseRecord> byIds(List<String> ids) {
    if (ids.size() > MAX_REQUESTS) {
      throw malformed("at most " + MAX_REQUESTS + " service_request_id");
    }
    // An id that is not one of ours is not found, as an unknown one is: left out.
    List<String> numbers = ids.stream().filter(id -> REQUEST_ID.matcher(id).matches()).toList();
    return numbers.isEmpty()
        ? List.of()
        : entityManager
            .createQuery(
                "FROM CaseRecord WHERE caseNumber IN :n ORDER BY reportedAt DESC", CaseRecord.class)
            .setParameter("n", numbers)
            .getResultList();
  }

  private List<CaseRecord> search(Open311Parameters query) {
    String endDate = query.get("end_date");
    String startDate = query.get("start_date");
    Instant end = endDate != null ? instant("end_date", endDate) : null;
    Instant start = startDate != null ? instant("start_date", startDate) : null;
    if (end == null) {
      end = start != null ? start.plus(MAX_SPAN) : Instant.now();
    }
    if (start == null) {
      start = end.minus(MAX_SPAN);
    }
    if (start.isAfter(end)) {
      throw malformed("start_date is after end_date");
    }
    if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw malformed("start_date and end_date are more than 90 days apart");
    }
    StringBuilder jpql =
        new StringBuilder("FROM CaseRecord WHERE reportedAt >= :start AND reportedAt <= :end");
    List<String> serviceCodes = query.list("service_code");
    for (String code : serviceCodes) {
      if (!SERVICE_CODE.matcher(code).matches()) {
        throw malformed("service_code " + Open311Parameters.shown(code) + " is not a service code");
      }
    }
    if (!serviceCodes.isEmpty()) {
      jpql.append(" AND categoryCode IN :codes");
    }
    Set<CaseStatus> statuses = null;
    List<String> status = query.list("status");
    if (!status.isEmpty()) {
      statuses = EnumSet.noneOf(CaseStatus.class);
      for (String s : status) {
        switch (s) {
          case "open" -> statuses.addAll(EnumSet.complementOf(EnumSet.copyOf(CLOSED)));
          case "closed" -> statuses.addAll(CLOSED);
          default -> throw malformed("status must be open, closed or both");
        }
      }
      jpql.append(" AND status IN :statuses");
    }
    TypedQuery<CaseRecord> found =
        entityManager
            .createQuery(jpql.append(" ORDER BY reportedAt DESC").toString(), CaseRecord.class)
            .setParameter("start", start)
            .setParameter("end", end)
            .setMaxResults(MAX_REQUESTS);
    if (!serviceCodes.isEmpty()) {
      found.setParameter("codes", serviceCodes);
    }
    if (statuses != null) {
      found.setParameter("statuses", statuses);
    }
    return found.getResultList();
  }

  private static Instant instant(String field, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed(
          field + " must be an ISO-8601 date and time with a zone, e.g. 2026-11-23T08:00:00+08:00");
    }
  }

  private static DomainException malformed(String description) {
    return new DomainException(DomainException.Refusal.MALFORMED, "open311-query", description);
  }

  // A case as Open311 shows it to anyone: no name or phone of the reporter.
  private Map<String, Object> document(CaseRecord c) {
    // The service's name as the catalogue had it when the request was filed.
    String serviceName =
        catalogue.category(c.categoryVersion(), c.categoryCode()).map(i -> i.name()).orElse(null);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("service_request_id", c.caseNumber());
    r.put("status", CLOSED.contains(c.status()) ? "closed" : "open");
    r.put("status_notes", notes(c.status()));
    r.put("service_name", serviceName);
    r.put("service_code", c.categoryCode());
    // Public: phone and ID numbers typed into the text are not shown.
    r.put("description", FreeTextMasking.masked(c.description()));
    r.put("agency_responsible", c.departmentCode());
    r.put("service_notice", c.serviceNotice());
    r.put("requested_datetime", datetime(c.reportedAt()));
    r.put(
        "updated_datetime",
        datetime(c.statusChangedAt() != null ? c.statusChangedAt() : c.reportedAt()));
    // The deadline supervision set for resolving it.
    r.put("expected_datetime", datetime(c.resolveDueAt()));
    r.put("address", FreeTextMasking.masked(c.addressText()));
    r.put("address_id", c.gridCode());
    r.put("zipcode", null);
    r.put("lat", c.latitude());
    r.put("long", c.longitude());
    r.put("media_url", c.mediaUrl());
    return r;
  }

  static String notes(CaseStatus status) {
    return switch (status) {
      case REGISTERED -> "registered: waiting to be dispatched to a department";
      case AWAITING_DISPATCHER -> "waiting for a dispatcher to assign a department";
      case DISPATCHED -> "dispatched to the department in charge";
      case IN_HAND -> "in hand: the department is dealing with it";
      case PARKED -> "parked with approval: to be dealt with later";
      case RESOLVED -> "resolved by the department: waiting for verification";
      case CLOSED -> "verified and closed";
      case CLOSED_AT_FIRST_CONTACT -> "answered and closed by the hotline on the call";
      case REOPEN_REQUESTED -> "reopened after the citizen's callback: back to the department";
      case MERGED -> "merged into another request about the same problem";
    };
  }

  // As the specification writes them, 2010-04-14T06:37:38-08:00: always with seconds (a deadline
  // is often a whole hour, which OffsetDateTime.toString() would write without), never fractions.
  private String datetime(Instant instant) {
    return instant == null
        ? null
        : DATETIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(city.zone()));
  }
}
