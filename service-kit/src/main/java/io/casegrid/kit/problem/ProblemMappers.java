package io.casegrid.kit.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.casegrid.kit.domain.DomainException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every error a service answers with into problem+json (RFC 9457). */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    return e.problem().toResponse();
  }

  // The domain's refusal, said over HTTP: the one place its kinds become status codes.
  @ServerExceptionMapper
  public Response refused(DomainException e) {
    // 422: the request is well-formed, but its content breaks a rule of the domain.
    record Status(int code, String title) {}
    Status status =
        switch (e.refusal()) {
          case NOT_FOUND -> new Status(404, "Not Found");
          case INVALID -> new Status(422, "Unprocessable Content");
          case MALFORMED -> new Status(400, "Bad Request");
          case CONFLICT -> new Status(409, "Conflict");
          case FORBIDDEN -> new Status(403, "Forbidden");
        };
    return new Problem(
            "urn:casegrid:problem:" + e.type(),
            status.title(),
            status.code(),
            e.getMessage(),
            null,
            e.violations().stream()
                .map(v -> new Problem.FieldError(v.field(), v.message()))
                .toList())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    return new Problem(
            "urn:casegrid:problem:validation",
            "Bad Request",
            400,
            "the request has invalid fields",
            null,
            errors)
        .toResponse();
  }

  // Wrong types, unknown enumeration values, missing bodies.
  @ServerExceptionMapper(priority = 1)
  public Response unreadable(MismatchedInputException e) {
    String field = pathOf(e);
    String message = expected(e);
    return new Problem(
            "urn:casegrid:problem:unreadable",
            "Bad Request",
            400,
            field.isEmpty() ? "the request body is missing or not the expected JSON" : message,
            null,
            field.isEmpty() ? List.of() : List.of(new Problem.FieldError(field, message)))
        .toResponse();
  }

  // Malformed JSON, and a key given twice in one object.
  @ServerExceptionMapper(priority = 1)
  public Response malformed(JsonProcessingException e) {
    if (e instanceof MismatchedInputException mismatch) {
      return unreadable(mismatch);
    }
    Optional<String> repeated = repeatedKey(e);
    if (repeated.isPresent()) {
      String message = "is given more than once";
      return new Problem(
              "urn:casegrid:problem:malformed-json",
              "Bad Request",
              400,
              "the request body gives a key more than once",
              null,
              List.of(new Problem.FieldError(repeated.get(), message)))
          .toResponse();
    }
    return new Problem(
            "urn:casegrid:problem:malformed-json",
            "Bad Request",
            400,
            "the request body is not well-formed JSON: " + e.getOriginalMessage(),
            null,
            List.of())
        .toResponse();
  }

  // Someone else changed the same record first (optimistic locking): the client reloads and
  // retries.
  @ServerExceptionMapper
  public Response concurrentChange(OptimisticLockException e) {
    return new Problem(
            "urn:casegrid:problem:concurrent-change",
            "Conflict",
            409,
            "someone else changed it at the same time; reload and try again",
            null,
            List.of())
        .toResponse();
  }

  // No token, or a token that is forged, expired or for another audience.
  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e) {
    return Response.fromResponse(
            new Problem(
                    "urn:casegrid:problem:unauthenticated",
                    "Unauthorized",
                    401,
                    "a valid access token from the city's identity provider is required",
                    null,
                    List.of())
                .toResponse())
        .header("WWW-Authenticate", "Bearer")
        .build();
  }

  // A valid token whose roles do not admit this endpoint.
  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return new Problem(
            "urn:casegrid:problem:forbidden",
            "Forbidden",
            403,
            "your role may not do this",
            null,
            List.of())
        .toResponse();
  }

  // A type of a request body that Jackson cannot read is a bug of ours: answered as any bug, and
  // not with the empty 500 that Quarkus' own mapper for it gives.
  @ServerExceptionMapper
  public Response undefined(InvalidDefinitionException e) {
    return bug(e);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    // Quarkus' JSON reader wraps what it cannot parse (malformed JSON, a repeated key) in a 400.
    if (e.getCause() instanceof JsonProcessingException json
        && e.getResponse().getStatus() == 400) {
      return malformed(json);
    }
    // Already answered as a problem (a rate limit, with its Retry-After): as it is.
    if (e.getResponse().getEntity() instanceof Problem) {
      return e.getResponse();
    }
    Response.StatusType status = e.getResponse().getStatusInfo();
    if (status.getStatusCode() >= 500) {
      LOG.error("server error", e);
    }
    return Problem.of(status, e.getMessage()).toResponse();
  }

  // Anything else is a bug: log it, and tell the client nothing of the internals. A database that
  // cannot serve now is not a bug of the request: 503, to be retried.
  @ServerExceptionMapper
  public Response bug(Exception e) {
    if (DatabaseUnavailable.isCause(e)) {
      LOG.warn("database unavailable: " + e);
      return DatabaseUnavailable.answer();
    }
    LOG.error("unexpected error", e);
    return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "an unexpected error occurred")
        .toResponse();
  }

  // The field as the client wrote it: "register.request.reporter.phone" is "reporter.phone" of the
  // body, and "queue.size" is the query parameter "size".
  private static String fieldOf(ConstraintViolation<?> violation) {
    List<Path.Node> nodes = new ArrayList<>();
    violation.getPropertyPath().forEach(nodes::add);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Path.Node node = nodes.get(i);
      boolean bodyParameter = node.getKind() == ElementKind.PARAMETER && i < nodes.size() - 1;
      if (node.getKind() == ElementKind.METHOD || bodyParameter) {
        continue;
      }
      String name = node.getName() == null ? "" : node.getName();
      if (node.getIndex() != null && !names.isEmpty()) {
        int last = names.size() - 1;
        names.set(last, names.get(last) + "[" + node.getIndex() + "]");
      }
      if (!name.isEmpty() && !name.startsWith("<")) {
        names.add(name);
      }
    }
    return names.isEmpty() ? violation.getPropertyPath().toString() : String.join(".", names);
  }

  // What the field must be, as the client would write it.
  private static String expected(MismatchedInputException e) {
    Class<?> type = e.getTargetType();
    if (e instanceof StrictJson.Refusal) {
      return e.getOriginalMessage();
    }
    if (type == null) {
      return "has the wrong type or format";
    }
    if (type.isEnum()) {
      return "must be one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class) {
      return "must be a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "must be a number";
    }
    return "has the wrong type or format";
  }

  // The key Jackson's duplicate detection found twice, with the path of its object.
  private static Optional<String> repeatedKey(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    String prefix = "Duplicate field '";
    if (message == null || !message.startsWith(prefix) || !message.endsWith("'")) {
      return Optional.empty();
    }
    String key = message.substring(prefix.length(), message.length() - 1);
    // Found within a property, Jackson names the property's path; found at the top, the parser's
    // context still shows where it was.
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return Optional.of(pathOf(mapping) + "." + key);
    }
    List<String> path = new ArrayList<>();
    JsonParser p = e instanceof StreamReadException read ? read.getProcessor() : null;
    for (JsonStreamContext c = p == null ? null : p.getParsingContext().getParent();
        c != null && !c.inRoot();
        c = c.getParent()) {
      path.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]." : c.getCurrentName() + ".");
    }
    return Optional.of(String.join("", path).replace(".[", "[") + key);
  }

  private static String pathOf(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
