-- a points-mall catalog item as the reward (paid from the activity's points budget at its point price)
alter table fission_activities add column reward_catalog_item bigint;
