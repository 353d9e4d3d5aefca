package io.casegrid.citypackage;

/**
 * The words of the format: the values its enumerations take, as the services name them. A city
 * package may write them in any case ({@code district}, {@code Street}).
 */
public final class Vocabulary {

  private Vocabulary() {}

  /** Levels of the administrative division: 区, 街道, 社区, 网格. */
  public enum AreaLevel {
    DISTRICT,
    STREET,
    COMMUNITY,
    GRID;

    /** The digits of a code of this level by the national code lengths: 6, 9, 12 or 15. */
    public int digits() {
      return 6 + 3 * ordinal();
    }
  }

  /** Utility (权属单位), bureau (职能部门), territorial office (属地). */
  public enum DepartmentKind {
    UTILITY,
    BUREAU,
    TERRITORIAL
  }

  /** Component (部件), event (事件), hotline demand (诉求). */
  public enum CategoryKind {
    COMPONENT,
    EVENT,
    DEMAND
  }

  public enum Urgency {
    NORMAL,
    URGENT,
    EMERGENCY
  }

  /** Natural hours (自然时), working hours (工作时), working days (工作日). */
  public enum DeadlineUnit {
    NATURAL_HOURS,
    WORKING_HOURS,
    WORKING_DAYS
  }

  /** Whose territorial office a rule sends a case to. */
  public enum TerritorialOffice {
    STREET,
    COMMUNITY
  }

  /** The kinds of smart-sensor alarm. */
  public enum AlarmKind {
    TILT,
    OPEN,
    DISPLACEMENT,
    SETTLEMENT,
    MISSING,
    WATER_LEVEL,
    GAS
  }

  /** The steps of the escalation ladder, the lightest first. */
  public enum AccountabilityStep {
    YELLOW_CARD,
    ACCOUNTABILITY_NOTICE,
    LEADERSHIP_REPORT
  }

  /** The period the ladder counts overdue cases in. */
  public enum LadderPeriod {
    WEEK,
    MONTH
  }

  /** The inputs of the composite score, as the metric weights name them. */
  public enum MetricInput {
    CLOSURE,
    ON_TIME_CLOSURE,
    SIGN_ON_TIME,
    NO_REWORK,
    NO_RETURN,
    NO_EXTENSION,
    ACCURATE_DISPATCH,
    NO_REFUSED_RETURN,
    FIRST_CONTACT_RESOLUTION,
    RESPONSE,
    RESOLUTION,
    SATISFACTION;

    /** The name in kebab case, as the weights file writes it: {@code on-time-closure}. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }
}
