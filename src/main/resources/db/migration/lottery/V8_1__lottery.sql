-- Lottery module: lotteries with a prize pool, customers' draws, and the fulfilment of physical
-- prizes. Chances and won value live in the ledger (a draw spends one LOTTERY_CHANCE and, for a
-- points / cash / coupon prize, is a ledger grant from the lottery's budget).
--
-- Invariants PostgreSQL keeps: stock never below zero and stock + awarded = initial stock for
-- every stocked prize (check constraints, decremented by a conditional update); one draw per
-- (lottery, request id); one fulfilment per draw.

create table lottery_lotteries (
  id               bigint generated always as identity primary key,
  tenant_id        bigint not null references tenants(id),
  name             text not null,
  status           text not null default 'DRAFT' check (status in ('DRAFT', 'LIVE', 'ENDED')),
  starts_at        timestamptz not null,
  ends_at          timestamptz not null,
  -- optional guarantee: a prize of tier >= guarantee_tier at the latest on the guarantee_draws-th draw
  guarantee_tier   int check (guarantee_tier >= 1),
  guarantee_draws  int check (guarantee_draws >= 1),
  -- server-side secret mixed into each draw's random seed (customers cannot shop for request ids)
  seed_secret      bytea not null,
  created_by       text not null,
  created_at       timestamptz not null,
  launched_at      timestamptz,
  check (starts_at < ends_at),
  check ((guarantee_tier is null) = (guarantee_draws is null))
);
create index lottery_lotteries_tenant on lottery_lotteries (tenant_id, id);

create table lottery_prizes (
  id                  bigint generated always as identity primary key,
  tenant_id           bigint not null,
  lottery_id          bigint not null references lottery_lotteries(id),
  position            int not null,
  name                text not null,
  kind                text not null check (kind in ('PHYSICAL', 'POINTS', 'CASH', 'COUPON', 'THANK_YOU')),
  weight              int not null check (weight >= 0),
  -- null only for THANK_YOU (never runs out)
  initial_stock       int check (initial_stock >= 0),
  stock               int check (stock >= 0),
  awarded             int not null default 0 check (awarded >= 0),
  per_customer_limit  int check (per_customer_limit >= 1),
  -- what the ledger grants: points, CNY fen, or a number of coupons
  amount              bigint not null default 0 check (amount >= 0),
  coupon_template_id  bigint,
  -- cost of one unit in CNY fen, for the expected cost per draw
  value               bigint not null check (value >= 0),
  tier                int not null check (tier >= 0),
  unique (lottery_id, position),
  check ((kind = 'THANK_YOU') = (stock is null)),
  check ((stock is null) = (initial_stock is null)),
  check (stock is null or stock + awarded = initial_stock),
  check ((kind = 'COUPON') = (coupon_template_id is not null)),
  check (kind not in ('POINTS', 'CASH', 'COUPON') or amount > 0)
);
create index lottery_prizes_lottery on lottery_prizes (lottery_id, position);

-- One row per customer and lottery: the lock that serialises a customer's draws, and the
-- guarantee rule's counter (draws since the last prize of the guaranteed tier).
create table lottery_players (
  tenant_id    bigint not null,
  lottery_id   bigint not null references lottery_lotteries(id),
  customer_id  text not null,
  draws        int not null default 0,
  dry_streak   int not null default 0,
  primary key (lottery_id, customer_id)
);

create table lottery_draws (
  id               bigint generated always as identity primary key,
  tenant_id        bigint not null,
  lottery_id       bigint not null references lottery_lotteries(id),
  request_id       text not null,
  customer_id      text not null,
  prize_id         bigint not null references lottery_prizes(id),
  guaranteed       boolean not null,
  chance_entry_id  bigint not null,
  grant_id         bigint,
  created_at       timestamptz not null,
  unique (lottery_id, request_id)
);
create index lottery_draws_customer on lottery_draws (lottery_id, customer_id, prize_id);

create table lottery_fulfilments (
  id           bigint generated always as identity primary key,
  tenant_id    bigint not null,
  lottery_id   bigint not null references lottery_lotteries(id),
  draw_id      bigint not null unique references lottery_draws(id),
  customer_id  text not null,
  prize_id     bigint not null references lottery_prizes(id),
  status       text not null check (status in ('PENDING_ADDRESS', 'TO_SHIP', 'SHIPPED', 'RECEIVED')),
  recipient    text,
  phone        text,
  address      text,
  tracking_no  text,
  updated_by   text not null,
  created_at   timestamptz not null,
  updated_at   timestamptz not null
);
create index lottery_fulfilments_status on lottery_fulfilments (tenant_id, status, id);
