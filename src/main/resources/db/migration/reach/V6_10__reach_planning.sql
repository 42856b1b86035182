-- Reach planning: templates with copy variants, tenant settings (caps, quiet hours, stage policy),
-- the touches that caps count, and what planning stores on a message.

create table reach_templates (
  id            bigint generated always as identity primary key,
  tenant_id     bigint      not null references tenants (id),
  key           text        not null check (key ~ '^[A-Za-z0-9._-]{1,64}$'),
  channel       text        not null,
  version       int         not null default 1,
  best_time     boolean     not null default false,
  goal_event    text,
  created_at    timestamptz not null,
  updated_at    timestamptz not null,
  constraint reach_templates_key unique (tenant_id, channel, key)
);

create table reach_template_variants (
  template_id   bigint  not null references reach_templates (id),
  name          text    not null check (name ~ '^[a-z0-9_-]{1,32}$'),
  position      int     not null,
  weight        int     not null check (weight between 0 and 10000),
  subject       text,
  body          text    not null,
  primary key (template_id, name)
);

-- Every saved version of a template (the variants as JSON): who changed what, when.
create table reach_template_versions (
  template_id   bigint      not null references reach_templates (id),
  version       int         not null,
  content       jsonb       not null,
  saved_by      text        not null,
  saved_at      timestamptz not null,
  primary key (template_id, version)
);

create table reach_settings (
  tenant_id     bigint      primary key references tenants (id),
  settings      jsonb       not null,
  updated_by    text        not null,
  updated_at    timestamptz not null
);

-- One row per contact made (a message handed to delivery): what caps and the minimum interval count.
create table reach_touches (
  tenant_id     bigint      not null,
  customer_id   text        not null,
  channel       text        not null,
  category      text        not null,
  message_id    bigint      not null unique references reach_messages (id),
  at            timestamptz not null
);
create index reach_touches_customer on reach_touches (tenant_id, customer_id, at);

alter table reach_messages
  add column template_id      bigint,
  add column template_version int,
  add column values_json      jsonb not null default '{}',
  add column send_arm         text,
  add column recipient        text,
  add column subject          text,
  add column body             text,
  add column queued_at        timestamptz;
