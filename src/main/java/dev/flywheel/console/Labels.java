package dev.flywheel.console;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Translated names for values built into charts on the server (stages, event types). Unknown
 * codes, such as a tenant's own event types, fall back to the raw name.
 */
@Component
class Labels {
  private final MessageSource messages;

  Labels(MessageSource messages) {
    this.messages = messages;
  }

  String of(String code, String fallback) {
    Locale locale = LocaleContextHolder.getLocale();
    return messages.getMessage(code, null, fallback, locale);
  }

  String loanStage(Enum<?> stage) {
    return of("stage.loan." + stage.name(), stage.name());
  }

  String lifecycleStage(Enum<?> stage) {
    return of("stage.lifecycle." + stage.name(), stage.name());
  }

  String eventType(String type) {
    return of("event.type." + type, type);
  }
}
