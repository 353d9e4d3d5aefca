package io.casegrid.kit.domain;

import java.util.List;

/**
 * A command the domain refuses, said in the domain's words. Domain code, consumers and timers throw
 * it; only the edge (the kit's {@code ProblemMappers}) turns it into problem+json, so no domain
 * class needs JAX-RS. {@code type} names the kind of refusal so that clients can act on it without
 * parsing text; {@code violations} names each offending field.
 */
public class DomainException extends RuntimeException {

  /** Why the domain refuses; the edge chooses the HTTP status from it. */
  public enum Refusal {
    /** The thing named does not exist (or the caller may not know it does). */
    NOT_FOUND,
    /** The input is well-formed but breaks a rule of the domain. */
    INVALID,
    /** The input cannot be read at all (a malformed id, a missing parameter). */
    MALFORMED,
    /** The thing is not in a state that allows this, or someone changed it first. */
    CONFLICT,
    /** The caller may not do this to this thing. */
    FORBIDDEN
  }

  /** One offending field: its path in the request (e.g. {@code reporter.phone}) and why. */
  public record Violation(String field, String message) {}

  private final Refusal refusal;
  private final String type;
  private final List<Violation> violations;

  public DomainException(Refusal refusal, String type, String detail) {
    this(refusal, type, detail, List.of());
  }

  public DomainException(Refusal refusal, String type, String detail, List<Violation> violations) {
    super(detail);
    this.refusal = refusal;
    this.type = type;
    this.violations = List.copyOf(violations);
  }

  public static DomainException notFound(String what) {
    return new DomainException(Refusal.NOT_FOUND, "not-found", what + " does not exist");
  }

  public static DomainException invalidField(String type, String field, String message) {
    return new DomainException(
        Refusal.INVALID, type, message, List.of(new Violation(field, message)));
  }

  public static DomainException conflict(String type, String detail) {
    return new DomainException(Refusal.CONFLICT, type, detail);
  }

  public static DomainException forbidden(String type, String detail) {
    return new DomainException(Refusal.FORBIDDEN, type, detail);
  }

  public Refusal refusal() {
    return refusal;
  }

  public String type() {
    return type;
  }

  public List<Violation> violations() {
    return violations;
  }
}
