package io.casegrid.supervision.bulletin;

import io.casegrid.kit.bulletin.Csv;
import io.casegrid.kit.bulletin.Document;
import io.casegrid.kit.config.CityConfig;
import io.casegrid.kit.security.Roles;
import io.casegrid.supervision.metrics.ReportingPeriod;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The weekly summary and the monthly bulletin as documents: a printable HTML page or CSV for a
 * spreadsheet, chosen by the {@code Accept} header (or {@code format}, for a plain link), in
 * Chinese or, with {@code lang=en}, English. They compare every department, so department staff may
 * not read them.
 */
@Path("/api/bulletins")
@Tag(name = "metrics")
public class BulletinResource {

  static final String CSV = "text/csv";

  private final Bulletins bulletins;
  private final Template bulletin;
  private final ZoneId zone;

  BulletinResource(Bulletins bulletins, @Location("bulletin") Template bulletin, CityConfig city) {
    this.bulletins = bulletins;
    this.bulletin = bulletin;
    this.zone = city.zone();
  }

  @GET
  @Path("/weekly")
  @Produces({MediaType.TEXT_HTML, CSV})
  @Operation(
      summary =
          "The weekly supervision summary (每周督导汇总) of an ISO week (this one by default), as"
              + " HTML or CSV")
  @RolesAllowed({Roles.SUPERVISOR, Roles.LEADER, Roles.ADMIN})
  public Response weekly(
      @QueryParam("week") @Pattern(regexp = ReportingPeriod.WEEK) String week,
      @QueryParam("lang") @Pattern(regexp = "zh|en") String lang,
      @QueryParam("format") @Pattern(regexp = "html|csv") String format,
      @Context HttpHeaders headers) {
    Instant now = Instant.now();
    String name = week != null ? week : isoWeek(LocalDate.ofInstant(now, zone));
    return answer(
        Bulletins.Kind.WEEKLY,
        "week",
        name,
        ReportingPeriod.week(name),
        lang,
        format,
        headers,
        now);
  }

  @GET
  @Path("/monthly")
  @Produces({MediaType.TEXT_HTML, CSV})
  @Operation(
      summary =
          "The monthly analysis bulletin (每月分析通报) of a month (this one by default), as HTML or"
              + " CSV")
  @RolesAllowed({Roles.SUPERVISOR, Roles.LEADER, Roles.ADMIN})
  public Response monthly(
      @QueryParam("month") @Pattern(regexp = ReportingPeriod.MONTH) String month,
      @QueryParam("lang") @Pattern(regexp = "zh|en") String lang,
      @QueryParam("format") @Pattern(regexp = "html|csv") String format,
      @Context HttpHeaders headers) {
    Instant now = Instant.now();
    YearMonth m =
        month != null
            ? ReportingPeriod.month(month)
            : YearMonth.from(LocalDate.ofInstant(now, zone));
    return answer(
        Bulletins.Kind.MONTHLY,
        "month",
        m.toString(),
        ReportingPeriod.month(m),
        lang,
        format,
        headers,
        now);
  }

  private Response answer(
      Bulletins.Kind kind,
      String parameter,
      String name,
      ReportingPeriod days,
      String lang,
      String format,
      HttpHeaders headers,
      Instant now) {
    Language language = "en".equals(lang) ? Language.EN : Language.ZH;
    boolean csv = format != null ? format.equals("csv") : prefersCsv(headers);
    // The same bulletin in the other language, in the same format as asked for.
    String other =
        "?"
            + parameter
            + "="
            + name
            + "&lang="
            + (language == Language.EN ? "zh" : "en")
            + (format != null ? "&format=" + format : "");
    Document document = bulletins.of(kind, name, days, language, other, now);
    String file = "casegrid-" + kind.name().toLowerCase(Locale.ROOT) + "-" + name;
    if (csv) {
      return Response.ok(Csv.of(document))
          .type(CSV + "; charset=UTF-8")
          .header("Content-Disposition", "attachment; filename=\"" + file + ".csv\"")
          .header("X-Content-Type-Options", "nosniff")
          .build();
    }
    return Response.ok(bulletin.data("doc", document).render().getBytes(StandardCharsets.UTF_8))
        .type(MediaType.TEXT_HTML + "; charset=UTF-8")
        .header("Content-Disposition", "inline; filename=\"" + file + ".html\"")
        .header("X-Content-Type-Options", "nosniff")
        // Nothing runs and nothing loads: the page is text and its own style.
        .header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
        .build();
  }

  // HTML unless the client prefers CSV: the first acceptable type (by quality) that names one.
  private static boolean prefersCsv(HttpHeaders headers) {
    for (MediaType accepted : headers.getAcceptableMediaTypes()) {
      if (accepted.isCompatible(MediaType.TEXT_HTML_TYPE)) {
        return false;
      }
      if (accepted.isCompatible(MediaType.valueOf(CSV))) {
        return true;
      }
    }
    return false;
  }

  private static String isoWeek(LocalDate day) {
    return String.format(
        Locale.ROOT,
        "%d-W%02d",
        day.get(IsoFields.WEEK_BASED_YEAR),
        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }
}
