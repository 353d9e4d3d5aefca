package io.casegrid.kit.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;

/**
 * A body is read only as what it says it is: one without a {@code Content-Type} is refused with 415
 * problem+json rather than taken for JSON, and so is JSON declared in another character set than
 * UTF-8 (RFC 8259 allows no other, and the reader would decode the bytes as UTF-8 whatever the
 * header says). A request without a body (no length, or a length of 0) needs no type.
 */
@ApplicationScoped
public class RequestContentType {

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE + 3)
        .handler(
            ctx -> {
              Optional<String> refusal = refusalOf(ctx.request());
              if (refusal.isPresent()) {
                ctx.response()
                    .setStatusCode(415)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(
                        "{\"type\":\"urn:casegrid:problem:unsupported-media-type\",\"title\":"
                            + "\"Unsupported Media Type\",\"status\":415,\"detail\":\""
                            + refusal.get()
                            + "\"}");
              } else {
                ctx.next();
              }
            });
  }

  static Optional<String> refusalOf(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || type.isBlank()) {
      return hasBody(request)
          ? Optional.of("a request body needs a Content-Type (application/json)")
          : Optional.empty();
    }
    String[] parts = type.toLowerCase(Locale.ROOT).split(";");
    String media = parts[0].strip();
    if (!media.equals("application/json") && !media.endsWith("+json")) {
      return Optional.empty();
    }
    for (int i = 1; i < parts.length; i++) {
      String[] parameter = parts[i].split("=", 2);
      if (parameter[0].strip().equals("charset")
          && (parameter.length < 2 || !isUtf8(parameter[1].strip().replace("\"", "")))) {
        return Optional.of("JSON is read in UTF-8 only (charset=utf-8, or no charset)");
      }
    }
    return Optional.empty();
  }

  private static boolean isUtf8(String charset) {
    return charset.equals("utf-8") || charset.equals("utf8");
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      return !length.strip().equals("0");
    }
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
  }
}
