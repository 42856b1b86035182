-- Per-tenant lifecycle thresholds (days); tenants without a row use the defaults below.
create table lifecycle_settings (
  tenant_id               bigint primary key references tenants(id),
  new_days                int not null default 7,
  retain_min_active_days  int not null default 2,
  active_within_days      int not null default 30,
  dormant_after_days      int not null default 60,
  updated_at              timestamptz not null,
  check (new_days > 0 and retain_min_active_days > 0 and active_within_days > 0
         and new_days <= active_within_days and active_within_days < dormant_after_days)
);
