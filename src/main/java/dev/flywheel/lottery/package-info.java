/**
 * Lottery: lotteries with a prize pool (physical goods, points, cash red envelopes, coupons,
 * "thank you"; weight, stock, per-customer limit, value, tier; optional guarantee rule), draws by
 * customers, and the fulfilment of physical prizes.
 *
 * <p>Tables: {@code lottery_lotteries}, {@code lottery_prizes}, {@code lottery_players},
 * {@code lottery_draws}, {@code lottery_fulfilments}.
 *
 * <p>Money path through the ledger: a draw spends one {@code LOTTERY_CHANCE} from the customer's
 * wallet ({@link dev.flywheel.ledger.Spending}, exactly once per request id) and a points / cash /
 * coupon prize is a ledger grant from the lottery's budget (keyed {@code -lotteryId}, funded for
 * the whole stock at launch) — all in the draw's one transaction.
 *
 * <p>Promises, kept by PostgreSQL: stock never below zero and stock + awarded = initial stock
 * (check constraints, conditional update); one draw per (lottery, request id); a chance is never
 * spent twice (the wallet row lock and the spend reference); a refused draw writes nothing.
 *
 * <p>API: {@link dev.flywheel.lottery.Lotteries}, {@link dev.flywheel.lottery.Draws},
 * {@link dev.flywheel.lottery.Fulfilments} and their records. Sub-packages are internal:
 * {@code store} (SQL), {@code draw} (picker, dice, the draw transaction), {@code web} (API, customer
 * endpoints, H5 page). HTTP: {@code docs/api/lottery.md}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Lottery")
package dev.flywheel.lottery;
