package io.casegrid.kit.problem;

import io.casegrid.kit.attachment.AttachmentConfig;
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
  private final long maxPhotoBytes;

  RequestSizeLimit(
      @ConfigProperty(name = "casegrid.http.max-body-size", defaultValue = "1M")
          MemorySize maxBodySize,
      AttachmentConfig attachments) {
    this.maxBytes = maxBodySize.asLongValue();
    this.maxPhotoBytes = attachments.maxBytes();
  }

  // Photos may be larger than any JSON body; the HTTP server's own cap
  // (quarkus.http.limits.max-body-size) must leave room for them.
  private long limitOf(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return type != null && type.strip().toLowerCase(java.util.Locale.ROOT).startsWith("image/")
        ? maxPhotoBytes
        : maxBytes;
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE)
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                tooLarge(ctx.response(), limitOf(ctx.request()));
              } else {
                ctx.next();
              }
            });
    BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
    BodyHandler chunkedPhoto = BodyHandler.create(false).setBodyLimit(maxPhotoBytes);
    router
        .route()
        .order(Integer.MIN_VALUE + 1)
        .handler(
            ctx -> {
              HttpServerRequest request = ctx.request();
              if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                  && request.headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)) {
                // Fails the route with 413 past the limit, which the failure handler answers.
                (limitOf(request) == maxBytes ? chunked : chunkedPhoto).handle(ctx);
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
              long limit = limitOf(ctx.request());
              if (length != null && declaredLength(length) > limit) {
                tooLarge(ctx.response(), limit);
              } else {
                ctx.next();
              }
            });
  }

  private static void tooLarge(HttpServerResponse response, long maxBytes) {
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
