package io.casegrid.kit.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an oversize request with 413 problem+json: before its body is read when it declares its
 * length; a chunked body (no declared length) is read here up to the limit, because the HTTP server
 * would cut it off with a bare 413 (no body, no content type) where the REST layer cannot answer.
 */
@ApplicationScoped
public class RequestSizeLimit {

  private final long maxBytes;

  RequestSizeLimit(
      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
          MemorySize maxBodySize) {
    this.maxBytes = maxBodySize.asLongValue();
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                tooLarge(ctx.response());
              } else {
                ctx.next();
              }
            });
    BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
    router
        .route()
        .order(Integer.MIN_VALUE + 1)
        .handler(
            ctx -> {
              HttpServerRequest request = ctx.request();
              if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                  && request.headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)) {
                // Fails the route with 413 past the limit, which the failure handler answers.
                chunked.handle(ctx);
              } else {
                ctx.next();
              }
            });
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              if (length != null && declaredLength(length) > maxBytes) {
                tooLarge(ctx.response());
              } else {
                ctx.next();
              }
            });
  }

  private void tooLarge(HttpServerResponse response) {
    response
        .setStatusCode(413)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .end(
            "{\"type\":\"urn:casegrid:problem:too-large\",\"title\":\"Content Too"
                + " Large\",\"status\":413,\"detail\":\"the request body may not exceed "
                + maxBytes
                + " bytes\"}");
  }

  private static long declaredLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
