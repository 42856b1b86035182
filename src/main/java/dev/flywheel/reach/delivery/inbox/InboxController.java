package dev.flywheel.reach.delivery.inbox;

import dev.flywheel.customer.Customers;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.reach.MessageStatus;
import dev.flywheel.reach.delivery.send.StatusMoves;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The in-app inbox for the finance app's backend: {@code GET /api/v1/customers/{id}/inbox} (newest
 * first, paged, with the unread count) and {@code POST .../inbox/{messageId}/read}, which marks it
 * read once and moves the message to OPENED.
 */
@RestController
@RequestMapping("/api/v1/customers/{customerId}/inbox")
class InboxController {
  private static final int MAX_SIZE = 100;
  private final JdbcClient jdbc;
  private final Customers customers;
  private final StatusMoves moves;
  private final CurrentTenant tenant;
  private final Clock clock;

  InboxController(JdbcClient jdbc, Customers customers, StatusMoves moves, CurrentTenant tenant, Clock clock) {
    this.jdbc = jdbc;
    this.customers = customers;
    this.moves = moves;
    this.tenant = tenant;
    this.clock = clock;
  }

  @GetMapping
  Map<String, Object> inbox(@PathVariable String customerId, @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    long tenantId = tenant.id();
    if (customers.find(tenantId, customerId).isEmpty()) {
      throw Problem.notFound("customer", customerId);
    }
    int limit = Math.clamp(size, 1, MAX_SIZE);
    List<Map<String, Object>> items = jdbc.sql("""
            select * from reach_inbox where tenant_id = :tenant and customer_id = :customer
            order by created_at desc, message_id desc limit :limit offset :offset""")
        .param("tenant", tenantId).param("customer", customerId).param("limit", limit)
        .param("offset", Math.max(0, page) * limit).query(InboxController::json).list();
    Map<String, Object> counts = jdbc.sql("""
            select count(*) as total, count(*) filter (where read_at is null) as unread from reach_inbox
            where tenant_id = :tenant and customer_id = :customer""")
        .param("tenant", tenantId).param("customer", customerId).query().singleRow();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", items);
    json.put("page", Math.max(0, page));
    json.put("size", limit);
    json.put("total", counts.get("total"));
    json.put("unread", counts.get("unread"));
    return json;
  }

  @PostMapping("/{messageId}/read")
  @Transactional
  Map<String, Object> read(@PathVariable String customerId, @PathVariable long messageId) {
    long tenantId = tenant.id();
    Instant now = clock.instant();
    Map<String, Object> item = jdbc.sql("""
            update reach_inbox set read_at = coalesce(read_at, :now)
            where tenant_id = :tenant and customer_id = :customer and message_id = :id
            returning *""")
        .param("now", Timestamp.from(now)).param("tenant", tenantId).param("customer", customerId)
        .param("id", messageId).query(InboxController::json).optional()
        .orElseThrow(() -> Problem.notFound("inbox message", Long.toString(messageId)));
    moves.move(tenantId, messageId, MessageStatus.OPENED, null, now);
    item.put("status", moves.current(tenantId, messageId).orElseThrow());
    return item;
  }

  private static Map<String, Object> json(ResultSet rs, int row) throws SQLException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("message_id", rs.getLong("message_id"));
    json.put("title", rs.getString("title"));
    json.put("body", rs.getString("body"));
    json.put("created_at", rs.getTimestamp("created_at").toInstant());
    Timestamp read = rs.getTimestamp("read_at");
    json.put("read_at", read == null ? null : read.toInstant());
    return json;
  }
}
