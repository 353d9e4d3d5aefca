package io.casegrid.kit.problem;

import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * A request the service understood but will not carry out, answered as problem+json. The {@code
 * type} names the kind of problem so that clients can act on it without parsing text.
 */
public class ProblemException extends RuntimeException {

  private final Problem problem;

  public ProblemException(Response.Status status, String type, String detail) {
    this(status, type, detail, List.of());
  }

  public ProblemException(
      Response.Status status, String type, String detail, List<Problem.FieldError> errors) {
    super(detail);
    this.problem =
        new Problem(
            "urn:casegrid:problem:" + type,
            status.getReasonPhrase(),
            status.getStatusCode(),
            detail,
            null,
            errors);
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(Response.Status.NOT_FOUND, "not-found", what + " does not exist");
  }

  public static ProblemException invalidField(String type, String field, String message) {
    return new ProblemException(
        Response.Status.fromStatusCode(422),
        type,
        message,
        List.of(new Problem.FieldError(field, message)));
  }

  public Problem problem() {
    return problem;
  }
}
