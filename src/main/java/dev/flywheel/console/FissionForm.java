package dev.flywheel.console;

import dev.flywheel.fission.Activity;
import dev.flywheel.fission.ActivityDraft;
import dev.flywheel.ledger.Asset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.multipart.MultipartFile;

/** The console's fission form (every field a string, as typed); {@link #draft} parses it in the tenant's zone. */
record FissionForm(String name, String rules, String startsAt, String endsAt, String helpersNeeded, Boolean newOnly,
    Boolean oneTask, String rewardAsset, String rewardAmount, String couponTemplate, String maxRewards,
    MultipartFile poster, String qrX, String qrY, String qrSize, String employeeScript, String customerScript,
    String orgUnit, String acquirers, String strategy, String remindBefore, String tags, String segment,
    String catalogItem) {

  static FissionForm blank(LocalDateTime now) {
    return new FissionForm("", "", now.plusDays(1).withSecond(0).withNano(0).toString(),
        now.plusDays(8).withSecond(0).withNano(0).toString(), "3", true, true, "POINTS", "100", "", "1000", null,
        "435", "1040", "200", "", "", "", "", "ROUND_ROBIN", "30", "", "", "");
  }

  /** The draft; unparseable numbers/times become {@code typos} (field names) and nulls. */
  ActivityDraft draft(ZoneId zone, List<String> typos) throws IOException {
    byte[] image = poster == null || poster.isEmpty() ? null : poster.getBytes();
    return new ActivityDraft(name, rules, time(startsAt, zone, "starts_at", typos), time(endsAt, zone, "ends_at", typos),
        integer(helpersNeeded, "helpers_needed", typos), Boolean.TRUE.equals(newOnly), Boolean.TRUE.equals(oneTask), asset(typos),
        number(rewardAmount, "reward.amount", typos), blankOr(couponTemplate) == null ? null
            : number(couponTemplate, "reward.coupon_template_id", typos),
        blankOr(catalogItem) == null ? null : number(catalogItem, "reward.catalog_item_id", typos),
        integer(maxRewards, "reward.max_rewards", typos), image, image == null ? null : poster.getContentType(),
        new Activity.QrArea(intOr(qrX, 0, typos), intOr(qrY, 0, typos), intOr(qrSize, 200, typos)),
        employeeScript, customerScript, blankOr(orgUnit), tagList(),
        blankOr(segment) == null ? null : number(segment, "recommend_segment_id", typos), integer(remindBefore, "remind_before_minutes", typos),
        "LEAST_LOADED".equals(strategy) ? Activity.LiveCodeStrategy.LEAST_LOADED : Activity.LiveCodeStrategy.ROUND_ROBIN,
        null, null, acquirerList(typos));
  }

  private List<String> tagList() {
    return tags == null || tags.isBlank() ? List.of()
        : Arrays.stream(tags.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Lines of {@code user id: welcome message}. */
  private List<Activity.Acquirer> acquirerList(List<String> typos) {
    List<Activity.Acquirer> list = new ArrayList<>();
    if (acquirers == null) {
      return list;
    }
    for (String line : acquirers.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(":", 2);
      Long id = number(parts[0].trim(), "acquirers", typos);
      if (id != null) {
        list.add(new Activity.Acquirer(id, parts.length > 1 ? parts[1].trim() : ""));
      }
    }
    return list;
  }

  private Asset asset(List<String> typos) {
    try {
      return Asset.valueOf(rewardAsset);
    } catch (RuntimeException e) {
      typos.add("reward.asset");
      return null;
    }
  }

  private static String blankOr(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static java.time.Instant time(String s, ZoneId zone, String field, List<String> typos) {
    try {
      return s == null || s.isBlank() ? null : LocalDateTime.parse(s.trim()).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      typos.add(field);
      return null;
    }
  }

  private static Long number(String s, String field, List<String> typos) {
    try {
      return s == null || s.isBlank() ? null : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      typos.add(field);
      return null;
    }
  }

  private static Integer integer(String s, String field, List<String> typos) {
    Long v = number(s, field, typos);
    return v == null || Math.abs(v) > 1_000_000_000L ? null : v.intValue();
  }

  private static int intOr(String s, int absent, List<String> typos) {
    Integer v = integer(s, "qr_area", typos);
    return v == null ? absent : v;
  }

  static UncheckedIOException unreadable(IOException e) {
    return new UncheckedIOException(e);
  }
}
