package io.casegrid.intake.open311;

import io.casegrid.intake.cases.CaseRecord;
import io.casegrid.intake.cases.CaseRegistration;
import io.casegrid.intake.cases.RegisterCase;
import io.casegrid.intake.reference.CategoryKind;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.ratelimit.RateLimited;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
public class Open311Resource {

  static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
  private static final String FORMAT = "{format: json|xml}";

  private final ReferenceCache reference;
  private final CaseRegistration registration;
  private final Open311Requests requests;
  private final Open311Clients clients;
  private final Validator validator;
  private final SecurityIdentity identity;
  private final String jurisdiction;
  private final String contact;
  private final String keyService;
  private final String serviceNotice;

  Open311Resource(
      ReferenceCache reference,
      CaseRegistration registration,
      Open311Requests requests,
      Open311Clients clients,
      Validator validator,
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
          String keyService,
      @ConfigProperty(
              name = "casegrid.open311.service-notice",
              defaultValue =
                  "Registered: the city's urban management centre passes it to the department in"
                      + " charge; status_notes tells where it stands")
          String serviceNotice) {
    this.reference = reference;
    this.registration = registration;
    this.requests = requests;
    this.clients = clients;
    this.validator = validator;
    this.identity = identity;
    this.jurisdiction = jurisdiction;
    this.contact = contact;
    this.keyService = keyService;
    this.serviceNotice = serviceNotice;
  }

  @GET
  @Path("discovery." + FORMAT)
  @Operation(summary = "Open311 service discovery: the endpoint, its specification and formats")
  public Response discovery(@PathParam("format") String format, @Context UriInfo uri) {
    Open311Format f = admit(format, query(uri));
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
    return respond(Open311Body.single(f, "discovery", discovery));
  }

  @GET
  @Path("services." + FORMAT)
  @Operation(summary = "Open311 services: the category catalogue")
  public Response services(@PathParam("format") String format, @Context UriInfo uri) {
    Open311Format f = admit(format, query(uri));
    List<Map<String, Object>> services = new ArrayList<>();
    for (ReferenceCache.CategoryInfo c : reference.categories()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("service_code", c.code());
      s.put("service_name", c.name());
      s.put("description", c.nameEn());
      s.put("metadata", c.kind() == CategoryKind.COMPONENT);
      s.put("type", "realtime");
      s.put("keywords", c.nameEn());
      s.put("group", c.kind().name().toLowerCase(Locale.ROOT));
      services.add(s);
    }
    return respond(Open311Body.list(f, 200, "services", "service", services));
  }

  @GET
  @Path("services/{service_code}." + FORMAT)
  @Operation(summary = "Open311 service definition: the attributes a request of the service takes")
  public Response definition(
      @PathParam("service_code") String serviceCode,
      @PathParam("format") String format,
      @Context UriInfo uri) {
    Open311Format f = admit(format, query(uri));
    ReferenceCache.CategoryInfo category = service(serviceCode);
    List<Map<String, Object>> attributes = new ArrayList<>();
    if (category.kind() == CategoryKind.COMPONENT) {
      Map<String, Object> asset = new LinkedHashMap<>();
      asset.put("variable", true);
      asset.put("code", Open311Filing.ASSET_CODE);
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
    return respond(Open311Body.single(f, "service_definition", definition));
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
    Open311Parameters fields = form(contentType, body);
    String client =
        clients
            .clientOf(fields.get("api_key"))
            .orElseThrow(
                () -> DomainException.forbidden("api-key", "api_key is missing or invalid"));
    admitJurisdiction(fields);
    String serviceCode = fields.get("service_code");
    if (serviceCode == null) {
      throw Open311Filing.malformed("service_code was not provided");
    }
    RegisterCase request = Open311Filing.read(fields, service(serviceCode), validator);
    // The application that filed it is the actor the case records.
    CaseRecord c = registration.register(request, "open311:" + client, serviceNotice);
    Map<String, Object> created = new LinkedHashMap<>();
    created.put("service_request_id", c.caseNumber());
    created.put("service_notice", c.serviceNotice());
    created.put("account_id", null);
    return respond(Open311Body.list(f, 201, "service_requests", "request", List.of(created)));
  }

  @GET
  @Path("requests." + FORMAT)
  @Operation(
      summary =
          "Open311 GET service requests: by ids, or by service, time span (at most 90 days) and"
              + " status; the last 90 days, newest first, at most 1000")
  public Response requests(@PathParam("format") String format, @Context UriInfo uri) {
    Open311Parameters query = query(uri);
    Open311Format f = admit(format, query);
    return respond(Open311Body.list(f, 200, "service_requests", "request", requests.find(query)));
  }

  @GET
  @Path("requests/{service_request_id}." + FORMAT)
  @Operation(summary = "Open311 GET service request: one request by its id (the case number)")
  public Response request(
      @PathParam("service_request_id") String id,
      @PathParam("format") String format,
      @Context UriInfo uri) {
    Open311Format f = admit(format, query(uri));
    return respond(Open311Body.list(f, 200, "service_requests", "request", requests.one(id)));
  }

  // Whatever else is asked under the endpoint is answered in Open311's error format too, rather
  // than as the problem+json of the rest of the service: 404, or 405 for a known resource asked
  // with another method. Hidden from the OpenAPI document: they are not endpoints.

  @GET
  @Path("{path: .*}")
  @Operation(hidden = true)
  public Response unknownGet(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
    return unknown(path, HttpMethod.GET, uri, headers);
  }

  @POST
  @Path("{path: .*}")
  @Operation(hidden = true)
  public Response unknownPost(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
    return unknown(path, HttpMethod.POST, uri, headers);
  }

  @PUT
  @Path("{path: .*}")
  @Operation(hidden = true)
  public Response unknownPut(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
    return unknown(path, HttpMethod.PUT, uri, headers);
  }

  @DELETE
  @Path("{path: .*}")
  @Operation(hidden = true)
  public Response unknownDelete(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
    return unknown(path, HttpMethod.DELETE, uri, headers);
  }

  @PATCH
  @Path("{path: .*}")
  @Operation(hidden = true)
  public Response unknownPatch(
      @PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
    return unknown(path, HttpMethod.PATCH, uri, headers);
  }

  private static final Pattern READ_ONLY =
      Pattern.compile("(discovery|services|services/[^/]+|requests/[^/]+)\\.(json|xml)");
  private static final Pattern REQUESTS = Pattern.compile("requests\\.(json|xml)");

  private Response unknown(String path, String method, UriInfo uri, HttpHeaders headers) {
    checkCredentials();
    Open311Format format =
        Open311Format.ofRequest(uri.getPath(), headers.getHeaderString(HttpHeaders.ACCEPT));
    if (READ_ONLY.matcher(path).matches() || REQUESTS.matcher(path).matches()) {
      String allowed = REQUESTS.matcher(path).matches() ? "GET, POST" : "GET";
      return Response.fromResponse(
              respond(
                  Open311Body.error(
                      format, 405, method + " is not allowed here; " + allowed + " is")))
          .header(HttpHeaders.ALLOW, allowed)
          .build();
    }
    return respond(
        Open311Body.error(
            format,
            404,
            Open311Parameters.shown(path)
                + " is not a resource of this Open311 GeoReport v2 endpoint: discovery, services,"
                + " services/{service_code}, requests and requests/{service_request_id}, each as"
                + " .xml or .json (service requests get their id at once, so there are no"
                + " tokens)"));
  }

  // Errors of these endpoints in the Open311 format, in the extension the path asked for; the
  // specification knows 400, 403 and 404, so a request the domain finds invalid is a 400.

  @ServerExceptionMapper
  Response refused(DomainException e, ContainerRequestContext context) {
    int status =
        switch (e.refusal()) {
          case NOT_FOUND -> 404;
          case FORBIDDEN -> 403;
          case CONFLICT -> 409;
          case INVALID, MALFORMED -> 400;
        };
    String description =
        e.violations().isEmpty()
            ? e.getMessage()
            : Open311Filing.fieldName(e.violations().get(0).field())
                + " "
                + e.violations().get(0).message();
    return error(context, status, description);
  }

  @ServerExceptionMapper
  Response problem(ProblemException e, ContainerRequestContext context) {
    int status = e.problem().status() == 422 ? 400 : e.problem().status();
    String detail = e.problem().detail();
    if (!e.problem().errors().isEmpty()) {
      var first = e.problem().errors().get(0);
      detail = Open311Filing.fieldName(first.field()) + " " + first.message();
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

  // A NotSupportedException of this resource carries its own description; others say their
  // status.
  @ServerExceptionMapper
  Response web(WebApplicationException e, ContainerRequestContext context) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    String message = e.getMessage();
    return error(
        context,
        status.getStatusCode(),
        message == null || message.startsWith("HTTP ") ? status.getReasonPhrase() : message);
  }

  private static Response error(ContainerRequestContext context, int status, String description) {
    return respond(
        Open311Body.error(
            Open311Format.ofRequest(
                context.getUriInfo().getPath(), context.getHeaderString(HttpHeaders.ACCEPT)),
            status,
            description));
  }

  private static Response respond(Open311Body.Document document) {
    return Response.status(document.status())
        .header(HttpHeaders.CONTENT_TYPE, document.contentType())
        .entity(document.text())
        .build();
  }

  // ---

  private Open311Format admit(String format, Open311Parameters query) {
    checkCredentials();
    admitJurisdiction(query);
    return Open311Format.of(format);
  }

  private static Open311Parameters query(UriInfo uri) {
    return new Open311Parameters(uri.getQueryParameters());
  }

  // Reads need no token; one that is sent is verified all the same, and a bad one refused.
  private void checkCredentials() {
    identity.isAnonymous();
  }

  private void admitJurisdiction(Open311Parameters parameters) {
    String jurisdictionId = parameters.get("jurisdiction_id");
    if (jurisdictionId != null && !jurisdiction.equals(jurisdictionId)) {
      throw Open311Requests.notFound("jurisdiction_id", jurisdictionId);
    }
  }

  private ReferenceCache.CategoryInfo service(String code) {
    return (code != null && Open311Requests.SERVICE_CODE.matcher(code).matches()
            ? reference.category(code)
            : Optional.<ReferenceCache.CategoryInfo>empty())
        .orElseThrow(() -> Open311Requests.notFound("service_code", code));
  }

  // Form fields by name, each with all its values. NUL cannot be stored.
  private static Open311Parameters form(String contentType, byte[] body) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (!type.strip().startsWith(MediaType.APPLICATION_FORM_URLENCODED)
        || !(type.indexOf("charset=") < 0 || type.replace(" ", "").contains("charset=utf-8"))) {
      throw new NotSupportedException(
          "the body must be application/x-www-form-urlencoded; charset=utf-8");
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
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
        throw Open311Filing.malformed("the body is not well-formed form encoding");
      }
      if (name.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
        throw Open311Filing.malformed(Open311Parameters.shown(name) + " contains a NUL character");
      }
      fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return new Open311Parameters(fields);
  }
}
