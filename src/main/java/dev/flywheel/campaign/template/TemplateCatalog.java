package dev.flywheel.campaign.template;

import java.util.List;
import java.util.Optional;

/** Every activity template, in the order the console lists them. Immutable. */
public final class TemplateCatalog {
  private static final List<ActivityTemplate> ALL = List.of(new NewbieBenefits(), new InvitationReward(),
      new RedEnvelopeSharing(), new FirstInvestmentPoints(), new CashBackTiers(), new FullAmountCashBack(),
      new ShortTermRateBoost(), new SiteWideRateBoost(), new RateCouponGrab(), new InvestmentLottery(),
      new OldUserCoupons(), new CreditLineRaise());

  private TemplateCatalog() {}

  public static List<ActivityTemplate> all() {
    return ALL;
  }

  public static Optional<ActivityTemplate> find(String key) {
    return ALL.stream().filter(t -> t.description().key().equals(key)).findFirst();
  }
}
