-- Reach: the core message tables. Planning (templates, caps, quiet hours, priority) adds its own
-- columns and tables in V6_1x migrations, delivery (providers, receipts, tracking) in V6_2x.

create table reach_messages (
  id            bigint generated always as identity primary key,
  tenant_id     bigint      not null references tenants (id),
  customer_id   text        not null,
  channel       text        not null,
  category      text        not null,
  template_key  text,
  variant       text,
  source        text        not null,
  dedupe_key    text        not null,
  status        text        not null,
  status_reason text,
  not_before    timestamptz not null,
  planned_at    timestamptz not null,
  expires_at    timestamptz,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  constraint reach_messages_dedupe unique (tenant_id, dedupe_key)
);

create index reach_messages_due on reach_messages (planned_at) where status in ('PLANNED', 'DEFERRED');
create index reach_messages_customer on reach_messages (tenant_id, customer_id, created_at);
create index reach_messages_source on reach_messages (tenant_id, source);

-- One row per message handed to delivery; the timestamps say how far it got.
create table reach_deliveries (
  message_id    bigint      primary key references reach_messages (id),
  tenant_id     bigint      not null,
  channel       text        not null,
  provider      text        not null,
  provider_ref  text,
  attempts      int         not null default 0,
  last_error    text,
  queued_at     timestamptz not null,
  sent_at       timestamptz,
  delivered_at  timestamptz,
  opened_at     timestamptz,
  clicked_at    timestamptz,
  failed_at     timestamptz,
  failure_reason text
);

-- Every status change of a message, in order: the audit trail behind MessageStatusChanged.
create table reach_message_history (
  id          bigint generated always as identity primary key,
  message_id  bigint      not null references reach_messages (id),
  tenant_id   bigint      not null,
  status      text        not null,
  reason      text,
  at          timestamptz not null
);
create index reach_message_history_message on reach_message_history (message_id, id);
