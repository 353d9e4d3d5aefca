package io.casegrid.kit.ratelimit;

import io.casegrid.kit.security.Caller;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Applies {@link RateLimited}: the key is the machine client ({@code azp}) or the person (their
 * user name) the token names, and the remote address for requests without a token.
 */
public class RateLimitFilter {

  private final RateLimiter limiter;
  private final Caller caller;
  private final Map<String, Optional<RateLimited>> annotations = new ConcurrentHashMap<>();

  RateLimitFilter(RateLimiter limiter, Caller caller) {
    this.limiter = limiter;
    this.caller = caller;
  }

  @ServerRequestFilter
  public Optional<Response> limit(SimpleResourceInfo resource, HttpServerRequest request) {
    RateLimited limited = annotationOf(resource);
    if (limited == null) {
      return Optional.empty();
    }
    String key;
    String client;
    if (caller.isAnonymous()) {
      SocketAddress remote = request.remoteAddress();
      key = "address:" + (remote == null ? "unknown" : remote.hostAddress());
      client = "anonymous";
    } else {
      client = caller.client().orElse("unknown");
      key = caller.isMachine() ? "client:" + client : "user:" + caller.name();
    }
    return limiter.acquire(limited.value(), key, client).map(RateLimitFilter::tooMany);
  }

  // Looked up once per endpoint.
  private RateLimited annotationOf(SimpleResourceInfo resource) {
    Class<?> type = resource.getResourceClass();
    if (type == null) {
      return null;
    }
    String endpoint =
        type.getName()
            + "#"
            + resource.getMethodName()
            + Arrays.toString(resource.parameterTypes());
    return annotations.computeIfAbsent(endpoint, e -> lookUp(type, resource)).orElse(null);
  }

  private static Optional<RateLimited> lookUp(Class<?> type, SimpleResourceInfo resource) {
    try {
      Method method = type.getMethod(resource.getMethodName(), resource.parameterTypes());
      RateLimited onMethod = method.getAnnotation(RateLimited.class);
      return Optional.ofNullable(
          onMethod != null ? onMethod : type.getAnnotation(RateLimited.class));
    } catch (NoSuchMethodException e) {
      return Optional.ofNullable(type.getAnnotation(RateLimited.class));
    }
  }

  private static Response tooMany(Duration wait) {
    return TooManyRequests.answer(wait);
  }
}
