package io.casegrid.intake.console;

import io.casegrid.events.CaseKind;
import io.casegrid.events.Satisfaction;
import io.casegrid.events.Urgency;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.console.Console;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The hotline operator's console (话务员受理台): an intake form for the call in progress, the city's grid
 * map to point at the place, and a look-up of earlier cases by number or caller phone with their
 * callbacks. The page only draws; everything it does goes through the same API as any other client,
 * with the same checks.
 */
@Path(Console.PATH)
public class OperatorConsoleResource {

  /** The kinds a caller's case is of; defects come from inspectors and sensors. */
  private static final List<CaseKind> CALLER_KINDS =
      List.copyOf(EnumSet.complementOf(EnumSet.of(CaseKind.DEFECT)));

  /** The console's texts: console/texts/intake.*.properties. */
  private static final String TEXTS = "intake";

  /** A category as the form offers it: code and name to search, and its default urgency. */
  @TemplateData
  public record CategoryChoice(String code, String label, Urgency defaultUrgency) {}

  private final Console console;
  private final Caller caller;
  private final CityMap map;
  private final ReferenceCache reference;
  private final Template page;

  OperatorConsoleResource(
      Console console,
      Caller caller,
      CityMap map,
      ReferenceCache reference,
      @Location("console/operator") Template page) {
    this.console = console;
    this.caller = caller;
    this.map = map;
    this.reference = reference;
    this.page = page;
  }

  // An HTML page, not part of the API: hidden from the OpenAPI document (see docs/SECURITY.md).
  @GET
  @Produces(MediaType.TEXT_HTML)
  @Authenticated
  @Operation(hidden = true)
  public Response operatorConsole() {
    if (!caller.is(Roles.OPERATOR)) {
      return console.forbidden(TEXTS);
    }
    boolean english = "en".equals(console.language());
    List<CategoryChoice> categories =
        reference.categories().stream()
            .map(
                c ->
                    new CategoryChoice(
                        c.code(),
                        c.code() + " " + (english && c.nameEn() != null ? c.nameEn() : c.name()),
                        c.defaultUrgency()))
            .toList();
    return console.page(
        page.data("map", map.drawing())
            .data("categories", categories)
            .data("kinds", console.choices(TEXTS, "kind", CALLER_KINDS))
            .data("urgencies", console.choices(TEXTS, "urgency", List.of(Urgency.values())))
            .data(
                "satisfactions",
                console.choices(TEXTS, "satisfaction", List.of(Satisfaction.values()))),
        TEXTS);
  }
}
