-- A schedule day is claimed with a lease and marked done only after every member was entered:
-- a node that dies mid-day leaves the day unfinished, and another sweep finishes it once the lease
-- has passed (entry keys keep customers already entered from entering twice).
alter table journey_schedule_days add column lease_until timestamptz;
alter table journey_schedule_days add column done_at timestamptz;
-- days recorded before this change count as done
update journey_schedule_days set done_at = now() where done_at is null;
create index journey_schedule_days_open on journey_schedule_days (tenant_id, journey_id) where done_at is null;
