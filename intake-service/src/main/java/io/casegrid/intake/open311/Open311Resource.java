package io.casegrid.intake.open311;

import io.casegrid.events.CaseKind;
import io.casegrid.events.Channel;
import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseRegistration;
import io.casegrid.intake.cases.CaseStatus;
import io.casegrid.intake.cases.RegisterCase;
import io.casegrid.intake.reference.CategoryCatalogue;
import io.casegrid.intake.reference.CategoryKind;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.idempotency.Idempotent;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.ratelimit.RateLimited;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Open311 GeoReport v2 (the specification in {@code open311/spec} of the shared material): 311 apps
 * file and read cases without custom code.
 *
 * <p>Reads are public, as the specification says, and never show a reporter's personal data. Filing
 * a request needs the {@code api_key} issued to the client application. The endpoints are {@link
 * PermitAll} and the api key is checked here rather than by an authentication mechanism: the key is
 * a form field of the body, which an HTTP authentication mechanism would have to read before the
 * REST layer, and a refusal must be answered in the Open311 error format of the requested
 * extension. A request that carries a bearer token anyway has it verified (401 if it is forged or
 * expired), as every other endpoint does.
 */
@Path("/open311/v2")
@Tag(name = "open311")
@PermitAll
@Idempotent
public class Open311Resource {

  static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
  private static final String FORMAT = "{format: json|xml}";
  private static final Pattern SERVICE_CODE = Pattern.compile("[A-Z0-9]{2,16}");
  private static final Pattern REQUEST_ID = Pattern.compile("\\d{8,20}");
  private static final Pattern PHONE_LIKE = Pattern.compile("\\d[\\d -]{5,}\\d");
  private static final Duration MAX_SPAN = Duration.ofDays(90);
  private static final int MAX_REQUESTS = 1000;
  private static final int MAX_DESCRIPTION = 4000;
  private static final String ASSET_CODE = "asset_code";

  private final ReferenceCache reference;
  private final CategoryCatalogue catalogue;
  private final CaseRegistration registration;
  private final Open311Clients clients;
  private final EntityManager entityManager;
  private final Validator validator;
  private final CityConfig city;
  private final SecurityIdentity identity;
  private final String jurisdiction;
  private final String contact;
  private final String keyService;

  Open311Resource(
      ReferenceCache reference,
      CategoryCatalogue catalogue,
      CaseRegistration registration,
      Open311Clients clients,
      EntityManager entityManager,
      Validator validator,
      CityConfig city,
      SecurityIdentity identity,
      @ConfigProperty(name = "casegrid.open311.jurisdiction-id", defaultValue = "casegrid")
          String jurisdiction,
      @ConfigProperty(
              name = "casegrid.open311.contact",
              defaultValue = "The city's urban management centre, hotline 12345")
          String contact,
      @ConfigProperty(
              name = "casegrid.open311.key-service",
              defaultValue = "Ask the city's urban management centre for an api_key")
          String keyService) {
    this.reference = reference;
    this.catalogue = catalogue;
    this.registration = registration;
    this.clients = clients;
    this.entityManager = entityManager;
    this.validator = validator;
    this.city = city;
    this.identity = identity;
    this.jurisdiction = jurisdiction;
    this.contact = contact;
    this.keyService = keyService;
  }

  @GET
  @Path("discovery." + FORMAT)
  @Operation(summary = "Open311 service discovery: the endpoint, its specification and formats")
  public Response discovery(@PathParam("format") String format, @Context UriInfo uri) {
    Open311Format f = admit(format, null);
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("specification", SPECIFICATION);
    endpoint.put("url", uri.getBaseUriBuilder().path("open311/v2").build().toString());
    endpoint.put("changeset", "2026-11-23T00:00:00Z");
    endpoint.put("type", "production");
    endpoint.put("formats", List.of("text/xml", "application/json"));
    Map<String, Object> discovery = new LinkedHashMap<>();
    discovery.put("changeset", "2026-11-23T00:00:00Z");
    discovery.put("contact", contact);
    discovery.put("key_service", keyService);
    discovery.put("endpoints", List.of(endpoint));
    return Open311Body.single(f, "discovery", discovery);
  }

  @GET
  @Path("services." + FORMAT)
  @Operation(summary = "Open311 services: the category catalogue")
  public Response services(
      @PathParam("format") String format, @QueryParam("jurisdiction_id") String jurisdictionId) {
    Open311Format f = admit(format, jurisdictionId);
    List<Map<String, Object>> services = new ArrayList<>();
    for (ReferenceCache.CategoryInfo c : reference.categories()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("service_code", c.code());
      s.put("service_name", c.name());
      s.put("description", c.nameEn());
      s.put("metadata", c.kind() == CategoryKind.COMPONENT);
      s.put("type", "realtime");
      s.put("keywords", c.nameEn());
      s.put("group", c.kind().name().toLowerCase(java.util.Locale.ROOT));
      services.add(s);
    }
    return Open311Body.list(f, 200, "services", "service", services);
  }

  @GET
  @Path("services/{service_code}." + FORMAT)
  @Operation(summary = "Open311 service definition: the attributes a request of the service takes")
  public Response definition(
      @PathParam("service_code") String serviceCode,
      @PathParam("format") String format,
      @QueryParam("jurisdiction_id") String jurisdictionId) {
    Open311Format f = admit(format, jurisdictionId);
    ReferenceCache.CategoryInfo category = service(serviceCode);
    List<Map<String, Object>> attributes = new ArrayList<>();
    if (category.kind() == CategoryKind.COMPONENT) {
      Map<String, Object> asset = new LinkedHashMap<>();
      asset.put("variable", true);
      asset.put("code", ASSET_CODE);
      asset.put("datatype", "string");
      asset.put("required", false);
      asset.put("datatype_description", "16 digits");
      asset.put("order", 1);
      asset.put(
          "description", "The 16-digit code on the component (the number on the manhole cover)");
      attributes.add(asset);
    }
    Map<String, Object> definition = new LinkedHashMap<>();
    definition.put("service_code", category.code());
    definition.put("attributes", attributes);
    return Open311Body.single(f, "service_definition", definition);
  }

  // The body is read here rather than by the REST layer, so that a bad bearer token is refused
  // (401) before the content type is judged (415), as on every other endpoint.
  @POST
  @Path("requests." + FORMAT)
  @Consumes(MediaType.WILDCARD)
  @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED))
  @RateLimited("open311-writes")
  @Operation(
      summary =
          "Open311 POST service request (form-encoded, with the application's api_key): registers a"
              + " case")
  public Response create(
      @PathParam("format") String format,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      byte[] body) {
    Open311Format f = Open311Format.of(format);
    checkCredentials();
    Map<String, String> fields = form(contentType, body);
    String client =
        clients
            .clientOf(fields.get("api_key"))
            .orElseThrow(() -> new Open311Exception(403, "api_key is missing or invalid"));
    admitJurisdiction(fields.get("jurisdiction_id"));
    String serviceCode = fields.get("service_code");
    if (serviceCode == null) {
      throw Open311Exception.badRequest("service_code was not provided");
    }
    ReferenceCache.CategoryInfo category = service(serviceCode);
    RegisterCase.Position position = position(fields.get("lat"), fields.get("long"));
    String address = fields.get("address_string");
    if (position == null && address == null) {
      throw Open311Exception.badRequest("lat and long, or address_string, are required");
    }
    String description = fields.get("description");
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw Open311Exception.badRequest(
          "description is longer than " + MAX_DESCRIPTION + " characters");
    }
    String name = name(fields.get("first_name"), fields.get("last_name"));
    String phone = fields.get("phone");
    RegisterCase request =
        new RegisterCase(
            category.kind() == CategoryKind.COMPONENT ? CaseKind.DEFECT : CaseKind.REPORT,
            Channel.OPEN311,
            category.code(),
            null,
            description != null ? description : category.name(),
            position,
            address,
            fields.get("attribute[" + ASSET_CODE + "]"),
            new RegisterCase.Reporter(name, phone, name == null && phone == null, false),
            null);
    Set<ConstraintViolation<RegisterCase>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      ConstraintViolation<RegisterCase> v = violations.iterator().next();
      throw Open311Exception.badRequest(
          fieldName(v.getPropertyPath().toString()) + " " + v.getMessage());
    }
    // The application that filed it is the actor the case records.
    CaseRecord c = registration.register(request, "open311:" + client);
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("service_request_id", c.caseNumber);
    created.put(
        "service_notice",
        "Registered as case " + c.caseNumber + "; it will be passed to the department in charge");
    created.put("account_id", null);
    return Open311Body.list(f, 201, "service_requests", "request", List.of(created));
  }

  @GET
  @Path("requests." + FORMAT)
  @Operation(
      summary =
          "Open311 GET service requests: by ids, or by service, time span (at most 90 days) and"
              + " status; the last 90 days, newest first, at most 1000")
  public Response requests(
      @PathParam("format") String format,
      @QueryParam("jurisdiction_id") String jurisdictionId,
      @QueryParam("service_request_id") String ids,
      @QueryParam("service_code") String serviceCode,
      @QueryParam("start_date") String startDate,
      @QueryParam("end_date") String endDate,
      @QueryParam("status") String status) {
    Open311Format f = admit(format, jurisdictionId);
    List<CaseRecord> found;
    if (present(ids)) {
      Set<String> numbers = new LinkedHashSet<>();
      for (String id : ids.split(",", -1)) {
        String n = id.strip();
        if (!REQUEST_ID.matcher(n).matches()) {
          throw Open311Exception.badRequest("service_request_id must be a comma list of ids");
        }
        numbers.add(n);
      }
      if (numbers.size() > MAX_REQUESTS) {
        throw Open311Exception.badRequest("at most " + MAX_REQUESTS + " service_request_id");
      }
      found =
          entityManager
              .createQuery(
                  "FROM CaseRecord WHERE caseNumber IN :n ORDER BY reportedAt DESC",
                  CaseRecord.class)
              .setParameter("n", numbers)
              .getResultList();
    } else {
      found = search(serviceCode, startDate, endDate, status);
    }
    return Open311Body.list(
        f, 200, "service_requests", "request", found.stream().map(this::request).toList());
  }

  @GET
  @Path("requests/{service_request_id}." + FORMAT)
  @Operation(summary = "Open311 GET service request: one request by its id (the case number)")
  public Response request(
      @PathParam("service_request_id") String id,
      @PathParam("format") String format,
      @QueryParam("jurisdiction_id") String jurisdictionId) {
    Open311Format f = admit(format, jurisdictionId);
    List<CaseRecord> found =
        REQUEST_ID.matcher(id).matches() ? registration.findByNumber(id) : List.of();
    if (found.isEmpty()) {
      throw Open311Exception.notFound("service_request_id " + shown(id) + " was not found");
    }
    return Open311Body.list(
        f, 200, "service_requests", "request", found.stream().map(this::request).toList());
  }

  // Errors of these endpoints in the Open311 format, in the extension the path asked for.

  @ServerExceptionMapper
  Response open311(Open311Exception e, ContainerRequestContext context) {
    return error(context, e.status, e.getMessage());
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, ContainerRequestContext context) {
    int status = e.problem().status() == 422 ? 400 : e.problem().status();
    String detail = e.problem().detail();
    if (!e.problem().errors().isEmpty()) {
      var first = e.problem().errors().get(0);
      detail = fieldName(first.field()) + " " + first.message();
    }
    return error(context, status, detail);
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  Response unauthenticated(RuntimeException e, ContainerRequestContext context) {
    return Response.fromResponse(
            error(context, 401, "the bearer token is not valid; Open311 needs none"))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  @ServerExceptionMapper
  Response web(WebApplicationException e, ContainerRequestContext context) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    return error(context, status.getStatusCode(), status.getReasonPhrase());
  }

  private static Response error(ContainerRequestContext context, int status, String description) {
    return Open311Body.error(
        Open311Format.ofPath(context.getUriInfo().getPath()), status, description);
  }

  // ---

  private Open311Format admit(String format, String jurisdictionId) {
    checkCredentials();
    admitJurisdiction(jurisdictionId);
    return Open311Format.of(format);
  }

  // Reads need no token; one that is sent is verified all the same, and a bad one refused.
  private void checkCredentials() {
    identity.isAnonymous();
  }

  private void admitJurisdiction(String jurisdictionId) {
    if (present(jurisdictionId) && !jurisdiction.equals(jurisdictionId)) {
      throw Open311Exception.notFound(
          "jurisdiction_id " + shown(jurisdictionId) + " was not found");
    }
  }

  private ReferenceCache.CategoryInfo service(String code) {
    return (code != null && SERVICE_CODE.matcher(code).matches()
            ? reference.category(code)
            : java.util.Optional.<ReferenceCache.CategoryInfo>empty())
        .orElseThrow(
            () -> Open311Exception.notFound("service_code " + shown(code) + " was not found"));
  }

  private List<CaseRecord> search(
      String serviceCode, String startDate, String endDate, String status) {
    Instant end = present(endDate) ? instant("end_date", endDate) : null;
    Instant start = present(startDate) ? instant("start_date", startDate) : null;
    if (end == null) {
      end = start != null ? start.plus(MAX_SPAN) : Instant.now();
    }
    if (start == null) {
      start = end.minus(MAX_SPAN);
    }
    if (start.isAfter(end)) {
      throw Open311Exception.badRequest("start_date is after end_date");
    }
    if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
      throw Open311Exception.badRequest("start_date and end_date are more than 90 days apart");
    }
    StringBuilder jpql =
        new StringBuilder("FROM CaseRecord WHERE reportedAt >= :start AND reportedAt <= :end");
    if (present(serviceCode)) {
      if (!SERVICE_CODE.matcher(serviceCode).matches()) {
        throw Open311Exception.badRequest("service_code is not a service code");
      }
      jpql.append(" AND categoryCode = :code");
    }
    Set<CaseStatus> statuses = null;
    if (present(status)) {
      statuses = EnumSet.noneOf(CaseStatus.class);
      for (String s : status.split(",", -1)) {
        switch (s.strip()) {
          case "open" -> statuses.addAll(openStatuses());
          case "closed" -> statuses.addAll(CLOSED);
          default -> throw Open311Exception.badRequest("status must be open, closed or both");
        }
      }
      jpql.append(" AND status IN :statuses");
    }
    TypedQuery<CaseRecord> query =
        entityManager
            .createQuery(jpql.append(" ORDER BY reportedAt DESC").toString(), CaseRecord.class)
            .setParameter("start", start)
            .setParameter("end", end)
            .setMaxResults(MAX_REQUESTS);
    if (present(serviceCode)) {
      query.setParameter("code", serviceCode);
    }
    if (statuses != null) {
      query.setParameter("statuses", statuses);
    }
    return query.getResultList();
  }

  // Closed after verification, answered and closed on the call, or merged into another request.
  private static final Set<CaseStatus> CLOSED =
      EnumSet.of(CaseStatus.CLOSED, CaseStatus.CLOSED_AT_FIRST_CONTACT, CaseStatus.MERGED);

  private static final DateTimeFormatter DATETIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private static Set<CaseStatus> openStatuses() {
    return EnumSet.complementOf(EnumSet.copyOf(CLOSED));
  }

  private static Instant instant(String field, String value) {
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw Open311Exception.badRequest(
          field + " must be an ISO-8601 date and time with a zone, e.g. 2026-11-23T08:00:00+08:00");
    }
  }

  // A case as Open311 shows it to anyone: no name or phone of the reporter.
  private Map<String, Object> request(CaseRecord c) {
    // The service's name as the catalogue had it when the request was filed.
    String serviceName =
        catalogue.category(c.categoryVersion, c.categoryCode).map(i -> i.name()).orElse(null);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("service_request_id", c.caseNumber);
    r.put("status", CLOSED.contains(c.status) ? "closed" : "open");
    r.put("status_notes", notes(c.status));
    r.put("service_name", serviceName);
    r.put("service_code", c.categoryCode);
    r.put("description", masked(c.description));
    r.put("agency_responsible", c.departmentCode);
    r.put("service_notice", null);
    r.put("requested_datetime", datetime(c.reportedAt));
    r.put(
        "updated_datetime", datetime(c.statusChangedAt != null ? c.statusChangedAt : c.reportedAt));
    // The deadline supervision set for resolving it.
    r.put("expected_datetime", datetime(c.resolveDueAt));
    r.put("address", c.addressText);
    r.put("address_id", c.gridCode);
    r.put("zipcode", null);
    r.put("lat", c.latitude);
    r.put("long", c.longitude);
    r.put("media_url", null);
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

  // Public reads: a phone number typed into the description is not shown.
  private static String masked(String description) {
    return description == null ? null : PHONE_LIKE.matcher(description).replaceAll("***");
  }

  // Form fields by name (the first value of each); an optional field sent empty is as if absent.
  // NUL cannot be stored.
  private static Map<String, String> form(String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    if (!type.strip().startsWith(MediaType.APPLICATION_FORM_URLENCODED)
        || !(type.indexOf("charset=") < 0 || type.replace(" ", "").contains("charset=utf-8"))) {
      throw new Open311Exception(
          415, "the body must be application/x-www-form-urlencoded; charset=utf-8");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    String text = body == null ? "" : new String(body, StandardCharsets.US_ASCII);
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name;
      String value;
      try {
        name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw Open311Exception.badRequest("the body is not well-formed form encoding");
      }
      if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
        throw Open311Exception.badRequest(shown(name) + " contains a NUL character");
      }
      if (!value.isBlank()) {
        fields.putIfAbsent(name, value.strip());
      }
    }
    return fields;
  }

  private static RegisterCase.Position position(String lat, String lon) {
    if (lat == null && lon == null) {
      return null;
    }
    if (lat == null || lon == null) {
      throw Open311Exception.badRequest("lat and long come together");
    }
    try {
      double latitude = Double.parseDouble(lat);
      double longitude = Double.parseDouble(lon);
      if (!(latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)) {
        throw Open311Exception.badRequest("lat or long is out of range");
      }
      return new RegisterCase.Position(latitude, longitude);
    } catch (NumberFormatException e) {
      throw Open311Exception.badRequest("lat and long must be decimal degrees (WGS-84)");
    }
  }

  private static String name(String first, String last) {
    String name =
        String.join(" ", Arrays.stream(new String[] {first, last}).filter(s -> s != null).toList());
    return name.isBlank() ? null : name;
  }

  // The Open311 name of a field of RegisterCase, for error descriptions.
  private static String fieldName(String field) {
    return switch (field) {
      case "categoryCode" -> "service_code";
      case "description" -> "description";
      case "position", "position.latitude" -> "lat";
      case "position.longitude" -> "long";
      case "addressText", "placed" -> "address_string";
      case "assetCode" -> "attribute[" + ASSET_CODE + "]";
      case "reporter.name" -> "first_name/last_name";
      case "reporter.phone" -> "phone";
      default -> field;
    };
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    String s = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    return s.replaceAll("[^\\p{L}\\p{N}_.-]", "?");
  }
}
