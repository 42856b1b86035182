package dev.flywheel.event.store;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Monthly partitions (UTC calendar months) of {@code events}. Thread-safe; months known to exist
 * are cached, so the steady state costs no query.
 *
 * <p>A partition is made in its own short transaction as {@code create table} + {@code attach
 * partition}: attaching takes only a SHARE UPDATE EXCLUSIVE lock on {@code events}, so it neither
 * blocks nor deadlocks with ingestion transactions (including the caller's own, suspended one)
 * that are writing other months. Creators are serialised by an advisory lock.
 */
@Component
public class Partitions {
  private static final long LOCK = 0x6576_656e_7473L; // "events"
  private final JdbcTemplate jdbc;
  private final TransactionTemplate ownTransaction;
  private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

  Partitions(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** Makes sure every month these instants fall in has a partition. */
  public void ensureFor(Collection<Instant> occurredAts) {
    Set<YearMonth> months = new TreeSet<>();
    for (Instant t : occurredAts) {
      months.add(YearMonth.from(t.atOffset(ZoneOffset.UTC)));
    }
    months.stream().filter(m -> !known.contains(m)).forEach(this::ensure);
  }

  /** The month of {@code now} and the {@code ahead} months after it; returns them. */
  public List<YearMonth> ensureAhead(Instant now, int ahead) {
    YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    List<YearMonth> months = IntStream.rangeClosed(0, ahead).mapToObj(current::plusMonths).toList();
    months.forEach(this::ensure);
    return months;
  }

  /** Whether the database has a partition for the month (asks the catalog, not the cache). */
  public boolean exists(YearMonth month) {
    return Boolean.TRUE.equals(jdbc.queryForObject("""
        select exists (select 1 from pg_inherits i join pg_class c on c.oid = i.inhrelid
                       where i.inhparent = 'events'::regclass and c.relname = ?)""",
        Boolean.class, name(month)));
  }

  private void ensure(YearMonth month) {
    ownTransaction.executeWithoutResult(status -> {
      jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, LOCK);
      if (!exists(month)) {
        String table = name(month);
        jdbc.execute("create table if not exists " + table + " (like events including defaults)");
        jdbc.execute("alter table events attach partition " + table + " for values from ('"
            + month.atDay(1) + " 00:00:00+00') to ('" + month.plusMonths(1).atDay(1) + " 00:00:00+00')");
      }
    });
    known.add(month);
  }

  static String name(YearMonth month) {
    return "events_%04d_%02d".formatted(month.getYear(), month.getMonthValue());
  }
}
