-- "Every journal entry sums to zero per asset" is now checked once per INSERT statement on
-- ledger_postings (a transition table of the statement's postings, one query for all entries they
-- touch) instead of by a deferred constraint trigger that ran one query per posting row at commit:
-- a group of N grants (Ledger.grantAll) writes 2N postings in one statement and paid 2N queries
-- at commit. Every writer inserts all postings of an entry in ONE statement (Journal.post,
-- GrantStore.record/recordAll), so checking at the end of that statement refuses exactly what the
-- commit-time check refused, only earlier; the check reads the entry's postings from the table, so
-- an entry whose postings came in several statements must balance after each of them (stricter,
-- never looser).
drop trigger ledger_postings_balanced on ledger_postings;
drop function ledger_check_balanced();

create function ledger_check_balanced() returns trigger language plpgsql as $$
declare
  unbalanced bigint;
begin
  select p.entry_id into unbalanced from ledger_postings p
   where p.entry_id in (select distinct entry_id from new_postings)
   group by p.entry_id, p.asset having sum(p.amount) <> 0
   limit 1;
  if unbalanced is not null then
    raise exception 'journal entry % does not balance', unbalanced
      using errcode = 'check_violation';
  end if;
  return null;
end $$;
create trigger ledger_postings_balanced after insert on ledger_postings
  referencing new table as new_postings
  for each statement execute function ledger_check_balanced();
