package dev.flywheel.ledger.web;

import dev.flywheel.ledger.CatalogItem;
import dev.flywheel.ledger.ExchangeOutcome;
import dev.flywheel.ledger.PointsMall;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The points mall: catalog items and exchanges. */
@RestController
class MallController {
  private final CurrentTenant tenant;
  private final PointsMall mall;

  MallController(CurrentTenant tenant, PointsMall mall) {
    this.tenant = tenant;
    this.mall = mall;
  }

  /** {@code {"name", "point_price", "stock"}} → 201 with the item. */
  @PostMapping("/api/v1/catalog/items")
  ResponseEntity<Map<String, Object>> add(@RequestBody(required = false) Map<String, Object> body) {
    String name = Bodies.text(body, "name", 200);
    long price = Bodies.number(body, "point_price", 1, 1_000_000_000L);
    int stock = (int) Bodies.number(body, "stock", 0, 100_000_000L);
    return ResponseEntity.status(HttpStatus.CREATED).body(item(mall.addItem(tenant.id(), name, price, stock)));
  }

  @GetMapping("/api/v1/catalog/items")
  Map<String, Object> items() {
    return Map.of("items", mall.items(tenant.id()).stream().map(MallController::item).toList());
  }

  /** {@code {"item_id", "quantity", "request_id"}} → 201 (200 on a replay of the same request id). */
  @PostMapping("/api/v1/customers/{id}/exchanges")
  ResponseEntity<Map<String, Object>> exchange(@PathVariable String id,
      @RequestBody(required = false) Map<String, Object> body) {
    long itemId = Bodies.number(body, "item_id", 1, Long.MAX_VALUE);
    int quantity = (int) Bodies.number(body, "quantity", 1, 100);
    String requestId = Bodies.requestId(body);
    ExchangeOutcome outcome = mall.exchange(tenant.id(), id, itemId, quantity, requestId, tenant.actor());
    return switch (outcome) {
      case ExchangeOutcome.Exchanged e -> {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exchange_id", e.exchangeId());
        json.put("item_id", e.itemId());
        json.put("quantity", e.quantity());
        json.put("points", e.points());
        json.put("at", e.at().toString());
        json.put("replayed", e.replayed());
        yield ResponseEntity.status(e.replayed() ? HttpStatus.OK : HttpStatus.CREATED).body(json);
      }
      case ExchangeOutcome.Refused r -> throw new Problem(
          r.code().equals("item-not-found") ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, r.code(), r.detail(), List.of());
    };
  }

  private static Map<String, Object> item(CatalogItem i) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", i.id());
    json.put("name", i.name());
    json.put("point_price", i.pointPrice());
    json.put("stock", i.stock());
    return json;
  }
}
