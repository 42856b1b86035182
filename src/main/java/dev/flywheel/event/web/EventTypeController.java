package dev.flywheel.event.web;

import dev.flywheel.event.AttributeSchema;
import dev.flywheel.event.AttributeType;
import dev.flywheel.event.EventTypes;
import dev.flywheel.event.NewEventType;
import dev.flywheel.event.TypeDefinition;
import dev.flywheel.event.types.DefinitionCheck;
import dev.flywheel.platform.tenancy.CurrentTenant;
import dev.flywheel.platform.web.FieldIssue;
import dev.flywheel.platform.web.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The event-type registry over HTTP: built-in types plus the calling tenant's own. */
@RestController
class EventTypeController {
  private final EventTypes types;
  private final CurrentTenant tenant;

  EventTypeController(EventTypes types, CurrentTenant tenant) {
    this.types = types;
    this.tenant = tenant;
  }

  record Definition(String name, String description, Map<String, AttributeDefinition> attributes) {}

  /** {@code required} defaults to false. */
  record AttributeDefinition(String type, Boolean required, List<String> values) {}

  @GetMapping("/api/v1/event-types")
  List<EventTypeBody> list() {
    return types.list(tenant.id()).stream().map(EventTypeBody::of).toList();
  }

  @GetMapping("/api/v1/event-types/{name}")
  EventTypeBody one(@PathVariable String name) {
    return types.find(tenant.id(), name).map(EventTypeBody::of)
        .orElseThrow(() -> Problem.notFound("Event type", name));
  }

  /** 201 with the type; 409 {@code shadows-built-in}/{@code type-exists}; 422 for a bad definition. */
  @PostMapping("/api/v1/event-types")
  ResponseEntity<EventTypeBody> define(@RequestBody Definition body) {
    List<FieldIssue> unknownTypes = new ArrayList<>();
    List<AttributeSchema> attributes = new ArrayList<>();
    (body.attributes() == null ? Map.<String, AttributeDefinition>of() : body.attributes()).forEach((name, a) -> {
      Optional<AttributeType> type = a == null ? Optional.empty() : AttributeType.fromJsonName(a.type());
      if (type.isEmpty()) {
        unknownTypes.add(new FieldIssue("attributes." + name + ".type", "unknown-attribute-type",
            "must be one of string, integer, decimal, money, boolean, date, timestamp, enum"));
      } else {
        attributes.add(new AttributeSchema(name, type.get(), Boolean.TRUE.equals(a.required()), a.values(), null));
      }
    });
    NewEventType definition = new NewEventType(body.name(), body.description(), attributes);
    if (!unknownTypes.isEmpty()) {
      unknownTypes.addAll(DefinitionCheck.issues(definition));
      TypeDefinition.Invalid invalid = TypeDefinition.Invalid.of(unknownTypes);
      throw Problem.invalid(invalid.code(), "The event type definition is invalid", invalid.errors());
    }
    return switch (types.define(tenant.id(), definition)) {
      case TypeDefinition.Defined d -> ResponseEntity.status(HttpStatus.CREATED).body(EventTypeBody.of(d.type()));
      case TypeDefinition.NameTaken t -> throw Problem.conflict(t.code(), "The name '" + t.name() + "' is taken"
          + (t.code().equals("shadows-built-in") ? " by a built-in event type" : " by one of your event types"));
      case TypeDefinition.Invalid i -> throw Problem.invalid(i.code(), "The event type definition is invalid", i.errors());
    };
  }
}
