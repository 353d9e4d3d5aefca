package io.casegrid.supervision.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.casegrid.supervision.accountability.Accountability;
import io.casegrid.supervision.accountability.AccountabilityStep;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/**
 * Supervision's reference data as an administrator loads it: the working calendar (working hours,
 * weekend, each year's holidays and make-up working days, 调休), the deadline policies, how long a
 * department has to answer a supervision order (督办单), the escalation ladder, and for the map and
 * the bulletins the areas and grids with their outlines and the names of departments and categories
 * (the same records intake and dispatch load; fields supervision does not use are ignored). Areas
 * and names are upserted by code.
 */
public record SupervisionReferenceData(
    @Valid Calendar calendar,
    @Valid @Size(max = 10_000) List<@NotNull DeadlinePolicy> deadlinePolicies,
    @Valid Limit supervisionOrderResponse,
    @Valid Escalation escalationLadder,
    @Valid @Size(max = 100_000) List<@NotNull Area> areas,
    @Valid @Size(max = 10_000) List<@NotNull Name> departments,
    @Valid @Size(max = 10_000) List<@NotNull Name> categories) {

  public SupervisionReferenceData {
    deadlinePolicies = deadlinePolicies == null ? List.of() : deadlinePolicies;
    areas = areas == null ? List.of() : areas;
    departments = departments == null ? List.of() : departments;
    categories = categories == null ? List.of() : categories;
  }

  /**
   * Levels of the administrative division: district (区), street (街道), community (社区), grid (网格).
   */
  public enum AreaLevel {
    DISTRICT,
    STREET,
    COMMUNITY,
    GRID
  }

  /**
   * A district, street, community or grid (code of 6, 9, 12 or 15 digits) with its GeoJSON Polygon
   * or MultiPolygon.
   */
  public record Area(
      @NotBlank @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}|\\d{15}") String code,
      @NotNull AreaLevel level,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 200) String nameEn,
      @Pattern(regexp = "\\d{6}|\\d{9}|\\d{12}") String parentCode,
      @NotNull JsonNode geometry) {}

  /** A department's or category's name, in Chinese and in English. */
  public record Name(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,64}") String code,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 200) String nameEn) {}

  /**
   * The calendar. Working periods and weekend, when given, replace the current ones; holidays and
   * make-up days are added to (or renamed in) the calendar, so next year's list can be loaded
   * alone.
   */
  public record Calendar(
      @Valid @Size(max = 8) List<@NotNull Period> workingPeriods,
      Set<@NotNull DayOfWeek> weekend,
      @Valid @Size(max = 2000) List<@NotNull Day> holidays,
      @Valid @Size(max = 2000) List<@NotNull Day> makeUpWorkdays) {

    public Calendar {
      workingPeriods = workingPeriods == null ? List.of() : workingPeriods;
      holidays = holidays == null ? List.of() : holidays;
      makeUpWorkdays = makeUpWorkdays == null ? List.of() : makeUpWorkdays;
    }
  }

  /**
   * The escalation ladder (问责阶梯): the period it counts overdue cases in, and its rungs. When given,
   * it replaces the current ladder.
   */
  public record Escalation(
      @NotNull Accountability.Period period, @Valid @Size(max = 10) List<@NotNull Rung> rungs) {}

  /** From this many overdue cases in the period on, this step is taken. */
  public record Rung(@Min(1) int overdueCases, @NotNull AccountabilityStep step) {}

  /** A part of a working day, e.g. 08:30 to 12:00. */
  public record Period(@NotNull LocalTime start, @NotNull LocalTime end) {}

  /** A named day of the calendar. */
  public record Day(@NotNull LocalDate date, @NotBlank @Size(max = 100) String name) {}
}
