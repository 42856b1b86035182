package dev.flywheel.review;

import java.util.Locale;

/** A review as Markdown minutes: Goal, Result, Analysis, Insights. */
public final class ReviewMarkdown {
  private ReviewMarkdown() {}

  public static String of(CampaignReview r) {
    StringBuilder md = new StringBuilder();
    md.append("# Campaign review (GRAI): ").append(r.name()).append("\n\n");
    md.append("- Campaign: ").append(r.campaignId()).append('\n');
    md.append("- Period: ").append(r.startsAt()).append(" – ").append(r.endsAt()).append('\n');
    md.append("- Review version: ").append(r.version());
    if (r.writtenBy() != null) {
      md.append(" by ").append(r.writtenBy()).append(" at ").append(r.writtenAt());
    }
    md.append("\n\n## Goal\n\n").append(orDash(r.purpose())).append("\n\n");
    md.append("## Result\n\n| Link | Target | Result | Attainment | Source |\n|---|---:|---:|---:|---|\n");
    for (var l : r.links()) {
      md.append("| ").append(l.name()).append(" | ").append(num(l.target())).append(" | ").append(num(l.result()))
          .append(" | ").append(pct(l.attainment())).append(" | ").append(l.source()).append(" |\n");
    }
    md.append("\n| Asset | Budget | Funded | Granted | Used |\n|---|---:|---:|---:|---:|\n");
    for (var c : r.costs()) {
      md.append("| ").append(c.asset()).append(" | ").append(c.planned()).append(" | ").append(c.funded())
          .append(" | ").append(c.granted()).append(" | ").append(pct(c.usage())).append(" |\n");
    }
    var v = r.valuation();
    md.append("\n| Cost (fen) | Amount |\n|---|---:|\n");
    md.append("| Cash (cash back, interest bonus) | ").append(v.cashCost()).append(" |\n");
    md.append("| Points: ").append(v.pointsGranted()).append(" at ").append(v.pointsPerYuan()).append(" per yuan | ")
        .append(v.pointsCost()).append(" |\n");
    md.append("| Coupons: ").append(v.couponsRedeemed()).append(" of ").append(v.couponsIssued())
        .append(" redeemed, at face value | ").append(v.couponCost()).append(" |\n");
    md.append("| Total | ").append(v.totalCost()).append(" |\n");
    md.append("\nValue: ").append(num(v.value())).append(" fen · ROI: ").append(r.roi() == null ? "—" : pct(r.roi()))
        .append("\n\n");
    var c = r.customers();
    md.append("| Customers | New | Existing |\n|---|---:|---:|\n");
    md.append("| Participants | ").append(c.newParticipants()).append(" | ").append(c.existingParticipants()).append(" |\n");
    md.append("| Converted | ").append(num(c.newConverted())).append(" | ").append(num(c.existingConverted()))
        .append(" |\n\n");
    md.append("## Analysis\n\n").append(orDash(r.sections().analysis())).append("\n\n");
    md.append("## Insights\n\n").append(orDash(r.sections().insights())).append('\n');
    return md.toString();
  }

  private static String num(Long v) {
    return v == null ? "—" : v.toString();
  }

  private static String pct(Double v) {
    return v == null ? "—" : String.format(Locale.ROOT, "%.1f %%", v * 100);
  }

  private static String orDash(String s) {
    return s == null || s.isBlank() ? "—" : s.strip();
  }
}
