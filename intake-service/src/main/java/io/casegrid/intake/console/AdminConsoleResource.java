package io.casegrid.intake.console;

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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The city administrator's console (系统管理台): loads a city package after reading its report and diff,
 * browses what the three services have loaded (the area map with its assets, the department tree,
 * the routing rules with a preview, the calendar by month, the policies and the ladder), and
 * changes one routing rule or calendar day through the same check. The page only draws; it reads
 * and changes the city through intake's administration API ({@code /api/admin/city-packages},
 * {@code /api/admin/city}), which passes the administrator's token on to the other services.
 */
@Path(Console.PATH + "/admin")
public class AdminConsoleResource {

  /** The console's texts: console/texts/admin.*.properties. */
  private static final String TEXTS = "admin";

  private final Console console;
  private final Caller caller;
  private final Template page;

  AdminConsoleResource(Console console, Caller caller, @Location("console/admin") Template page) {
    this.console = console;
    this.caller = caller;
    this.page = page;
  }

  // An HTML page, not part of the API: hidden from the OpenAPI document (see docs/SECURITY.md).
  @GET
  @Produces(MediaType.TEXT_HTML)
  @Authenticated
  @Operation(hidden = true)
  public Response adminConsole() {
    if (!caller.is(Roles.ADMIN)) {
      return console.forbidden(TEXTS);
    }
    return console.page(
        page.data(
            "dayKinds",
            console.choices(
                TEXTS, "dayKind", List.of(io.casegrid.citypackage.Edits.DayKind.values()))),
        TEXTS);
  }
}
