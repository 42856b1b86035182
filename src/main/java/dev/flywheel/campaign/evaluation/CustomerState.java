package dev.flywheel.campaign.evaluation;

import dev.flywheel.campaign.Activation.CustomerFacts;
import dev.flywheel.customer.CustomerProfile;
import dev.flywheel.event.EventAccepted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The customer as rules see it while a batch is evaluated: the stored state from before the
 * transaction, plus what the batch's earlier events of this customer set once (invitation and
 * registration from {@code registered}) and tags campaigns added. Stages stay as stored before the
 * batch (the customer module folds the batch just after evaluation). Not thread-safe.
 */
final class CustomerState {
  private final String id;
  private final List<String> tags;
  private final String loanStage;
  private final String lifecycleStage;
  private final String acquisitionChannel;
  private String invitedBy;
  private Instant registeredAt;
  private final Map<String, Object> attributes;

  private CustomerState(String id, List<String> tags, String loanStage, String lifecycleStage,
      String acquisitionChannel, String invitedBy, Instant registeredAt, Map<String, Object> attributes) {
    this.id = id;
    this.tags = new ArrayList<>(tags);
    this.loanStage = loanStage;
    this.lifecycleStage = lifecycleStage;
    this.acquisitionChannel = acquisitionChannel;
    this.invitedBy = invitedBy;
    this.registeredAt = registeredAt;
    this.attributes = attributes;
  }

  static CustomerState of(String id, CustomerProfile stored) {
    if (stored == null) {
      return new CustomerState(id, List.of(), "", "", "", null, null, Map.of());
    }
    return new CustomerState(id, stored.tags(), stored.loan().stage().name(), stored.lifecycle().stage().name(),
        stored.acquisitionChannel(), stored.invitedBy(), stored.registeredAt(), stored.attributes());
  }

  CustomerFacts facts() {
    return new CustomerFacts(id, List.copyOf(tags), loanStage, lifecycleStage, acquisitionChannel, invitedBy,
        registeredAt, attributes);
  }

  /** After evaluating {@code e}: facts it sets for the customer's later events in the batch. */
  void follow(EventAccepted e) {
    if ("registered".equals(e.type())) {
      if (registeredAt == null) {
        registeredAt = e.occurredAt();
      }
      if (invitedBy == null && e.attributes().get("invited_by") instanceof String inviter && !inviter.isBlank()) {
        invitedBy = inviter;
      }
    }
  }

  void tagged(java.util.Collection<String> added) {
    added.stream().filter(t -> !tags.contains(t)).forEach(tags::add);
  }
}
