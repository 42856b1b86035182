-- Kept balances are now applied once per statement and account instead of once per posting row:
-- a batch of N grants (Ledger.grantAll) writes its 2N postings in one statement, and the budget
-- slot that pays them all is updated once (-total), not N times. Same transaction, same statement,
-- same check constraints (a balance still cannot go below zero), so the invariant "a kept balance
-- is the sum of its postings" holds exactly as before. Rows are locked in account id order first,
-- so two statements touching the same accounts cannot deadlock on each other.
drop trigger ledger_postings_apply on ledger_postings;
drop function ledger_apply_posting();

create function ledger_apply_postings() returns trigger language plpgsql as $$
begin
  perform 1 from ledger_accounts
   where id in (select account_id from new_postings) and keeps_balance
   order by id for no key update;
  update ledger_accounts a set balance = a.balance + d.amount
    from (select account_id, sum(amount) as amount from new_postings group by account_id) d
   where a.id = d.account_id and a.keeps_balance and d.amount <> 0;
  return null;
end $$;
create trigger ledger_postings_apply after insert on ledger_postings
  referencing new table as new_postings
  for each statement execute function ledger_apply_postings();
