package io.casegrid.kit.ratelimit;

import io.casegrid.kit.problem.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;

/** A client over a rate limit: 429 problem+json with {@code Retry-After} in whole seconds. */
public final class TooManyRequests extends WebApplicationException {

  public TooManyRequests(Duration wait) {
    super(answer(wait));
  }

  static Response answer(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return Response.fromResponse(
            new Problem(
                    "urn:casegrid:problem:rate-limited",
                    "Too Many Requests",
                    429,
                    "too many requests from this client; try again in " + seconds + " s",
                    null,
                    List.of())
                .toResponse())
        .header("Retry-After", seconds)
        .build();
  }
}
