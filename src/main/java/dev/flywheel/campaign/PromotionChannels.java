package dev.flywheel.campaign;

import java.util.List;

/** Where a campaign is promoted (seed 000). */
public final class PromotionChannels {
  public static final List<String> ALL = List.of("banner", "top_ad", "app_start_page", "announcement", "sms",
      "in_app_message", "push", "investor_group", "activity_page", "wechat_share", "paid_channel");

  private PromotionChannels() {}
}
