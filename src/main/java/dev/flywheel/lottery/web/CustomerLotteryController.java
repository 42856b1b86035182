package dev.flywheel.lottery.web;

import dev.flywheel.lottery.Draws;
import dev.flywheel.lottery.Fulfilments;
import dev.flywheel.lottery.Lotteries;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.platform.customersession.CustomerPrincipal;
import dev.flywheel.platform.web.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lottery for the customer themself (session token, rate limited): what the H5 page calls.
 * The customer is always the token's; nothing here takes a customer id from the request.
 */
@RestController
class CustomerLotteryController {
  private final Lotteries lotteries;
  private final Draws draws;
  private final Fulfilments fulfilments;

  CustomerLotteryController(Lotteries lotteries, Draws draws, Fulfilments fulfilments) {
    this.lotteries = lotteries;
    this.draws = draws;
    this.fulfilments = fulfilments;
  }

  /** The lottery as the customer sees it: prizes (no stock figures), chances, my draws. */
  @GetMapping("/api/v1/customer/lotteries/{id}")
  Map<String, Object> lottery(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id) {
    Lottery lottery = lotteries.get(me.tenantId(), id).orElseThrow(() -> Problem.notFound("Lottery", "" + id));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", lottery.id());
    json.put("name", lottery.name());
    json.put("status", lottery.status().name());
    json.put("starts_at", lottery.startsAt().toString());
    json.put("ends_at", lottery.endsAt().toString());
    json.put("prizes", lottery.prizes().stream().map(p -> Map.of("id", p.id(), "name", p.name(),
        "kind", p.kind().name(), "tier", p.tier())).toList());
    json.put("chances", draws.chances(me.tenantId(), me.customerId()));
    json.put("draws", draws.history(me.tenantId(), id, me.customerId()).stream().map(LotteryJson::draw).toList());
    return json;
  }

  /** {@code {"request_id"}} → 201 with the draw, 200 on a replay. */
  @PostMapping("/api/v1/customer/lotteries/{id}/draws")
  ResponseEntity<Map<String, Object>> draw(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @RequestBody(required = false) Map<String, Object> body) {
    return LotteryJson.drawn(draws.draw(me.tenantId(), id, me.customerId(), LotteryJson.requestId(body),
        me.actor()));
  }

  /** {@code {recipient, phone, address}} for one of my physical prizes. */
  @PostMapping("/api/v1/customer/lotteries/{id}/fulfilments/{fulfilmentId}/address")
  Map<String, Object> address(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @PathVariable long fulfilmentId, @RequestBody(required = false) Map<String, Object> body) {
    return step(fulfilments.address(me.tenantId(), id, fulfilmentId, me.customerId(), LotteryJson.text(body, "recipient"),
        LotteryJson.text(body, "phone"), LotteryJson.text(body, "address"), me.actor()));
  }

  @PostMapping("/api/v1/customer/lotteries/{id}/fulfilments/{fulfilmentId}/received")
  Map<String, Object> received(@AuthenticationPrincipal CustomerPrincipal me, @PathVariable long id,
      @PathVariable long fulfilmentId) {
    return step(fulfilments.received(me.tenantId(), id, fulfilmentId, me.customerId(), me.actor()));
  }

  static Map<String, Object> step(Fulfilments.Step step) {
    return switch (step) {
      case Fulfilments.Step.Done d -> LotteryJson.fulfilment(d.fulfilment());
      case Fulfilments.Step.Refused r -> throw new Problem(switch (r.code()) {
        case "not-found" -> HttpStatus.NOT_FOUND;
        case "validation-failed" -> HttpStatus.UNPROCESSABLE_CONTENT;
        default -> HttpStatus.CONFLICT;
      }, r.code(), r.detail(), List.of());
    };
  }
}
