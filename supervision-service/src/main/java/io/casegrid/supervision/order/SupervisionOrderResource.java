package io.casegrid.supervision.order;

import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The supervision centre's list of orders, unanswered first by when they are due. */
@Path("/api/supervision-orders")
@Tag(name = "supervision orders")
@Produces(MediaType.APPLICATION_JSON)
public class SupervisionOrderResource {

  private final SupervisionOrderQueries orders;
  private final Caller caller;

  SupervisionOrderResource(SupervisionOrderQueries orders, Caller caller) {
    this.orders = orders;
    this.caller = caller;
  }

  @GET
  @Operation(
      summary =
          "Supervision orders, open ones unless answered=true, by response deadline; department"
              + " staff see their own department's only")
  @RolesAllowed({
    Roles.SUPERVISOR,
    Roles.LEADER,
    Roles.DISPATCHER,
    Roles.DEPARTMENT_STAFF,
    Roles.DEPARTMENT_LEAD
  })
  public List<SupervisionOrderQueries.OrderView> list(
      // Not a boolean parameter: JAX-RS would read anything but "true" as false.
      @QueryParam("answered") @DefaultValue("false") @Pattern(regexp = "true|false")
          String answered,
      @QueryParam("department") @Pattern(regexp = "[A-Z0-9_-]{2,64}") String department,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
    if (caller.isBoundToDepartment()) {
      if (department != null) {
        caller.requireOwnDepartment(department);
      }
      department = caller.ownDepartment();
    }
    return orders.list(Boolean.parseBoolean(answered), department, size);
  }
}
