package dev.flywheel.customer;

import java.util.List;

/**
 * Customers holding exactly the same subset of some asked-for tags (e.g. {@code [insurance, loan]}
 * out of insurance, loan, wealth).
 *
 * @param tags the subset, sorted
 * @param customers how many customers hold exactly this subset
 * @param sampleIds the first of them, most recently active first (then by id)
 */
public record TagCombination(List<String> tags, long customers, List<String> sampleIds) {}
