-- Customer module: profiles with their derived loan and lifecycle stages.
-- One row per (tenant, customer); stage columns are written only by the module's event fold and
-- the daily lifecycle job, profile columns only by the profile API.
create table customers (
  tenant_id            bigint not null references tenants(id),
  id                   text not null check (id ~ '^[A-Za-z0-9._:@-]{1,64}$'),
  name                 text,
  phone                text,
  birthday             date,
  city                 text,
  risk_level           text,
  asset_tier           text,
  attributes           jsonb not null default '{}',
  tags                 text[] not null default '{}',
  acquisition_channel  text,
  acquired_at          timestamptz,
  registered_at        timestamptz,
  registered_platform  text,
  h5_only              boolean not null default false,
  loan_stage           text not null default 'REGISTERED',
  -- null while the stage was only implied (profile created without a stage event)
  loan_stage_at        timestamptz,
  application_step     text,
  funder               text,
  credit_line          numeric(18, 2),
  overdue_days         int,
  lifecycle_stage      text not null default 'NEW',
  lifecycle_stage_at   timestamptz not null,
  last_active_at       timestamptz,
  last_active_day      date,
  active_days          int not null default 0,
  recalled_at          timestamptz,
  created_at           timestamptz not null,
  updated_at           timestamptz not null,
  primary key (tenant_id, id)
);
create index customers_loan_stage on customers (tenant_id, loan_stage);
create index customers_lifecycle_stage on customers (tenant_id, lifecycle_stage);
create index customers_tags on customers using gin (tags);

create table customer_consents (
  tenant_id     bigint not null,
  customer_id   text not null,
  channel       text not null check (channel in ('sms', 'push', 'email', 'phone')),
  granted       boolean not null,
  opted_out_at  timestamptz,
  updated_at    timestamptz not null,
  primary key (tenant_id, customer_id, channel),
  foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);

create table customer_stage_history (
  id           bigint generated always as identity primary key,
  tenant_id    bigint not null,
  customer_id  text not null,
  kind         text not null check (kind in ('LOAN', 'LIFECYCLE')),
  from_stage   text,
  to_stage     text not null,
  at           timestamptz not null,
  cause        text not null,
  foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
create index customer_stage_history_customer on customer_stage_history (tenant_id, customer_id, id);
