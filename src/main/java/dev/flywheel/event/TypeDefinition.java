package dev.flywheel.event;

import dev.flywheel.platform.web.FieldIssue;
import java.util.List;

/** Outcome of defining a custom event type. */
public sealed interface TypeDefinition {

  record Defined(EventType type) implements TypeDefinition {}

  /** The name is taken, by a built-in type ({@code shadows-built-in}) or by one of the tenant's ({@code type-exists}). */
  record NameTaken(String code, String name) implements TypeDefinition {}

  /** The definition itself is wrong; {@code code} as for events: the shared code or {@code invalid-event-type}. */
  record Invalid(String code, List<FieldIssue> errors) implements TypeDefinition {
    public static Invalid of(List<FieldIssue> errors) {
      long codes = errors.stream().map(FieldIssue::code).distinct().count();
      return new Invalid(codes == 1 ? errors.getFirst().code() : "invalid-event-type", List.copyOf(errors));
    }
  }
}
