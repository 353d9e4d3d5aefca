package io.casegrid.kit.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code errors} lists what is wrong with each field of a rejected
 * request, so a client can show it next to the field.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<FieldError> errors) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType PROBLEM_JSON = MediaType.valueOf(MEDIA_TYPE);

  /** One rejected field: its path in the request (e.g. {@code reporter.phone}) and why. */
  public record FieldError(String field, String message) {}

  public static Problem of(Response.StatusType status, String detail) {
    return new Problem(
        "about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, List.of());
  }

  public Response toResponse() {
    return Response.status(status).type(PROBLEM_JSON).entity(this).build();
  }
}
