-- Reach delivery: what happens after planning hands a message over (providers, retries,
-- receipts, in-app inbox, phone tasks, tracked links).

-- The rendered message as handed over (links already rewritten to tracked links), and the
-- retry state. next_attempt_at/lease_until come from the application's clock.
alter table reach_deliveries
  add column recipient       text,
  add column subject         text,
  add column body            text,
  add column provider_id     bigint,
  add column next_attempt_at timestamptz,
  add column lease_until     timestamptz;

create index reach_deliveries_due on reach_deliveries (next_attempt_at)
  where sent_at is null and failed_at is null;

-- One provider per tenant and channel. kind: smtp (e-mail), http (generic signed webhook for SMS,
-- push, robocall). The secret signs requests to the provider and verifies its receipts.
create table reach_providers (
  id          bigint generated always as identity primary key,
  tenant_id   bigint      not null references tenants (id),
  channel     text        not null,
  kind        text        not null check (kind in ('smtp', 'http')),
  name        text        not null,
  url         text,
  secret      text,
  headers     jsonb       not null default '{}'::jsonb,
  smtp_host   text,
  smtp_port   int,
  smtp_from   text,
  smtp_username text,
  smtp_password text,
  smtp_starttls boolean   not null default false,
  enabled     boolean     not null default true,
  updated_by  text        not null,
  created_at  timestamptz not null,
  updated_at  timestamptz not null,
  constraint reach_providers_channel unique (tenant_id, channel)
);

-- The in-app inbox: delivering an INBOX message stores it here.
create table reach_inbox (
  message_id  bigint      primary key references reach_messages (id),
  tenant_id   bigint      not null,
  customer_id text        not null,
  title       text,
  body        text        not null,
  created_at  timestamptz not null,
  read_at     timestamptz
);
create index reach_inbox_customer on reach_inbox (tenant_id, customer_id, created_at desc, message_id desc);

-- Manual call tasks for EMPLOYEE users. OPEN → CLAIMED (by one employee) → DONE (outcome).
create table reach_phone_tasks (
  message_id  bigint      primary key references reach_messages (id),
  tenant_id   bigint      not null,
  customer_id text        not null,
  title       text,
  script      text        not null,
  status      text        not null check (status in ('OPEN', 'CLAIMED', 'DONE')),
  claimed_by  text,
  claimed_at  timestamptz,
  outcome     text,
  note        text,
  recorded_at timestamptz,
  created_at  timestamptz not null
);
create index reach_phone_tasks_open on reach_phone_tasks (tenant_id, created_at, message_id) where status = 'OPEN';
create index reach_phone_tasks_claimed on reach_phone_tasks (tenant_id, claimed_by) where status = 'CLAIMED';

-- Original targets of tracked links: /r/{token} names (message, index) and an HMAC.
create table reach_links (
  message_id  bigint      not null references reach_messages (id),
  idx         int         not null,
  url         text        not null,
  clicks      int         not null default 0,
  primary key (message_id, idx)
);

-- Per-tenant key for signing tracked links, made on first use.
create table reach_link_keys (
  tenant_id   bigint      primary key references tenants (id),
  secret      bytea       not null,
  created_at  timestamptz not null
);
