package dev.flywheel.console;

import dev.flywheel.lottery.Guarantee;
import dev.flywheel.lottery.Lottery;
import dev.flywheel.lottery.LotteryDraft;
import dev.flywheel.lottery.Prize;
import dev.flywheel.lottery.PrizeKind;
import dev.flywheel.lottery.PrizeSpec;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The lottery editor's form: name, window (tenant's local time), guarantee, and the prize pool as
 * rows (a row without a name is ignored; weights, stock and amounts are whole numbers, money in fen).
 */
public class LotteryForm {
  static final int BLANK_ROWS = 3;
  private String name = "";
  private String startsAt = "";
  private String endsAt = "";
  private Integer guaranteeTier;
  private Integer guaranteeDraws;
  private List<Row> prizes = new ArrayList<>();

  /** One prize row; numbers are text so a typo comes back as a field issue, not a binding error. */
  public static class Row {
    private String name = "";
    private String kind = "POINTS";
    private String weight = "";
    private String stock = "";
    private String limit = "";
    private String amount = "";
    private String coupon = "";
    private String value = "";
    private String tier = "";

    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public String getWeight() { return weight; }
    public void setWeight(String v) { weight = v; }
    public String getStock() { return stock; }
    public void setStock(String v) { stock = v; }
    public String getLimit() { return limit; }
    public void setLimit(String v) { limit = v; }
    public String getAmount() { return amount; }
    public void setAmount(String v) { amount = v; }
    public String getCoupon() { return coupon; }
    public void setCoupon(String v) { coupon = v; }
    public String getValue() { return value; }
    public void setValue(String v) { value = v; }
    public String getTier() { return tier; }
    public void setTier(String v) { tier = v; }

    boolean blank() {
      return name == null || name.isBlank();
    }
  }

  public String getName() { return name; }
  public void setName(String v) { name = v; }
  public String getStartsAt() { return startsAt; }
  public void setStartsAt(String v) { startsAt = v; }
  public String getEndsAt() { return endsAt; }
  public void setEndsAt(String v) { endsAt = v; }
  public Integer getGuaranteeTier() { return guaranteeTier; }
  public void setGuaranteeTier(Integer v) { guaranteeTier = v; }
  public Integer getGuaranteeDraws() { return guaranteeDraws; }
  public void setGuaranteeDraws(Integer v) { guaranteeDraws = v; }
  public List<Row> getPrizes() { return prizes; }
  public void setPrizes(List<Row> v) { prizes = v; }

  /** A new lottery's form: a thank-you row and blank rows. */
  static LotteryForm blank(LocalDateTime now) {
    LotteryForm form = new LotteryForm();
    form.startsAt = now.withSecond(0).withNano(0).toString();
    form.endsAt = now.plusDays(7).withSecond(0).withNano(0).toString();
    Row thanks = new Row();
    thanks.name = "Thank you";
    thanks.kind = PrizeKind.THANK_YOU.name();
    thanks.weight = "50";
    thanks.value = "0";
    thanks.tier = "0";
    form.prizes.add(thanks);
    form.padded();
    return form;
  }

  static LotteryForm of(Lottery lottery, ZoneId zone) {
    LotteryForm form = new LotteryForm();
    form.name = lottery.name();
    form.startsAt = LocalDateTime.ofInstant(lottery.startsAt(), zone).toString();
    form.endsAt = LocalDateTime.ofInstant(lottery.endsAt(), zone).toString();
    if (lottery.guarantee() != null) {
      form.guaranteeTier = lottery.guarantee().tier();
      form.guaranteeDraws = lottery.guarantee().draws();
    }
    for (Prize p : lottery.prizes()) {
      Row row = new Row();
      row.name = p.name();
      row.kind = p.kind().name();
      row.weight = "" + p.weight();
      row.stock = p.initialStock() == null ? "" : "" + p.initialStock();
      row.limit = p.perCustomerLimit() == null ? "" : "" + p.perCustomerLimit();
      row.amount = "" + p.amount();
      row.coupon = p.couponTemplateId() == null ? "" : "" + p.couponTemplateId();
      row.value = "" + p.value();
      row.tier = "" + p.tier();
      form.prizes.add(row);
    }
    form.padded();
    return form;
  }

  LotteryForm padded() {
    prizes.removeIf(Row::blank);
    for (int i = 0; i < BLANK_ROWS; i++) {
      prizes.add(new Row());
    }
    return this;
  }

  /** The draft this form describes, or the first unreadable field's message in {@code typos}. */
  LotteryDraft draft(ZoneId zone, List<String> typos) {
    List<PrizeSpec> specs = new ArrayList<>();
    int i = 0;
    for (Row r : prizes) {
      if (r.blank()) {
        continue;
      }
      String at = "prizes[" + i++ + "].";
      PrizeKind kind = PrizeKind.valueOf(r.kind);
      Long stock = number(r.stock, at + "stock", typos);
      Long limit = number(r.limit, at + "per_customer_limit", typos);
      Long coupon = number(r.coupon, at + "coupon_template_id", typos);
      specs.add(new PrizeSpec(r.name.strip(), kind, toInt(number(r.weight, at + "weight", typos)),
          stock == null ? null : toInt(stock), limit == null ? null : toInt(limit),
          orZero(number(r.amount, at + "amount", typos)), coupon, orZero(number(r.value, at + "value", typos)),
          toInt(number(r.tier, at + "tier", typos))));
    }
    Guarantee guarantee = guaranteeTier == null && guaranteeDraws == null ? null
        : new Guarantee(guaranteeTier == null ? 0 : guaranteeTier, guaranteeDraws == null ? 0 : guaranteeDraws);
    return new LotteryDraft(name, instant(startsAt, zone, "starts_at", typos), instant(endsAt, zone, "ends_at", typos),
        guarantee, specs);
  }

  private static java.time.Instant instant(String local, ZoneId zone, String field, List<String> typos) {
    try {
      return local == null || local.isBlank() ? null : LocalDateTime.parse(local).atZone(zone).toInstant();
    } catch (DateTimeParseException e) {
      typos.add(field);
      return null;
    }
  }

  private static Long number(String text, String field, List<String> typos) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      typos.add(field);
      return null;
    }
  }

  private static int toInt(Long v) {
    return v == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
  }

  private static long orZero(Long v) {
    return v == null ? 0 : v;
  }
}
