package io.casegrid.dispatch.console;

import io.casegrid.dispatch.cases.CaseState;
import io.casegrid.events.RequestKind;
import io.casegrid.events.Urgency;
import io.casegrid.kit.console.Console;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The consoles dispatch serves: the department workbench (部门工作台), the dispatcher's console (派遣员工作台)
 * and the verification view (核查). The pages only draw; everything they do goes through dispatch's
 * API with the same checks as for any other client. The pages are HTML for people and hidden from
 * the OpenAPI document (see docs/SECURITY.md).
 */
@Path(Console.PATH)
@Produces(MediaType.TEXT_HTML)
@Authenticated
public class DispatchConsoleResource {

  /** The consoles' texts: console/texts/dispatch.*.properties. */
  private static final String TEXTS = "dispatch";

  /** Each console's path below /console, in the order a person with several roles gets them. */
  private static final Map<String, List<String>> CONSOLES_BY_ROLE =
      Map.of(
          "workbench", List.of(Roles.DEPARTMENT_STAFF, Roles.DEPARTMENT_LEAD),
          "dispatcher", List.of(Roles.DISPATCHER),
          "verification", List.of(Roles.INSPECTOR, Roles.OPERATOR));

  private static final List<String> ORDER = List.of("workbench", "dispatcher", "verification");

  private final Console console;
  private final Caller caller;
  private final WorkbenchConfig config;
  private final Template workbench;
  private final Template dispatcher;
  private final Template verification;

  DispatchConsoleResource(
      Console console,
      Caller caller,
      WorkbenchConfig config,
      @Location("console/workbench") Template workbench,
      @Location("console/dispatcher") Template dispatcher,
      @Location("console/verification") Template verification) {
    this.console = console;
    this.caller = caller;
    this.config = config;
    this.workbench = workbench;
    this.dispatcher = dispatcher;
    this.verification = verification;
  }

  /** The console of the person's role: where the login comes back to. */
  @GET
  @Operation(hidden = true)
  public Response home() {
    return ORDER.stream()
        .filter(this::mayOpen)
        .findFirst()
        .map(name -> Response.seeOther(URI.create(Console.PATH + "/" + name)).build())
        .orElseGet(() -> console.forbidden(TEXTS));
  }

  @GET
  @Path("/workbench")
  @Operation(hidden = true)
  public Response workbench() {
    Optional<String> department = caller.department();
    if (!mayOpen("workbench") || department.isEmpty()) {
      return console.forbidden(TEXTS);
    }
    return console.page(
        workbench
            .data("department", department.get())
            .data("warningShare", config.warningShare())
            .data("states", console.choices(TEXTS, "state", List.of(CaseState.values())))
            .data("urgencies", console.choices(TEXTS, "urgency", List.of(Urgency.values())))
            .data("returnReasons", console.choices(TEXTS, "returnReason", config.returnReasons()))
            .data(
                "requestKinds",
                console.choices(TEXTS, "requestKind", List.of(RequestKind.values()))),
        TEXTS);
  }

  @GET
  @Path("/dispatcher")
  @Operation(hidden = true)
  public Response dispatcher() {
    if (!mayOpen("dispatcher")) {
      return console.forbidden(TEXTS);
    }
    return console.page(dispatcher.instance(), TEXTS);
  }

  @GET
  @Path("/verification")
  @Operation(hidden = true)
  public Response verification() {
    if (!mayOpen("verification")) {
      return console.forbidden(TEXTS);
    }
    // The hotline verifies citizens' cases, the grid's inspectors the others (see the API).
    return console.page(
        verification.data("verifier", caller.is(Roles.INSPECTOR) ? "GRID_INSPECTOR" : "HOTLINE"),
        TEXTS);
  }

  private boolean mayOpen(String name) {
    return CONSOLES_BY_ROLE.get(name).stream().anyMatch(caller::is);
  }
}
