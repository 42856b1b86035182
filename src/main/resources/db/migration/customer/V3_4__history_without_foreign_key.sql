-- Stage history rows are written by the customer module in the same transaction as the customer
-- row they describe, and never deleted, so the foreign key guarded nothing. It cost a lookup per
-- history row, and PostgreSQL caches that lookup's plan per connection: planned while the table
-- was small, it stayed a sequential scan and made bulk ingestion ~10x slower until the first
-- ANALYZE. The consent table keeps its key (written rarely, by API calls).
alter table customer_stage_history drop constraint customer_stage_history_tenant_id_customer_id_fkey;
