package dev.flywheel.platform.security;

/** Console roles. */
public enum Role {
  /** Operations PM: goals, campaigns, journeys, segments. */
  OPERATOR,
  /** Finance/risk: approves budgets and rules (never their own). */
  APPROVER,
  /** Manages users and API keys. */
  ADMIN,
  /** Account manager: tasks, scripts, leaderboards. */
  EMPLOYEE
}
