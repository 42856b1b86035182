-- Stage transitions per day (UTC), kind and (from, to) stage, from LoanStageChanged and
-- LifecycleStageChanged (published once per move, inside the transaction that moved the stage).
-- from_stage '' = the customer's first stage.
create table analytics_flow_daily (
  tenant_id bigint not null,
  day date not null,
  kind text not null check (kind in ('LOAN', 'LIFECYCLE')),
  from_stage text not null,
  to_stage text not null,
  transitions bigint not null,
  primary key (tenant_id, day, kind, from_stage, to_stage)
);
