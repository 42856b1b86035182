package dev.flywheel.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A generated customer: profile fields plus their whole event history, oldest first. */
public record SimulatedCustomer(String id, String name, String phone, String city, LocalDate birthday,
    String riskLevel, String assetTier, List<String> tags, String acquisitionChannel, Instant acquiredAt,
    List<SimulatedEvent> events) {}
