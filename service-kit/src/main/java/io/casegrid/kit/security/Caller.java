package io.casegrid.kit.security;

import io.casegrid.kit.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Who is calling, from the verified access token: their name, roles and, for department staff,
 * their department. Department staff may read and act only on their own department's cases; the
 * checks here are the one place that rule lives, and every refusal is logged.
 */
@RequestScoped
public class Caller {

  private static final Logger DENIED = Logger.getLogger("io.casegrid.security.denied");

  private final SecurityIdentity identity;
  private final SecurityConfig config;

  Caller(SecurityIdentity identity, SecurityConfig config) {
    this.identity = identity;
    this.config = config;
  }

  /** The user (or machine client) name, as timelines and audit records show it. */
  public String name() {
    String name = claim(config.usernameClaim());
    if (name == null) {
      name = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
    return name;
  }

  /** The person's name as the identity provider knows it, for a console to greet them. */
  public String displayName() {
    String full = claim("name");
    return full == null || full.isBlank() ? name() : full;
  }

  /**
   * The client the token was issued to ({@code azp}): the console for people, the application
   * itself for machine clients; empty without a token.
   */
  public Optional<String> client() {
    return Optional.ofNullable(claim("azp"));
  }

  /** A machine client (an Open311 application or a sensor gateway) rather than a person. */
  public boolean isMachine() {
    return is(Roles.OPEN311_CLIENT) || is(Roles.SENSOR_GATEWAY);
  }

  public boolean isAnonymous() {
    return identity.isAnonymous();
  }

  public boolean is(String role) {
    return identity.hasRole(role);
  }

  /** The department of a member of staff; empty for every other role. */
  public Optional<String> department() {
    return is(Roles.DEPARTMENT_STAFF) || is(Roles.DEPARTMENT_LEAD)
        ? Optional.ofNullable(claim(config.departmentClaim()))
        : Optional.empty();
  }

  /**
   * Department staff are bound to one department; dispatchers and the supervision centre, and the
   * roles that read cases to answer callers, are not. Staff without a department claim are bound to
   * none, so they are refused everywhere.
   */
  public boolean isBoundToDepartment() {
    return (is(Roles.DEPARTMENT_STAFF) || is(Roles.DEPARTMENT_LEAD))
        && !(is(Roles.DISPATCHER) || is(Roles.SUPERVISOR));
  }

  /**
   * Whether the caller may read a case led by {@code leadDepartment} (or co-handled by one of
   * {@code coHandlers}): everyone whom the endpoint admits, except staff of other departments.
   */
  public boolean maySee(String leadDepartment, java.util.Collection<String> coHandlers) {
    if (!isBoundToDepartment()) {
      return true;
    }
    String own = department().orElse(null);
    return own != null && (own.equals(leadDepartment) || coHandlers.contains(own));
  }

  /** The department of a member of staff; refused (403) if their token names none. */
  public String ownDepartment() {
    return department()
        .orElseThrow(
            () ->
                denied(
                    "anything (no department in the token)",
                    new ProblemException(
                        Response.Status.FORBIDDEN,
                        "no-department",
                        "your account belongs to no department")));
  }

  /**
   * Refuses (403) a member of staff acting for a department that is not their own. Callers not
   * bound to a department pass; the endpoint's roles decide what they may do.
   */
  public void requireOwnDepartment(String department) {
    if (isBoundToDepartment() && !department().map(department::equals).orElse(false)) {
      throw denied(
          "department " + department,
          new ProblemException(
              Response.Status.FORBIDDEN,
              "other-department",
              "you may act only for your own department"));
    }
  }

  /**
   * Refuses a member of staff reading a case of another department as if it did not exist (404):
   * even its existence must not leak.
   */
  public ProblemException hiddenCase(Object caseId) {
    return denied("case " + caseId, ProblemException.notFound("case " + caseId));
  }

  private ProblemException denied(String target, ProblemException answer) {
    DENIED.warnf(
        "denied %s (department %s) access to %s", name(), department().orElse("-"), target);
    return answer;
  }

  private String claim(String name) {
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      Object value = jwt.getClaim(name);
      if (value instanceof JsonString text) {
        return text.getString();
      }
      return value == null ? null : value.toString();
    }
    return null;
  }
}
