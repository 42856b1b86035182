-- Saved audiences: a CEL expression over the customer profile, checked when saved.
create table segments (
  tenant_id    bigint not null references tenants(id),
  id           bigint generated always as identity,
  name         text not null,
  description  text,
  expression   text not null,
  created_by   text not null,
  created_at   timestamptz not null,
  primary key (tenant_id, id),
  unique (tenant_id, name)
);
