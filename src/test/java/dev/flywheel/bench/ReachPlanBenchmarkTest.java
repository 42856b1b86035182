package dev.flywheel.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.reach.AudienceSend;
import dev.flywheel.reach.Channel;
import dev.flywheel.reach.MessageCategory;
import dev.flywheel.reach.MessageTemplate;
import dev.flywheel.reach.MessageTemplates;
import dev.flywheel.reach.Reach;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Planning a campaign SMS to every customer of a tenant ({@link Reach#sendToAudience}: audience
 * paged from the customer module → consent, address and stage policy → caps against existing
 * touches → quiet hours → one {@code reach_messages} row and one history row per customer) against
 * a raw set-based {@code INSERT … SELECT} of the same number of rows into a copy of
 * {@code reach_messages} (same columns, indexes and constraints, its foreign key included) in the same run. The send starts
 * at 22:00 tenant time, inside the default SMS quiet hours, and a tenth of the customers already
 * had two SMS this week (the weekly SMS cap). Afterwards it checks that no customer would exceed
 * the cap: touches this week plus messages due at the planned time ≤ 2. Sizes: 20,000 customers,
 * 1,000,000 with {@code -Dflywheel.bench.full=true} (set by {@code -Pbench}) or
 * {@code -Dflywheel.bench.reach.customers=N}. Asserts correctness only, never speed.
 */
@RunningFlywheel
class ReachPlanBenchmarkTest {
  @Autowired JdbcClient jdbc;
  @Autowired TestTenants tenants;
  @Autowired MessageTemplates templates;
  @Autowired Reach reach;
  @Autowired MovableClock clock;

  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  @Test
  void planningACampaignSendAgainstARawInsert() {
    int n = BenchSettings.integer("reach.customers", BenchSettings.full() ? 1_000_000 : 20_000);
    Instant now = clock.instant().atZone(ZONE).plusDays(1).with(LocalTime.of(22, 0)).toInstant();
    clock.set(now);
    run(2_000, now, false);
    run(n, now, true);
  }

  private void run(int n, Instant now, boolean report) {
    ZoneId zone = ZONE;
    long tenant = tenants.create().id();
    seed(tenant, n, now);
    templates.save(tenant, new MessageTemplate.Draft("sale", Channel.SMS, false, null, List.of(
        new MessageTemplate.Variant("caring", 1, null, "Hi ${customer.name}, ${value.offer}"),
        new MessageTemplate.Variant("official", 1, null, "${tenant.name}: ${value.offer}"))), "bench");
    jdbc.sql("drop table if exists bench_reach_raw").update();
    jdbc.sql("create table bench_reach_raw (like reach_messages including all)").update();
    // LIKE copies columns, defaults, identity, checks and indexes but not foreign keys: add
    // reach_messages' one, so that both inserts pay the same per-row constraint checks
    jdbc.sql("alter table bench_reach_raw add foreign key (tenant_id) references tenants (id)").update();
    jdbc.sql("analyze customers, customer_consents, reach_touches, reach_messages").update();

    long rawNanos = System.nanoTime();
    long rawRows = jdbc.sql("""
            insert into bench_reach_raw (tenant_id, customer_id, channel, category, template_key, variant, source,
              dedupe_key, status, not_before, planned_at, created_at, updated_at)
            select :tenant, id, 'SMS', 'MARKETING', 'sale', 'caring', 'bench', 'bench/' || id, 'PLANNED',
              :now, :now, :now, :now
            from customers where tenant_id = :tenant""")
        .param("tenant", tenant).param("now", Timestamp.from(now)).update();
    rawNanos = System.nanoTime() - rawNanos;

    long planNanos = System.nanoTime();
    AudienceSend.Outcome outcome = reach.sendToAudience(new AudienceSend(tenant, null, Channel.SMS,
        MessageCategory.MARKETING, "sale", Map.of("offer", "rate coupon"), "campaign/bench", "campaign/bench/",
        null, null));
    planNanos = System.nanoTime() - planNanos;
    jdbc.sql("drop table bench_reach_raw").update();

    long h5 = n / 20;
    long capped = n / 10;
    assertThat(rawRows).isEqualTo(n);
    assertThat(outcome.planned() + outcome.deferred() + outcome.skipped()).isEqualTo(n);
    assertThat(outcome.skipped()).as("opted out").isEqualTo(n / 50);
    assertThat(outcome.deferred()).as("customers at the weekly SMS cap").isEqualTo(capped);
    assertThat(outcome.plannedAt()).as("after the quiet hours")
        .isEqualTo(now.atZone(zone).plusDays(1).with(LocalTime.of(9, 0)).toInstant());
    assertThat(overCap(tenant, outcome.plannedAt())).as("customers who would exceed 2 SMS a week").isZero();

    double ratio = (double) planNanos / rawNanos;
    if (!report) {
      return;
    }
    new BenchReport("Planning a campaign send (reach) vs a raw INSERT … SELECT")
        .line("%,d customers: %,d planned, %,d deferred by the weekly SMS cap, %,d skipped "
            + "(opted out of SMS). %,d are H5-only (SMS allowed). "
            + "No customer over a cap afterwards. After a warm-up round of 2,000 customers on another tenant.",
            n, outcome.planned(), outcome.deferred(), outcome.skipped(), h5)
        .line("")
        .header("path", "time", "rows/s")
        .row("raw INSERT … SELECT into a copy of reach_messages", ms(rawNanos), rate(n, rawNanos))
        .row("Reach.sendToAudience (plan + history)", ms(planNanos), rate(n, planNanos))
        .line("")
        .line("**Ratio plan / raw: %.2f×** (target ≤ 3×).", ratio)
        .publish("reach-plan");
  }

  private long overCap(long tenant, Instant plannedAt) {
    return jdbc.sql("""
            select count(*) from (
              select m.customer_id from reach_messages m
              where m.tenant_id = :tenant and m.source = 'campaign/bench' and m.status = 'PLANNED'
                and m.planned_at <= :at
                and (select count(*) from reach_touches t where t.tenant_id = m.tenant_id
                      and t.customer_id = m.customer_id and t.channel = 'SMS' and t.at > cast(:at as timestamptz) - interval '7 days') >= 2
            ) x""")
        .param("tenant", tenant).param("at", Timestamp.from(plannedAt)).query(Long.class).single();
  }

  /** n customers; every 50th opted out of SMS, every 20th H5-only, every 10th with two SMS this week. */
  private void seed(long tenant, int n, Instant now) {
    Timestamp ts = Timestamp.from(now);
    jdbc.sql("""
            insert into customers (tenant_id, id, name, phone, h5_only, loan_stage, lifecycle_stage_at, created_at,
              updated_at)
            select :tenant, 'b' || lpad(i::text, 7, '0'), 'Customer ' || i, '138' || lpad(i::text, 8, '0'),
              i % 20 = 7, 'REGISTERED', :now, :now, :now
            from generate_series(0, :n - 1) i""")
        .param("tenant", tenant).param("n", n).param("now", ts).update();
    // statistics first, as autovacuum would have them: else the foreign-key checks of the inserts
    // below are planned against a nearly empty customers table (see "cold-statistics" above)
    jdbc.sql("analyze customers, reach_messages").update();
    jdbc.sql("""
            insert into customer_consents (tenant_id, customer_id, channel, granted, opted_out_at, updated_at)
            select :tenant, 'b' || lpad(i::text, 7, '0'), 'sms', false, :now, :now
            from generate_series(0, :n - 1) i where i % 50 = 1""")
        .param("tenant", tenant).param("n", n).param("now", ts).update();
    for (int k = 1; k <= 2; k++) {
      Timestamp at = Timestamp.from(now.minus(Duration.ofDays(k)));
      jdbc.sql("""
              with m as (
                insert into reach_messages (tenant_id, customer_id, channel, category, source, dedupe_key, status,
                  not_before, planned_at, created_at, updated_at)
                select :tenant, 'b' || lpad(i::text, 7, '0'), 'SMS', 'MARKETING', 'earlier',
                  'earlier/' || :k || '/' || i, 'QUEUED', :at, :at, :at, :at
                from generate_series(0, :n - 1) i where i % 10 = 3
                returning id, customer_id)
              insert into reach_touches (tenant_id, customer_id, channel, category, message_id, at)
              select :tenant, customer_id, 'SMS', 'MARKETING', id, :at from m""")
          .param("tenant", tenant).param("n", n).param("k", k).param("at", at).update();
    }
  }

  private static String ms(long nanos) {
    return String.format(java.util.Locale.ROOT, "%,.0f ms", nanos / 1e6);
  }

  private static String rate(long rows, long nanos) {
    return String.format(java.util.Locale.ROOT, "%,.0f", rows / (nanos / 1e9));
  }
}
