package dev.flywheel.fission;

/** Published after a help counted (or a held one was approved) and committed: feeds the live progress stream. */
public record TaskProgress(long tenantId, long taskId, int helps, int needed) {}
