package dev.flywheel.lottery.web;

import dev.flywheel.lottery.Draws;
import dev.flywheel.lottery.Lotteries;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.platform.customersession.CustomerPrincipal;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The customer's lottery page in the app's web view ({@code /h5/lotteries/{id}?token=…&lang=zh-CN}):
 * prizes, remaining chances, the draw with its animation, my prizes and the address form. The
 * page's script calls the customer endpoints with the same token.
 */
@Controller
class LotteryH5Page {
  private final Lotteries lotteries;
  private final Draws draws;

  LotteryH5Page(Lotteries lotteries, Draws draws) {
    this.lotteries = lotteries;
    this.draws = draws;
  }

  @GetMapping("/h5/lotteries/{id}")
  String page(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @RequestParam(required = false) String token, Model model, HttpServletResponse response) {
    Optional<Lottery> lottery = lotteries.get(me.tenantId(), id);
    if (lottery.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      return "h5/lottery/not-found";
    }
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Referrer-Policy", "no-referrer");
    model.addAttribute("lottery", lottery.get());
    model.addAttribute("chances", draws.chances(me.tenantId(), me.customerId()));
    model.addAttribute("draws", draws.history(me.tenantId(), id, me.customerId()));
    model.addAttribute("token", token == null ? "" : token);
    return "h5/lottery/page";
  }
}
