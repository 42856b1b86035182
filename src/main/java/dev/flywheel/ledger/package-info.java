/**
 * Ledger and wallets: double-entry accounts and append-only postings for points, cash back,
 * coupons, lottery chances and interest bonus; campaign budgets; exactly-once grants; pending
 * rewards with lock-ups; clawbacks with explicit debt; coupons and their redemption; the points
 * mall.
 *
 * <p>Owns the tables {@code ledger_budgets}, {@code ledger_accounts}, {@code ledger_entries},
 * {@code ledger_postings}, {@code ledger_grants}, {@code ledger_lockups}, {@code ledger_clawbacks},
 * {@code ledger_coupon_templates}, {@code ledger_coupons}, {@code ledger_budget_alerts},
 * {@code ledger_catalog_items}, {@code ledger_exchanges}; every row carries {@code tenant_id}.
 *
 * <p>Promises, kept by PostgreSQL: each journal entry sums to zero per asset (checked at commit);
 * entries, postings, grants and clawbacks are never updated or deleted; a kept balance always
 * equals the sum of its postings; a budget, slot, wallet or stock never goes below zero; a grant
 * happens at most once per {@code (tenant, campaign, rule, source event)}.
 *
 * <p>API: {@link dev.flywheel.ledger.Ledger} (fund, grant, grantsFor, clawBack, budget, wallet),
 * {@link dev.flywheel.ledger.Coupons}, {@link dev.flywheel.ledger.PointsMall}, the records they take
 * and return, and the module events {@link dev.flywheel.ledger.BudgetThresholdReached} and
 * {@link dev.flywheel.ledger.BudgetExhausted}, published in the transaction of the grant that
 * observed them. Sub-packages are internal. HTTP: see {@code docs/api/ledger.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ledger and wallets")
package dev.flywheel.ledger;
