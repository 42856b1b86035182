-- The analytics feed: accepted events whose rollups are still to be written. The ingestion
-- transaction adds one row per tenant (the events' sequence numbers and the span of their
-- occurred_at, which prunes the event partitions when they are read back) and commits it with the
-- events; the transaction that writes their rollups deletes it, so each event is rolled up exactly
-- once, after its commit, and a crash in between only delays it
-- (dev.flywheel.analytics.rollup.RollupFeed). A row that keeps failing stays, with its error.
create table analytics_feed (
  id         bigint generated always as identity primary key,
  tenant_id  bigint not null,
  seqs       bigint[] not null,
  first_at   timestamptz not null,
  last_at    timestamptz not null,
  queued_at  timestamptz not null default now(),
  attempts   int not null default 0,
  last_error text
);
create index analytics_feed_by_tenant on analytics_feed (tenant_id, id);
