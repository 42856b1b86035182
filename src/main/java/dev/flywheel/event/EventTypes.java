package dev.flywheel.event;

import dev.flywheel.event.TypeDefinition.Defined;
import dev.flywheel.event.TypeDefinition.Invalid;
import dev.flywheel.event.TypeDefinition.NameTaken;
import dev.flywheel.event.types.BuiltInTypes;
import dev.flywheel.event.types.CustomTypes;
import dev.flywheel.event.types.DefinitionCheck;
import dev.flywheel.platform.web.FieldIssue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The event-type registry: the built-in finance types plus each tenant's own. Thread-safe.
 *
 * <p>Custom types are immutable once defined, so a tenant's types are cached in memory; a name
 * not in the cache is looked up in the database once more before it is called unknown, so types
 * defined on another node are found too.
 */
@Service
public class EventTypes {
  private final CustomTypes customTypes;
  private final Clock clock;
  private final Map<Long, Map<String, EventType>> cache = new ConcurrentHashMap<>();

  EventTypes(CustomTypes customTypes, Clock clock) {
    this.customTypes = customTypes;
    this.clock = clock;
  }

  /** Built-in types first (in funnel order), then the tenant's own by name. */
  public List<EventType> list(long tenantId) {
    List<EventType> all = new ArrayList<>(BuiltInTypes.all());
    all.addAll(reload(tenantId).values());
    return all;
  }

  public Optional<EventType> find(long tenantId, String name) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<EventType> builtIn = BuiltInTypes.find(name);
    if (builtIn.isPresent()) {
      return builtIn;
    }
    EventType cached = cache.computeIfAbsent(tenantId, customTypes::all).get(name);
    return cached != null ? Optional.of(cached) : Optional.ofNullable(reload(tenantId).get(name));
  }

  /** Defines a custom type for the tenant; idempotent only in that a second attempt is refused. */
  public TypeDefinition define(long tenantId, NewEventType definition) {
    List<FieldIssue> issues = DefinitionCheck.issues(definition);
    if (!issues.isEmpty()) {
      return Invalid.of(issues);
    }
    if (BuiltInTypes.isBuiltIn(definition.name())) {
      return new NameTaken("shadows-built-in", definition.name());
    }
    String description = definition.description() == null ? "" : definition.description();
    EventType type = new EventType(definition.name(), description, false, definition.attributes());
    if (!customTypes.insert(tenantId, type, clock.instant())) {
      return new NameTaken("type-exists", definition.name());
    }
    reload(tenantId);
    return new Defined(type);
  }

  private Map<String, EventType> reload(long tenantId) {
    Map<String, EventType> types = customTypes.all(tenantId);
    cache.put(tenantId, types);
    return types;
  }
}
