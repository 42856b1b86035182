-- A spend is exactly once per (wallet, reference): before posting, the ledger looks for an earlier
-- SPEND entry with the same reference. Without this index that look-up scanned every posting of the
-- wallet (a lottery player's chance wallet has one per draw), so it grew with the customer's history.
create index ledger_entries_spend_reference on ledger_entries (tenant_id, reference) where kind = 'SPEND';
