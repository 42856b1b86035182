-- recommended customers by a customer segment (customer module), besides tags
alter table fission_activities add column recommend_segment_id bigint;
