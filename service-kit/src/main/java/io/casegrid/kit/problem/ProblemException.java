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
    this(status.getStatusCode(), status.getReasonPhrase(), type, detail, errors);
  }

  private ProblemException(
      int status, String title, String type, String detail, List<Problem.FieldError> errors) {
    super(detail);
    this.problem = new Problem("urn:casegrid:problem:" + type, title, status, detail, null, errors);
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(Response.Status.NOT_FOUND, "not-found", what + " does not exist");
  }

  public static ProblemException invalidField(String type, String field, String message) {
    // 422: the request is well-formed, but its content cannot be carried out.
    return new ProblemException(
        422,
        "Unprocessable Content",
        type,
        message,
        List.of(new Problem.FieldError(field, message)));
  }

  public Problem problem() {
    return problem;
  }
}
