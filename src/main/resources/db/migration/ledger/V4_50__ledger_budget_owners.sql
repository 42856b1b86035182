-- Budgets of owners other than campaigns (a lottery, a fission activity). The ledger keys budgets
-- and grants by a campaign id; an owner of another type now gets a key of its own from the
-- ledger (Ledger.budgetKey), recorded here with the owner's type and id, instead of each module
-- inventing a negative number. Keys are negative, so they never meet a campaign's (positive) id,
-- and come from one sequence, so two owner types never meet each other.
create sequence ledger_budget_owner_keys start with 10000000000;

create table ledger_budget_owners (
  budget_key  bigint primary key check (budget_key < 0),
  tenant_id   bigint not null references tenants(id),
  owner_type  text not null check (owner_type ~ '^[a-z][a-z0-9-]{0,39}$'),
  owner_id    text not null,
  created_at  timestamptz not null,
  unique (tenant_id, owner_type, owner_id)
);

-- budgets opened before under the modules' own negative keys keep them, now registered:
-- fission activities used -(4e9 + id), lotteries -id (new keys start below -1e10)
insert into ledger_budget_owners (budget_key, tenant_id, owner_type, owner_id, created_at)
select distinct on (campaign_id) campaign_id, tenant_id,
       case when campaign_id <= -4000000000 then 'fission-activity' else 'lottery' end,
       case when campaign_id <= -4000000000 then (-campaign_id - 4000000000)::text else (-campaign_id)::text end,
       created_at
from ledger_budgets where campaign_id < 0
order by campaign_id, created_at;
