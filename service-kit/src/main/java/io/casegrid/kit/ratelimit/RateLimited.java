package io.casegrid.kit.ratelimit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often one client may call the annotated endpoint (or every endpoint of the annotated
 * class): a token bucket per client and group, configured under {@code casegrid.rate-limit}. Over
 * the limit the answer is 429 problem+json with {@code Retry-After}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {

  /**
   * The group whose limits apply ({@code casegrid.rate-limit.groups.<group>.*}, else the defaults).
   * Endpoints of one group share a client's bucket.
   */
  String value() default "default";
}
