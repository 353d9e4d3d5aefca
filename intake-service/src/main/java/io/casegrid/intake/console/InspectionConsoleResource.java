package io.casegrid.intake.console;

import io.casegrid.intake.reference.CategoryKind;
import io.casegrid.intake.reference.ReferenceCache;
import io.casegrid.kit.console.Console;
import io.casegrid.kit.security.Caller;
import io.casegrid.kit.security.Roles;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The inspectors' campaign page (专项排查), made for a phone: an inspector or an owner's member of
 * staff chooses a campaign, sees their items the nearest first, and records each one (OK, or a
 * defect of one of the campaign's kinds with a photo), a cover the register lacks, or the owner the
 * register has wrong. The page only draws; it works through the campaigns' API ({@code
 * /api/campaigns}), which decides whose items each person sees and records.
 */
@Path(Console.PATH + "/campaigns")
public class InspectionConsoleResource {

  /** The page's texts: console/texts/campaigns.*.properties. */
  private static final String TEXTS = "campaigns";

  private final Console console;
  private final Caller caller;
  private final CityMap map;
  private final ReferenceCache reference;
  private final EntityManager entityManager;
  private final Template page;

  InspectionConsoleResource(
      Console console,
      Caller caller,
      CityMap map,
      ReferenceCache reference,
      EntityManager entityManager,
      @Location("console/campaigns") Template page) {
    this.console = console;
    this.caller = caller;
    this.map = map;
    this.reference = reference;
    this.entityManager = entityManager;
    this.page = page;
  }

  // An HTML page, not part of the API: hidden from the OpenAPI document (see docs/SECURITY.md).
  @GET
  @Produces(MediaType.TEXT_HTML)
  @Authenticated
  @Transactional
  @Operation(hidden = true)
  public Response inspectionConsole() {
    if (!caller.is(Roles.INSPECTOR)
        && !caller.is(Roles.DEPARTMENT_STAFF)
        && !caller.is(Roles.DEPARTMENT_LEAD)) {
      return console.forbidden(TEXTS);
    }
    String language = console.language();
    boolean english = "en".equals(language);
    // The names the page shows for the codes the API answers; which of them a campaign offers
    // (its asset kinds, its defect kinds) the page reads from the campaign.
    List<Console.Choice> categories =
        reference.categories().stream()
            .filter(c -> c.kind() == CategoryKind.COMPONENT)
            .map(
                c ->
                    new Console.Choice(
                        c.code(), english && c.nameEn() != null ? c.nameEn() : c.name()))
            .toList();
    return console.page(
        page.data("categories", categories)
            .data("departments", departments(english))
            .data("districts", map.drawing().districts()),
        TEXTS);
  }

  @SuppressWarnings("unchecked")
  private List<Console.Choice> departments(boolean english) {
    return ((List<Object[]>)
            entityManager
                .createNativeQuery("SELECT code, name, name_en FROM department ORDER BY code")
                .getResultList())
        .stream()
            .map(
                r ->
                    new Console.Choice(
                        (String) r[0], (String) (english && r[2] != null ? r[2] : r[1])))
            .toList();
  }
}
