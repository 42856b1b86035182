package dev.flywheel.campaign;

import java.util.Set;

/**
 * Who a campaign met in a period, from its committed decisions.
 *
 * @param reached distinct customers in the audience whose events the campaign evaluated inside
 *     its window (whatever the rules then decided)
 * @param participants ids of the customers the campaign granted something
 */
public record CampaignPeople(long reached, Set<String> participants) {}
