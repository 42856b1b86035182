package dev.flywheel.console;

import dev.flywheel.campaign.CampaignResult;
import dev.flywheel.campaign.RuleIssue;
import dev.flywheel.platform.web.FieldIssue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * The campaign module's issues and refusals in the operator's language. The module speaks in
 * stable codes plus an English detail; we translate the code and keep the parts that are data
 * (rule id, line, column, CEL's own message).
 */
@Component
class CampaignMessages {
  private final MessageSource messages;

  CampaignMessages(MessageSource messages) {
    this.messages = messages;
  }

  /** A compile error split into its parts, or null when the issue is no compile error. */
  record CompileError(String ruleId, String field, int line, int column, String message) {}

  /** One issue for display. */
  record Shown(String field, String code, String text, CompileError compile) {}

  static CompileError compileError(FieldIssue issue) {
    return RuleIssue.of(issue).map(r -> new CompileError(r.ruleId(), r.field(), r.line(), r.column(), r.message()))
        .orElse(null);
  }

  Shown show(FieldIssue issue) {
    CompileError compile = compileError(issue);
    String text;
    if (compile != null) {
      text = message("campaign.issue.compile", compile.ruleId(), compile.line(), compile.column(), compile.message());
    } else if ("invalid-window".equals(issue.code())) {
      text = message("campaign.issue.invalid-window." + issue.field(), issue.message());
    } else {
      text = message("campaign.issue." + issue.code(), issue.message());
    }
    return new Shown(issue.field(), issue.code(), text, compile);
  }

  List<Shown> show(List<FieldIssue> issues) {
    return issues.stream().map(this::show).toList();
  }

  /** Issues by the form field that shows them ({@code channels[3]} → {@code channels}). */
  Map<String, List<Shown>> byField(List<FieldIssue> issues) {
    Map<String, List<Shown>> out = new LinkedHashMap<>();
    for (FieldIssue issue : issues) {
      String field = issue.field() == null ? "" : issue.field();
      String key = field.startsWith("rules") ? "rules" : field.replaceAll("\\[\\d+]$", "");
      out.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(show(issue));
    }
    return out;
  }

  String refusal(CampaignResult.Refused refused) {
    return message("campaign.refused." + refused.code(), refused.detail());
  }

  private String message(String key, Object... args) {
    Locale locale = LocaleContextHolder.getLocale();
    String fallback = args.length > 0 ? String.valueOf(args[args.length - 1]) : key;
    return messages.getMessage(key, args, fallback, locale);
  }
}
