package dev.flywheel.reach.delivery.email;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML part of a customer e-mail, made from its text: escaped, line breaks kept, links
 * clickable, and the open pixel at the end. Pure.
 */
final class EmailHtml {
  private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+?(?=[.,;:!?]*(?:\\s|$))");

  private EmailHtml() {}

  static String of(String text, String pixelUrl) {
    String escaped = HtmlUtils.htmlEscape(text == null ? "" : text);
    Matcher m = LINK.matcher(escaped);
    StringBuilder linked = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(linked, Matcher.quoteReplacement("<a href=\"" + m.group() + "\">" + m.group() + "</a>"));
    }
    m.appendTail(linked);
    return "<!DOCTYPE html><html><body><p>" + linked.toString().replace("\r\n", "\n").replace("\n", "<br>")
        + "</p><img src=\"" + HtmlUtils.htmlEscape(pixelUrl) + "\" width=\"1\" height=\"1\" alt=\"\""
        + " style=\"display:block;border:0\"></body></html>";
  }
}
