package io.casegrid.intake.cases;

import io.casegrid.events.Channel;
import io.casegrid.kit.domain.DomainException;
import io.casegrid.kit.security.Roles;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The channel a case comes in by (来源渠道) is the caller's, never a claim of the body: the statistics
 * and the rankings count cases by channel, and a sensor's or an Open311 application's case is
 * trusted as theirs.
 *
 * <ul>
 *   <li>a hotline operator takes calls, web and app messages, what the centre's video patrol
 *       flagged and referrals from a higher level: {@code HOTLINE}, {@code WEB}, {@code APP},
 *       {@code VIDEO}, {@code HIGHER_LEVEL_REFERRAL};
 *   <li>a grid inspector reports from the field: {@code GRID_INSPECTOR};
 *   <li>{@code SENSOR} and {@code OPEN311} are set by their own entrances (the sensor alarms, and
 *       Open311 with the application's api_key), never by a person.
 * </ul>
 *
 * Someone with both roles may use the channels of both.
 */
public final class CallerChannels {

  private static final Map<String, Set<Channel>> BY_ROLE =
      Map.of(
          Roles.OPERATOR,
          EnumSet.of(
              Channel.HOTLINE,
              Channel.WEB,
              Channel.APP,
              Channel.VIDEO,
              Channel.HIGHER_LEVEL_REFERRAL),
          Roles.INSPECTOR,
          EnumSet.of(Channel.GRID_INSPECTOR));

  private CallerChannels() {}

  /** The channels a caller with the roles {@code hasRole} admits may file on. */
  public static Set<Channel> of(Predicate<String> hasRole) {
    Set<Channel> channels = EnumSet.noneOf(Channel.class);
    BY_ROLE.forEach(
        (role, theirs) -> {
          if (hasRole.test(role)) {
            channels.addAll(theirs);
          }
        });
    return channels;
  }

  /** Refuses (403, naming {@code field}) a channel that is not the caller's. */
  public static void require(Channel channel, Predicate<String> hasRole, String field) {
    Set<Channel> theirs = of(hasRole);
    if (!theirs.contains(channel)) {
      String message =
          channel
              + " is not your channel; you file on "
              + (theirs.isEmpty()
                  ? "none"
                  : theirs.stream().map(Channel::name).collect(Collectors.joining(", ")));
      throw new DomainException(
          DomainException.Refusal.FORBIDDEN,
          "channel-not-yours",
          message,
          List.of(new DomainException.Violation(field, message)));
    }
  }
}
