package dev.flywheel.community;

import java.util.List;

/**
 * Which needs a community's members hold (seed 001: a customer may need insurance, a loan and
 * wealth products at once; single-need groups are warned against).
 *
 * @param members current members
 * @param tags per considered tag, the members holding it and their share of all members, most held first
 * @param multiNeed members holding two or more of the considered tags
 * @param singleNeed true when the community has members and at most one considered tag is held by
 *     at least {@link #WELL_REPRESENTED} of them: the group serves one need only
 */
public record TagMix(int members, List<TagShare> tags, int multiNeed, boolean singleNeed) {
  /** The share of members from which a tag counts as a need the community serves. */
  public static final double WELL_REPRESENTED = 0.2;

  public record TagShare(String tag, int members, double share) {
    public int percent() {
      return (int) Math.round(share * 100);
    }
  }

  public double multiNeedShare() {
    return members == 0 ? 0 : (double) multiNeed / members;
  }

  public int multiNeedPercent() {
    return (int) Math.round(multiNeedShare() * 100);
  }
}
