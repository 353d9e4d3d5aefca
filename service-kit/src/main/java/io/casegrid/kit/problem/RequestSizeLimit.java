package io.casegrid.kit.problem;

import io.casegrid.kit.attachment.AttachmentConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an oversize request with 413 problem+json: before its body is read when it declares its
 * length; a chunked body (no declared length) is read here up to the limit, because the HTTP server
 * would cut it off with a bare 413 (no body, no content type) where the REST layer cannot answer.
 * Upload routes ({@link HttpLimits#uploads()}) are the exception: their files may be far larger
 * than memory should hold, so a chunked upload is passed on unread, and the route reads it through
 * {@link #limited}, which counts what it reads.
 */
@ApplicationScoped
public class RequestSizeLimit {

  private final long maxBytes;
  private final long maxPhotoBytes;
  private final List<HttpLimits.Upload> uploads;

  RequestSizeLimit(
      HttpLimits limits,
      AttachmentConfig attachments,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> serverCap) {
    this.maxBytes = limits.maxBodySize().asLongValue();
    this.maxPhotoBytes = attachments.maxBytes();
    this.uploads = List.copyOf(limits.uploads().values());
    for (HttpLimits.Upload upload : uploads) {
      long cap = serverCap.map(MemorySize::asLongValue).orElse(0L);
      if (upload.maxBodySize().asLongValue() >= cap) {
        throw new IllegalStateException(
            "the upload route "
                + upload.path()
                + " takes up to "
                + upload.maxBodySize().asLongValue()
                + " bytes: quarkus.http.limits.max-body-size must be larger");
      }
    }
  }

  /**
   * The body of the upload route {@code path} as a stream that fails with 413 problem+json once it
   * has given more than the route's limit.
   */
  public InputStream limited(InputStream body, String path) {
    long limit =
        uploads.stream()
            .filter(u -> u.path().equals(path))
            .mapToLong(u -> u.maxBodySize().asLongValue())
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no upload route " + path));
    return new FilterInputStream(body) {
      private long read;

      @Override
      public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
      }

      private void count(int n) {
        read += n;
        if (read > limit) {
          throw tooLarge(limit);
        }
      }
    };
  }

  private static ProblemException tooLarge(long limit) {
    return new ProblemException(
        Response.Status.REQUEST_ENTITY_TOO_LARGE,
        "too-large",
        "the request body may not exceed " + limit + " bytes");
  }

  // The upload route this request is a file for, if any.
  private Optional<HttpLimits.Upload> upload(RoutingContext ctx) {
    String type = mediaType(ctx.request());
    String path = ctx.normalizedPath();
    return uploads.stream()
        .filter(u -> u.path().equals(path) && u.contentTypes().contains(type))
        .findFirst();
  }

  // Photos may be larger than any JSON body; the HTTP server's own cap
  // (quarkus.http.limits.max-body-size) must leave room for them.
  private long limitOf(RoutingContext ctx) {
    return upload(ctx)
        .map(u -> u.maxBodySize().asLongValue())
        .orElseGet(() -> mediaType(ctx.request()).startsWith("image/") ? maxPhotoBytes : maxBytes);
  }

  private static String mediaType(HttpServerRequest request) {
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    return type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
  }

  void install(@Observes Router router) {
    router
        .route()
        .order(Integer.MIN_VALUE + 1)
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413 && !ctx.response().ended()) {
                tooLarge(ctx.response(), limitOf(ctx));
              } else {
                ctx.next();
              }
            });
    BodyHandler chunked = BodyHandler.create(false).setBodyLimit(maxBytes);
    BodyHandler chunkedPhoto = BodyHandler.create(false).setBodyLimit(maxPhotoBytes);
    router
        .route()
        .order(Integer.MIN_VALUE + 2)
        .handler(
            ctx -> {
              HttpServerRequest request = ctx.request();
              if (request.getHeader(HttpHeaders.CONTENT_LENGTH) == null
                  && request.headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)
                  && upload(ctx).isEmpty()) {
                // Fails the route with 413 past the limit, which the failure handler answers.
                (limitOf(ctx) == maxBytes ? chunked : chunkedPhoto).handle(ctx);
              } else {
                ctx.next();
              }
            });
    router
        .route()
        // After SecurityHeaders (MIN_VALUE), so that the 413 carries its headers.
        .order(Integer.MIN_VALUE + 1)
        .handler(
            ctx -> {
              String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
              long limit = limitOf(ctx);
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
