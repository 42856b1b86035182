package dev.flywheel.lottery.web;

import dev.flywheel.lottery.Draws;
import dev.flywheel.lottery.Fulfilments;
import dev.flywheel.lottery.Lotteries;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lotteries for the app backend (API key): {@code docs/api/lottery.md}. */
@RestController
class LotteryController {
  private final CurrentTenant tenant;
  private final Lotteries lotteries;
  private final Draws draws;
  private final Fulfilments fulfilments;

  LotteryController(CurrentTenant tenant, Lotteries lotteries, Draws draws, Fulfilments fulfilments) {
    this.tenant = tenant;
    this.lotteries = lotteries;
    this.draws = draws;
    this.fulfilments = fulfilments;
  }

  @PostMapping("/api/v1/lotteries")
  ResponseEntity<Map<String, Object>> create(@RequestBody(required = false) Map<String, Object> body) {
    Lottery created = LotteryJson.done(lotteries.create(tenant.id(), LotteryJson.draft(body), tenant.actor()));
    return ResponseEntity.status(HttpStatus.CREATED).body(LotteryJson.lottery(created));
  }

  @PutMapping("/api/v1/lotteries/{id}")
  Map<String, Object> update(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    return LotteryJson.lottery(LotteryJson.done(lotteries.update(tenant.id(), id, LotteryJson.draft(body))));
  }

  @PostMapping("/api/v1/lotteries/{id}/launch")
  Map<String, Object> launch(@PathVariable long id) {
    return LotteryJson.lottery(LotteryJson.done(lotteries.launch(tenant.id(), id, tenant.actor())));
  }

  @PostMapping("/api/v1/lotteries/{id}/end")
  Map<String, Object> end(@PathVariable long id) {
    return LotteryJson.lottery(LotteryJson.done(lotteries.end(tenant.id(), id)));
  }

  @GetMapping("/api/v1/lotteries")
  Map<String, Object> list() {
    return Map.of("items", lotteries.list(tenant.id()).stream().map(LotteryJson::lottery).toList());
  }

  @GetMapping("/api/v1/lotteries/{id}")
  Map<String, Object> get(@PathVariable long id) {
    Lottery lottery = lotteries.get(tenant.id(), id).orElseThrow(() -> Problem.notFound("Lottery", "" + id));
    Map<String, Object> json = LotteryJson.lottery(lottery);
    json.put("draws", draws.count(tenant.id(), id));
    Map<String, Object> budget = new LinkedHashMap<>();
    lotteries.budget(tenant.id(), id).lines().forEach((asset, line) -> budget.put(asset.name(),
        Map.of("funded", line.funded(), "remaining", line.remaining(), "granted", line.granted())));
    json.put("budget", budget);
    return json;
  }

  /** {@code {"customer_id", "request_id"}} → 201 with the draw; 200 on a replay of the request id. */
  @PostMapping("/api/v1/lotteries/{id}/draws")
  ResponseEntity<Map<String, Object>> draw(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body) {
    String customer = customerId(body);
    return LotteryJson.drawn(draws.draw(tenant.id(), id, customer, LotteryJson.requestId(body), tenant.actor()));
  }

  @GetMapping("/api/v1/lotteries/{id}/draws")
  Map<String, Object> history(@PathVariable long id, @RequestParam("customer_id") String customerId) {
    lotteries.get(tenant.id(), id).orElseThrow(() -> Problem.notFound("Lottery", "" + id));
    return Map.of("chances", draws.chances(tenant.id(), customerId),
        "items", draws.history(tenant.id(), id, customerId).stream().map(LotteryJson::draw).toList());
  }

  /** The app backend passes on an address the customer gave in the app: {@code {customer_id, recipient, phone, address}}. */
  @PostMapping("/api/v1/lotteries/{id}/fulfilments/{fulfilmentId}/address")
  Map<String, Object> address(@PathVariable long id, @PathVariable long fulfilmentId,
      @RequestBody(required = false) Map<String, Object> body) {
    return CustomerLotteryController.step(fulfilments.address(tenant.id(), id, fulfilmentId, customerId(body),
        LotteryJson.text(body, "recipient"), LotteryJson.text(body, "phone"), LotteryJson.text(body, "address"),
        tenant.actor()));
  }

  private static String customerId(Map<String, Object> body) {
    String customer = LotteryJson.text(body, "customer_id");
    if (customer == null || customer.isBlank() || customer.length() > 128) {
      throw Problem.invalid("validation-failed", "The request has invalid fields",
          List.of(new FieldIssue("customer_id", "required", "a customer id of 1..128 characters")));
    }
    return customer;
  }
}
