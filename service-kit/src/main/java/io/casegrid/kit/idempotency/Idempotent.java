package io.casegrid.kit.idempotency;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The POSTs of a resource so marked honour an {@code Idempotency-Key} header: a request repeated
 * with the same key by the same caller has the effect of the first only, and gets the first's
 * answer again (see {@link IdempotentRequests}). Every resource with a POST carries it; the
 * services' architecture tests check that.
 */
@InterceptorBinding
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {}
