package dev.flywheel.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the life story of one synthetic customer, deterministically from (seed, index).
 *
 * <p>Borrowers walk the seed-002 loan funnel at its rates: acquired (landing page view) → 80 %
 * registered → 80 % applied → 50 % pass platform risk control → ~20 % approved by a funder →
 * 60–80 % draw down → monthly repayments, some overdue (by channel quality) → re-loans. Investors
 * register and invest varying amounts and terms, redeeming at maturity. Everyone logs in at a
 * low, finance-like frequency (1–2 times a month is normal), some stop entirely (so lifecycle
 * stages fill up), and active customers share and browse.
 */
final class HistoryGenerator {
  static final double INVESTOR_SHARE = 0.3;
  static final double APPLY_RATE = 0.8;
  static final double RISK_PASS_RATE = 0.5;
  static final double RELOAN_RATE = 0.7;
  /** Share of registered customers a recall message reaches once they go quiet. */
  static final double RECALL_SHARE = 0.6;
  /** The campaign attribution of the recall events. */
  static final String RECALL_CAMPAIGN = "recall";
  private static final String[] STEPS = {"basic_info", "id_verification", "bank_card", "submit"};
  private static final String[] PRODUCTS = {"steady_7d", "monthly_plus", "quarter_gain", "half_year", "annual_select"};
  private static final int[] TERMS = {7, 30, 90, 180, 365};

  private final long seed;
  private final Instant start;
  private final Instant end;
  private final String idPrefix;

  HistoryGenerator(long seed, Instant start, Instant end, String idPrefix) {
    this.seed = seed;
    this.start = start;
    this.end = end;
    this.idPrefix = idPrefix;
  }

  SimulatedCustomer customer(int index) {
    SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + index);
    Story story = new Story(idPrefix + String.format("%07d", index), rnd);
    AcquisitionChannel channel = pick(rnd);
    Instant acquired = start.plusSeconds((long) (rnd.nextDouble() * Duration.between(start, end).toSeconds()));
    boolean investor = rnd.nextDouble() < INVESTOR_SHARE;
    String variant = rnd.nextBoolean() ? "A" : "B";
    story.add(acquired, "page_view", Map.of("page", "landing", "variant", variant), channel.name());
    // the ad that brought them in says what they came for
    List<String> tags = new ArrayList<>(List.of(investor ? "wealth" : "loan"));
    BigDecimal invested = BigDecimal.ZERO;
    if (rnd.nextDouble() < channel.registrationRate()) {
      boolean h5 = rnd.nextDouble() < 0.55;
      Instant registered = story.after(acquired, Duration.ofMinutes(2), Duration.ofDays(2));
      story.add(registered, "registered", Map.of("platform", h5 ? "h5" : "app"), channel.name());
      // seed 002: 80 % of registered borrowers apply, and applying needs the app
      boolean applies = !investor && rnd.nextDouble() < APPLY_RATE;
      boolean logsIn = applies || !h5 || rnd.nextDouble() < 0.5;
      if (logsIn) {
        Instant firstLogin = story.after(registered, Duration.ofMinutes(1), h5 ? Duration.ofDays(4) : Duration.ofHours(1));
        story.add(firstLogin, "app_login", Map.of(), null);
        Instant quitAt = usage(story, firstLogin);
        if (investor) {
          invested = invest(story, firstLogin, quitAt);
        } else {
          borrow(story, firstLogin, channel, applies);
        }
      }
    }
    if (rnd.nextDouble() < 0.15) {
      tags.add("insurance");
    }
    if (rnd.nextDouble() < 0.10) {
      tags.add("credit_card");
    }
    recall(story, index);
    String tier = invested.compareTo(new BigDecimal("500000")) >= 0 ? "high_net_worth"
        : invested.compareTo(new BigDecimal("100000")) >= 0 ? "gold" : "standard";
    return new SimulatedCustomer(story.customerId, Names.name(rnd), Names.phone(rnd), Names.city(rnd),
        LocalDate.of(1965 + rnd.nextInt(40), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
        "R" + (1 + rnd.nextInt(5)), tier, tags, channel.name(), acquired, story.finish());
  }

  /** App logins, browsing and sharing until the customer drifts away; returns when they quit. */
  private Instant usage(Story s, Instant from) {
    SplittableRandom rnd = s.rnd;
    double perMonth = rnd.nextDouble() < 0.3 ? 4 + rnd.nextDouble() * 6 : 0.8 + rnd.nextDouble() * 1.7;
    Instant quit = rnd.nextDouble() < 0.35 ? s.after(from, Duration.ofDays(3), Duration.ofDays(60)) : end;
    Instant t = from;
    while (true) {
      t = t.plusSeconds((long) (-Math.log(1 - rnd.nextDouble()) * 30 * 86_400 / perMonth));
      if (t.isAfter(quit) || t.isAfter(end)) {
        return quit;
      }
      s.add(t, "app_login", Map.of(), null);
      if (rnd.nextDouble() < 0.5) {
        s.add(t.plusSeconds(20 + rnd.nextInt(200)), "page_view",
            Map.of("page", rnd.nextBoolean() ? "home" : "activity_page"), null);
      }
      if (rnd.nextDouble() < 0.08) {
        s.add(t.plusSeconds(60 + rnd.nextInt(600)), "share",
            Map.of("target", rnd.nextBoolean() ? "invite_friends" : "activity_page", "channel", "wechat"), null);
      }
    }
  }

  private void borrow(Story s, Instant loggedIn, AcquisitionChannel channel, boolean applies) {
    SplittableRandom rnd = s.rnd;
    Instant t = s.after(loggedIn, Duration.ofMinutes(1), Duration.ofDays(3));
    int lastStep = applies ? STEPS.length : rnd.nextInt(STEPS.length);
    for (int i = 0; i < lastStep; i++) {
      t = t.plusSeconds(30 + rnd.nextInt(600));
      s.add(t, "application_step", Map.of("step", STEPS[i]), null);
    }
    if (!applies) {
      return;
    }
    t = t.plusSeconds(60 + rnd.nextInt(1800));
    if (rnd.nextDouble() >= RISK_PASS_RATE) {
      s.add(t, "risk_decision", Map.of("result", "rejected", "reason", "score_below_threshold"), null);
      return;
    }
    s.add(t, "risk_decision", Map.of("result", "passed"), null);
    s.riskPassed = true;
    Funder funder = pickFunder(rnd);
    t = s.after(t, Duration.ofMinutes(10), Duration.ofDays(2));
    if (rnd.nextDouble() >= funder.approvalRate()) {
      s.add(t, "funder_decision", Map.of("funder", funder.name(), "result", "rejected"), null);
      return;
    }
    BigDecimal line = BigDecimal.valueOf((funder.minLine() + rnd.nextInt(funder.maxLine() - funder.minLine())) / 100 * 100L)
        .setScale(2, RoundingMode.UNNECESSARY);
    s.add(t, "funder_decision", Map.of("funder", funder.name(), "result", "approved", "credit_line", line), null);
    s.line = line;
    s.funder = funder;
    double drawRate = 0.6 + rnd.nextDouble() * 0.2;
    int loan = 1;
    while (rnd.nextDouble() < drawRate) {
      t = s.after(t, Duration.ofHours(1), Duration.ofDays(5));
      Instant settled = loan(s, t, line, funder, channel, loan++);
      if (settled == null) {
        return;
      }
      t = settled;
      drawRate = RELOAN_RATE;
    }
  }

  /** One loan: drawdown, monthly dues and repayments; returns when settled, null if never. */
  private Instant loan(Story s, Instant at, BigDecimal line, Funder funder, AcquisitionChannel channel, int n) {
    SplittableRandom rnd = s.rnd;
    String loanId = s.customerId + "-L" + n;
    BigDecimal amount = line.multiply(BigDecimal.valueOf(0.3 + rnd.nextDouble() * 0.7)).setScale(-2, RoundingMode.DOWN)
        .max(new BigDecimal("500")).setScale(2, RoundingMode.UNNECESSARY);
    s.add(at, "drawdown", Map.of("amount", amount, "loan_id", loanId, "funder", funder.name()), null);
    int months = new int[] {3, 6, 12}[rnd.nextInt(3)];
    BigDecimal instalment = amount.divide(BigDecimal.valueOf(months), 2, RoundingMode.UP);
    Instant due = at;
    for (int m = 1; m <= months; m++) {
      due = due.plus(Duration.ofDays(30));
      s.add(due.minus(Duration.ofDays(3)), "repayment_due",
          Map.of("amount", instalment, "due_date", LocalDate.ofInstant(due, ZoneOffset.UTC).toString(), "loan_id", loanId), null);
      if (rnd.nextDouble() < channel.overdueRate() / 2) {
        int days = 1 + rnd.nextInt(20);
        s.add(due.plus(Duration.ofDays(1)), "overdue", Map.of("days", 1L, "amount", instalment, "loan_id", loanId), null);
        if (days > 7) {
          s.add(due.plus(Duration.ofDays(7)), "overdue", Map.of("days", 7L, "amount", instalment, "loan_id", loanId), null);
        }
        if (rnd.nextDouble() < 0.3) {
          // never repaid: written off as bad debt 90 days after the missed due date
          s.add(due.plus(Duration.ofDays(90)), "write_off", Map.of("amount", instalment, "loan_id", loanId), null);
          return null;
        }
        due = due.plus(Duration.ofDays(days));
      }
      boolean last = m == months;
      s.add(due.plusSeconds(rnd.nextInt(3600)), "repayment",
          Map.of("amount", instalment, "loan_id", loanId, "settled", last), null);
    }
    return due.plus(Duration.ofHours(1));
  }

  /** Investments of varying amounts and terms, redeemed at maturity; returns the total invested. */
  private BigDecimal invest(Story s, Instant from, Instant quit) {
    SplittableRandom rnd = s.rnd;
    BigDecimal total = BigDecimal.ZERO;
    double scale = rnd.nextDouble() < 0.08 ? 200_000 : rnd.nextDouble() < 0.3 ? 30_000 : 5_000;
    Instant t = s.after(from, Duration.ofMinutes(5), Duration.ofDays(10));
    int count = 1 + rnd.nextInt(6);
    for (int i = 0; i < count && t.isBefore(quit.plus(Duration.ofDays(30))); i++) {
      int k = rnd.nextInt(PRODUCTS.length);
      BigDecimal amount = BigDecimal.valueOf((long) (scale * (0.2 + rnd.nextDouble() * 1.8)) / 100 * 100)
          .max(new BigDecimal("100")).setScale(2, RoundingMode.UNNECESSARY);
      s.add(t, "investment", Map.of("amount", amount, "product", PRODUCTS[k], "term_days", (long) TERMS[k]), null);
      total = total.add(amount);
      if (rnd.nextDouble() < 0.03) {
        s.add(t.plusSeconds(600), "investment_cancelled", Map.of("amount", amount), null);
        total = total.subtract(amount);
      } else {
        s.add(t.plus(Duration.ofDays(TERMS[k])), "redemption", Map.of("amount", amount, "product", PRODUCTS[k]), null);
      }
      t = s.after(t, Duration.ofDays(3), Duration.ofDays(40));
    }
    return total;
  }

  /**
   * Seed 003's recall of a registered customer, on a second random stream so the rest of the
   * story stays as it was (every customer with a credit line, 60 % of the others): 7–60 days after
   * registering a message reaches them (SMS or push), ~25 % click, ~85 % of those log in, ~60 %
   * use the recall coupon, and ~55 % of coupon users who passed risk control draw down (approved
   * first when a funder had turned them down); some share the activity. Attributed to
   * {@link #RECALL_CAMPAIGN}.
   */
  private void recall(Story s, int index) {
    Instant registered = s.events.stream().filter(e -> e.type().equals("registered")).map(SimulatedEvent::occurredAt)
        .findFirst().orElse(null);
    if (registered == null) {
      return;
    }
    SplittableRandom rnd = new SplittableRandom(seed * 7_777_777L + index * 31L + 3);
    double reached = rnd.nextDouble();
    if (s.line == null && reached >= RECALL_SHARE) { // customers with a credit line are always recalled
      return;
    }
    String channel = rnd.nextDouble() < 0.6 ? "sms" : "push";
    Instant t = registered.plusSeconds(7 * 86_400L + (long) (rnd.nextDouble() * 53 * 86_400));
    s.add(t, "message_delivered", Map.of("message_id", s.customerId + "-R", "channel", channel, "source", "journey:recall"),
        null, RECALL_CAMPAIGN);
    if (rnd.nextDouble() >= 0.25) {
      return;
    }
    t = t.plusSeconds(30 + rnd.nextInt(7200));
    s.add(t, "message_click", Map.of("message_id", s.customerId + "-R"), null, RECALL_CAMPAIGN);
    if (rnd.nextDouble() < 0.1) {
      s.add(t.plusSeconds(300), "share", Map.of("target", "recall_activity", "channel", "wechat_share"), null,
          RECALL_CAMPAIGN);
    }
    if (rnd.nextDouble() >= 0.85) {
      return;
    }
    t = t.plusSeconds(20 + rnd.nextInt(3600));
    s.add(t, "app_login", Map.of(), null);
    if (rnd.nextDouble() >= 0.6) {
      return;
    }
    t = t.plusSeconds(60 + rnd.nextInt(86_400));
    s.add(t, "coupon_redeemed", Map.of("coupon_template", "recall_rate_discount"), null, RECALL_CAMPAIGN);
    if (s.riskPassed && rnd.nextDouble() < 0.55) {
      if (s.line == null) { // turned down by a funder before: re-applied after the recall and approved this time
        s.funder = pickFunder(rnd);
        s.line = BigDecimal.valueOf((s.funder.minLine() + rnd.nextInt(s.funder.maxLine() - s.funder.minLine())) / 100 * 100L)
            .setScale(2, RoundingMode.UNNECESSARY);
        s.add(t.plusSeconds(30), "funder_decision",
            Map.of("funder", s.funder.name(), "result", "approved", "credit_line", s.line), null);
      }
      BigDecimal amount = s.line.multiply(BigDecimal.valueOf(0.3 + rnd.nextDouble() * 0.5)).setScale(-2, RoundingMode.DOWN)
          .max(new BigDecimal("500")).setScale(2, RoundingMode.UNNECESSARY);
      s.add(t.plusSeconds(60 + rnd.nextInt(3600)), "drawdown",
          Map.of("amount", amount, "loan_id", s.customerId + "-R", "funder", s.funder.name()), null, RECALL_CAMPAIGN);
    }
  }

  private static AcquisitionChannel pick(SplittableRandom rnd) {
    double x = rnd.nextDouble();
    for (AcquisitionChannel c : AcquisitionChannel.ALL) {
      x -= c.share();
      if (x < 0) {
        return c;
      }
    }
    return AcquisitionChannel.ALL.getLast();
  }

  private static Funder pickFunder(SplittableRandom rnd) {
    double x = rnd.nextDouble();
    for (Funder f : Funder.ALL) {
      x -= f.share();
      if (x < 0) {
        return f;
      }
    }
    return Funder.ALL.getLast();
  }

  /** Collects one customer's events, dropping whatever would happen after the simulated "now". */
  private final class Story {
    final String customerId;
    final SplittableRandom rnd;
    final List<SimulatedEvent> events = new ArrayList<>();
    BigDecimal line;
    Funder funder;
    boolean riskPassed;

    Story(String customerId, SplittableRandom rnd) {
      this.customerId = customerId;
      this.rnd = rnd;
    }

    void add(Instant at, String type, Map<String, Object> attributes, String channel) {
      add(at, type, attributes, channel, null);
    }

    void add(Instant at, String type, Map<String, Object> attributes, String channel, String campaign) {
      if (!at.isAfter(end)) {
        events.add(new SimulatedEvent(customerId + "-" + events.size(), customerId, type,
            at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), new LinkedHashMap<>(attributes), channel, campaign));
      }
    }

    Instant after(Instant t, Duration min, Duration max) {
      return t.plusSeconds(min.toSeconds() + (long) (rnd.nextDouble() * (max.toSeconds() - min.toSeconds())));
    }

    List<SimulatedEvent> finish() {
      events.sort(Comparator.comparing(SimulatedEvent::occurredAt));
      return List.copyOf(events);
    }
  }
}
