package dev.flywheel.reach.policy;

import dev.flywheel.customer.LoanStage;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.ContactPolicy;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings JSON of {@code /api/v1/reach/settings} (snake_case) to and from {@link ContactPolicy}.
 * Reading applies the given fields onto a current policy (absent fields keep their value) and
 * collects every problem with its field path.
 */
public final class PolicyJson {
  private PolicyJson() {}

  public static Map<String, Object> write(ContactPolicy p) {
    Map<String, Object> caps = new LinkedHashMap<>();
    for (Channel c : Channel.values()) {
      ContactPolicy.Caps cap = p.caps(c);
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("per_day", cap.perDay());
      one.put("per_week", cap.perWeek());
      caps.put(c.name(), one);
    }
    Map<String, Object> stages = new LinkedHashMap<>();
    for (LoanStage s : LoanStage.values()) {
      stages.put(s.name(), sorted(p.stageChannels().getOrDefault(s, Set.of())));
    }
    Map<String, Object> quiet = new LinkedHashMap<>();
    quiet.put("start", p.quietHours().start().toString());
    quiet.put("end", p.quietHours().end().toString());
    quiet.put("channels", sorted(p.quietHours().channels()));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("caps", caps);
    out.put("total_per_day", p.totalPerDay());
    out.put("total_per_week", p.totalPerWeek());
    out.put("min_interval_minutes", p.minIntervalMinutes());
    out.put("quiet_hours", quiet);
    out.put("stage_channels", stages);
    out.put("h5_only_channels", sorted(p.h5OnlyChannels()));
    out.put("opt_out_text", p.optOutText());
    out.put("fixed_send_hour", p.fixedSendHour());
    return out;
  }

  private static List<String> sorted(Set<Channel> channels) {
    return channels.stream().sorted().map(Enum::name).toList();
  }

  /** The current policy with {@code body}'s fields applied; problems go to {@code issues}. */
  public static ContactPolicy read(ContactPolicy current, Map<String, Object> body, List<FieldIssue> issues) {
    Map<String, Object> b = body == null ? Map.of() : body;
    for (String key : b.keySet()) {
      if (!List.of("caps", "total_per_day", "total_per_week", "min_interval_minutes", "quiet_hours",
          "stage_channels", "h5_only_channels", "opt_out_text", "fixed_send_hour").contains(key)) {
        issues.add(new FieldIssue(key, "unknown-field", "not a reach setting"));
      }
    }
    Map<Channel, ContactPolicy.Caps> caps = new EnumMap<>(Channel.class);
    caps.putAll(current.channelCaps());
    if (b.containsKey("caps")) {
      caps = caps(b.get("caps"), current, issues);
    }
    Integer perDay = b.containsKey("total_per_day") ? count(b.get("total_per_day"), "total_per_day", issues)
        : current.totalPerDay();
    Integer perWeek = b.containsKey("total_per_week") ? count(b.get("total_per_week"), "total_per_week", issues)
        : current.totalPerWeek();
    int interval = current.minIntervalMinutes();
    if (b.containsKey("min_interval_minutes")) {
      Integer i = number(b.get("min_interval_minutes"), "min_interval_minutes", 0, 7 * 24 * 60, issues);
      interval = i == null ? interval : i;
    }
    ContactPolicy.QuietHours quiet = b.containsKey("quiet_hours") ? quiet(b.get("quiet_hours"), current, issues)
        : current.quietHours();
    Map<LoanStage, Set<Channel>> stages = b.containsKey("stage_channels")
        ? stages(b.get("stage_channels"), current, issues) : current.stageChannels();
    Set<Channel> h5 = b.containsKey("h5_only_channels")
        ? channels(b.get("h5_only_channels"), "h5_only_channels", issues) : current.h5OnlyChannels();
    String optOut = current.optOutText();
    if (b.containsKey("opt_out_text")) {
      Object t = b.get("opt_out_text");
      if (!(t instanceof String s) || s.isBlank() || s.length() > 60) {
        issues.add(new FieldIssue("opt_out_text", "invalid", "a text of 1 to 60 characters; SMS must carry it"));
      } else {
        optOut = s.strip();
      }
    }
    int hour = current.fixedSendHour();
    if (b.containsKey("fixed_send_hour")) {
      Integer h = number(b.get("fixed_send_hour"), "fixed_send_hour", 0, 23, issues);
      hour = h == null ? hour : h;
    }
    return new ContactPolicy(caps, perDay, perWeek, interval, quiet, stages, h5, optOut, hour);
  }

  private static Map<Channel, ContactPolicy.Caps> caps(Object value, ContactPolicy current, List<FieldIssue> issues) {
    Map<Channel, ContactPolicy.Caps> caps = new EnumMap<>(Channel.class);
    if (!(value instanceof Map<?, ?> map)) {
      issues.add(new FieldIssue("caps", "invalid", "an object of channel → {per_day, per_week}"));
      return current.channelCaps();
    }
    map.forEach((k, v) -> {
      String at = "caps." + k;
      Channel channel = channel(String.valueOf(k), at, issues);
      if (channel == null) {
        return;
      }
      if (!(v instanceof Map<?, ?> one)) {
        issues.add(new FieldIssue(at, "invalid", "an object {per_day, per_week}"));
        return;
      }
      Integer day = count(one.get("per_day"), at + ".per_day", issues);
      Integer week = count(one.get("per_week"), at + ".per_week", issues);
      if (day != null && week != null && week < day) {
        issues.add(new FieldIssue(at + ".per_week", "invalid", "must not be below per_day"));
      }
      if (day != null || week != null) {
        caps.put(channel, new ContactPolicy.Caps(day, week));
      }
    });
    return caps;
  }

  private static ContactPolicy.QuietHours quiet(Object value, ContactPolicy current, List<FieldIssue> issues) {
    if (!(value instanceof Map<?, ?> map)) {
      issues.add(new FieldIssue("quiet_hours", "invalid", "an object {start, end, channels}"));
      return current.quietHours();
    }
    LocalTime start = time(map.get("start"), "quiet_hours.start", issues);
    LocalTime end = time(map.get("end"), "quiet_hours.end", issues);
    Set<Channel> channels = channels(map.get("channels"), "quiet_hours.channels", issues);
    return start == null || end == null ? current.quietHours() : new ContactPolicy.QuietHours(start, end, channels);
  }

  private static Map<LoanStage, Set<Channel>> stages(Object value, ContactPolicy current, List<FieldIssue> issues) {
    if (!(value instanceof Map<?, ?> map)) {
      issues.add(new FieldIssue("stage_channels", "invalid", "an object of loan stage → channels"));
      return current.stageChannels();
    }
    Map<LoanStage, Set<Channel>> stages = new EnumMap<>(LoanStage.class);
    stages.putAll(current.stageChannels());
    map.forEach((k, v) -> {
      try {
        stages.put(LoanStage.valueOf(String.valueOf(k)), channels(v, "stage_channels." + k, issues));
      } catch (IllegalArgumentException e) {
        issues.add(new FieldIssue("stage_channels." + k, "unknown-stage", "one of " + List.of(LoanStage.values())));
      }
    });
    return stages;
  }

  private static Set<Channel> channels(Object value, String field, List<FieldIssue> issues) {
    Set<Channel> out = EnumSet.noneOf(Channel.class);
    if (!(value instanceof List<?> list)) {
      issues.add(new FieldIssue(field, "invalid", "a list of channels"));
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      Channel c = channel(String.valueOf(list.get(i)), field + "[" + i + "]", issues);
      if (c != null) {
        out.add(c);
      }
    }
    return out;
  }

  private static Channel channel(String name, String field, List<FieldIssue> issues) {
    try {
      return Channel.valueOf(name);
    } catch (IllegalArgumentException e) {
      issues.add(new FieldIssue(field, "unknown-channel", "one of " + List.of(Channel.values())));
      return null;
    }
  }

  private static LocalTime time(Object value, String field, List<FieldIssue> issues) {
    try {
      return LocalTime.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      issues.add(new FieldIssue(field, "invalid", "a time HH:mm"));
      return null;
    }
  }

  /** A cap: null (no cap) or 0 to 1000. */
  private static Integer count(Object value, String field, List<FieldIssue> issues) {
    return value == null ? null : number(value, field, 0, 1000, issues);
  }

  private static Integer number(Object value, String field, int min, int max, List<FieldIssue> issues) {
    if (value instanceof Number n && n.doubleValue() == n.intValue() && n.intValue() >= min && n.intValue() <= max) {
      return n.intValue();
    }
    if (value instanceof String s && s.matches("\\d{1,5}") && Integer.parseInt(s) >= min && Integer.parseInt(s) <= max) {
      return Integer.parseInt(s);
    }
    issues.add(new FieldIssue(field, "invalid", "a whole number from " + min + " to " + max));
    return null;
  }
}
