-- Event module: custom event types, idempotency keys and the month-partitioned event store.

-- Tenant-defined event types; built-in types live in code and are never stored here.
create table event_types (
  tenant_id   bigint not null references tenants(id),
  name        text not null check (name ~ '^[a-z][a-z0-9_]{1,63}$'),
  description text not null default '',
  attributes  jsonb not null,   -- [{"name":..,"type":..,"required":..,"values":[..]}], in declared order
  created_at  timestamptz not null,
  primary key (tenant_id, name)
);

create sequence event_seq;

-- Idempotency: a unique key on the partitioned table would have to include occurred_at, which
-- a replay may not repeat exactly; so the (tenant, event_id) key lives here, unpartitioned.
create table event_keys (
  tenant_id   bigint not null,
  event_id    text not null,
  seq         bigint not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null,
  primary key (tenant_id, event_id)
);

-- The event store, one partition per calendar month (UTC) of occurred_at. Partitions are
-- created ahead by a daily job and on demand at ingestion (see Partitions.java).
create table events (
  tenant_id   bigint not null,
  seq         bigint not null,
  event_id    text not null,
  customer_id text not null,
  type        text not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null,
  attributes  jsonb not null default '{}',
  channel     text,
  campaign    text,
  primary key (seq, occurred_at)
) partition by range (occurred_at);

create index events_by_customer on events (tenant_id, customer_id, occurred_at desc);
create index events_by_type on events (tenant_id, type, occurred_at);
