-- Why a calendar slot was SKIPPED (community-archived, community-gone, not-posted); earlier
-- builds kept the reason in done_by.
alter table community_sop_slots add column skip_reason text;
update community_sop_slots set skip_reason = done_by, done_by = null where status = 'SKIPPED';
