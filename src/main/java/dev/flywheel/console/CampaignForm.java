package dev.flywheel.console;

import dev.flywheel.campaign.Asset;
import dev.flywheel.campaign.CampaignPlan;
import dev.flywheel.campaign.Caps;
import dev.flywheel.campaign.TemplateParameter;
import dev.flywheel.campaign.Window;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The create-from-template form as posted: the plan fields and the template's parameters, read
 * into a {@link CampaignPlan} and a parameter map. Values that cannot even be read (a date that is
 * no date, a budget that is no amount) become issues on the same field names the campaign module
 * uses ({@code window.starts_at}, {@code budget.POINTS}, {@code parameters.min_amount}), so the
 * page shows every error in one place. Times are typed in the tenant's zone.
 */
final class CampaignForm {
  static final List<String> WINDOW_FIELDS = List.of("starts_at", "ends_at", "warm_up_starts_at",
      "detonation_starts_at", "detonation_ends_at");
  private final MultiValueMap<String, String> form;
  private final ZoneId zone;
  private final AssetAmounts amounts;
  private final List<FieldIssue> issues = new ArrayList<>();

  CampaignForm(MultiValueMap<String, String> form, ZoneId zone, AssetAmounts amounts) {
    this.form = form;
    this.zone = zone;
    this.amounts = amounts;
  }

  /** Issues found while reading (before the module saw anything). */
  List<FieldIssue> issues() {
    return List.copyOf(issues);
  }

  String text(String name) {
    String v = form.getFirst(name);
    return v == null ? "" : v.strip();
  }

  CampaignPlan plan(String owner) {
    Map<String, Instant> times = new LinkedHashMap<>();
    for (String f : WINDOW_FIELDS) {
      times.put(f, time("window." + f, text("window." + f)));
    }
    Map<Asset, Long> budget = new EnumMap<>(Asset.class);
    for (Asset asset : Asset.values()) {
      String typed = text("budget." + asset);
      if (!typed.isEmpty()) {
        Long units = amounts.parse(asset.name(), typed);
        if (units == null) {
          issues.add(new FieldIssue("budget." + asset, "invalid-amount", typed));
        } else {
          budget.put(asset, units);
        }
      }
    }
    Long segment = null;
    if (!text("segment_id").isEmpty()) {
      try {
        segment = Long.valueOf(text("segment_id"));
      } catch (NumberFormatException e) {
        issues.add(new FieldIssue("segment_id", "unknown-segment", text("segment_id")));
      }
    }
    Window window = new Window(times.get("starts_at"), times.get("ends_at"), times.get("warm_up_starts_at"),
        times.get("detonation_starts_at"), times.get("detonation_ends_at"));
    List<String> channels = form.getOrDefault("channels", List.of());
    return new CampaignPlan(text("name"), text("purpose"), text("theme"), window, text("content"), text("process"),
        List.of(), budget, owner, List.of(), segment, channels,
        integer("priority"), form.containsKey("exclusive"),
        new Caps(integer("caps.per_day"), integer("caps.per_week"), integer("caps.per_campaign")));
  }

  /** The template's parameters; blank fields are left out so the template's defaults apply. */
  Map<String, Object> parameters(List<TemplateParameter> schema) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (TemplateParameter p : schema) {
      String key = "parameters." + p.name();
      String typed = text(key);
      switch (p.type()) {
        case "boolean" -> values.put(p.name(), "true".equals(typed));
        case "string_list" -> {
          if (!typed.isEmpty()) {
            values.put(p.name(), List.of(typed.split("\\s*[,，\\n]\\s*")).stream().filter(s -> !s.isBlank()).toList());
          }
        }
        case "tiers" -> {
          if (!typed.isEmpty()) {
            values.put(p.name(), tiers(key, typed));
          }
        }
        default -> {
          if (!typed.isEmpty()) {
            values.put(p.name(), typed);
          }
        }
      }
    }
    return values;
  }

  /** One tier per line: {@code min_amount, min_term_days, rate_percent}. */
  private List<Map<String, Object>> tiers(String field, String typed) {
    List<Map<String, Object>> tiers = new ArrayList<>();
    for (String line : typed.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.strip().split("\\s*[,，]\\s*");
      if (parts.length != 3) {
        issues.add(new FieldIssue(field, "invalid-tier", line.strip()));
        continue;
      }
      Map<String, Object> tier = new LinkedHashMap<>();
      tier.put("min_amount", parts[0]);
      tier.put("min_term_days", parts[1]);
      tier.put("rate_percent", parts[2]);
      tiers.add(tier);
    }
    return tiers;
  }

  private Instant time(String field, String typed) {
    if (typed.isEmpty()) {
      return null;
    }
    try {
      return LocalDateTime.parse(typed).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      issues.add(new FieldIssue(field, "invalid-time", typed));
      return null;
    }
  }

  private Integer integer(String field) {
    String typed = text(field);
    if (typed.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(typed);
    } catch (NumberFormatException e) {
      issues.add(new FieldIssue(field, "invalid-number", typed));
      return null;
    }
  }
}
