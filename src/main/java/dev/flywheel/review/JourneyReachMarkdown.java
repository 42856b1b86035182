package dev.flywheel.review;

import dev.flywheel.journey.JourneyWeek;
import java.util.Locale;

/** A weekly reach review as Markdown minutes, like the GRAI review's export. */
public final class JourneyReachMarkdown {
  private JourneyReachMarkdown() {}

  public static String of(JourneyReachReview r) {
    StringBuilder md = new StringBuilder();
    md.append("# Weekly reach review: ").append(r.name()).append("\n\n");
    md.append("- Journey: ").append(r.journeyId()).append('\n');
    md.append("- Weeks: ISO weeks in ").append(r.zone()).append("\n\n");
    md.append("## Per week\n\n| Week | Messages | Reached | Opened | Clicked | Converted | Click rate | Conversion rate |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (var w : r.weeks()) {
      md.append("| ").append(JourneyReachReview.isoWeek(w.week())).append(" | ").append(w.messages()).append(" | ")
          .append(w.delivered()).append(" | ").append(w.opened()).append(" | ").append(w.clicked()).append(" | ")
          .append(w.converted()).append(" | ").append(pct(w.clickRate())).append(" | ").append(pct(w.conversionRate()))
          .append(" |\n");
    }
    md.append("\n## Per copy and version\n\n| Version | Step | Copy | Messages | Reached | Opened | Clicked | Converted |")
        .append(" Click rate | Conversion rate |\n|---:|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (var v : r.variants()) {
      md.append("| v").append(v.version()).append(" | ").append(v.step()).append(" | ").append(copy(v.variant()))
          .append(" | ").append(v.messages()).append(" | ").append(v.delivered()).append(" | ").append(v.opened())
          .append(" | ").append(v.clicked()).append(" | ").append(v.converted()).append(" | ").append(pct(v.clickRate()))
          .append(" | ").append(pct(v.conversionRate())).append(" |\n");
    }
    md.append("\n## Per week, copy and version\n\n| Week | Version | Step | Copy | Reached | Opened | Clicked | Converted |\n")
        .append("|---|---:|---|---|---:|---:|---:|---:|\n");
    for (JourneyWeek w : r.rows()) {
      md.append("| ").append(JourneyReachReview.isoWeek(w.week())).append(" | v").append(w.version()).append(" | ")
          .append(w.step()).append(" | ").append(copy(w.variant())).append(" | ").append(w.delivered()).append(" | ")
          .append(w.opened()).append(" | ").append(w.clicked()).append(" | ").append(w.converted()).append(" |\n");
    }
    if (r.rows().isEmpty()) {
      md.append("| — | | | | | | | |\n");
    }
    return md.toString();
  }

  private static String copy(String variant) {
    return variant == null || variant.isEmpty() ? "—" : variant;
  }

  private static String pct(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%.1f %%", v * 100);
  }
}
