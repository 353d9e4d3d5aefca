package io.casegrid.dispatch.reference;

import io.casegrid.kit.problem.ProblemException;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The departments as a tree, for whoever picks one: a dispatcher placing a case, a department
 * naming an asset's owner, an administrator checking what was loaded. Who works in a department is
 * the identity provider's business (its department groups), not listed here.
 */
// Under /api, as the queues are: a root resource at /api/departments would take their paths.
@Path("/api")
@Tag(name = "departments")
@Produces(MediaType.APPLICATION_JSON)
public class DepartmentResource {

  /** A department with the departments below it. */
  public record Node(
      String code,
      String name,
      String nameEn,
      DepartmentKind kind,
      String parentCode,
      List<Node> subDepartments) {}

  /**
   * The departments at the top of the tree (or the one asked for), each with its sub-departments.
   */
  public record Tree(List<Node> departments) {}

  private final DepartmentDirectory directory;

  DepartmentResource(DepartmentDirectory directory) {
    this.directory = directory;
  }

  @GET
  @Path("/departments")
  @Operation(
      summary =
          "The departments as a tree: utilities, bureaus and territorial offices with their"
              + " branches, bureaus and streets; or one department's subtree (under)")
  @RolesAllowed({
    Roles.OPERATOR,
    Roles.INSPECTOR,
    Roles.DISPATCHER,
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD,
    Roles.SUPERVISOR,
    Roles.LEADER,
    Roles.ADMIN
  })
  public Tree tree(@QueryParam("under") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String under) {
    Departments departments = directory.departments();
    if (under == null) {
      return new Tree(departments.top().stream().map(d -> node(departments, d)).toList());
    }
    return new Tree(
        List.of(
            node(
                departments,
                departments
                    .find(under)
                    .orElseThrow(() -> ProblemException.notFound("department " + under)))));
  }

  private static Node node(Departments departments, Departments.Department d) {
    return new Node(
        d.code(),
        d.name(),
        d.nameEn(),
        d.kind(),
        d.parentCode(),
        departments.childrenOf(d.code()).stream().map(c -> node(departments, c)).toList());
  }
}
