package dev.flywheel.customer;

import java.util.List;

/** One page of a segment's members (customer ids in id order) and the segment's full count. */
public record SegmentMembers(long segmentId, List<String> customerIds, int page, int size, long total) {}
