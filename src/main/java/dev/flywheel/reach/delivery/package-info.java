/**
 * Reach delivery: everything after planning hands a message over ({@link
 * dev.flywheel.reach.delivery.Delivery#handOver}) — durable sending through each channel's
 * provider with retries, delivery receipts, the in-app inbox, phone tasks for employees and
 * tracked links.
 *
 * <p>This package is a named interface of the reach module: the console uses {@link
 * dev.flywheel.reach.delivery.PhoneTasks} (employee task inbox) and {@link
 * dev.flywheel.reach.delivery.ProviderSettings} (provider settings page). Sub-packages are
 * internal. HTTP: {@code docs/api/reach-delivery.md}.
 */
@org.springframework.modulith.NamedInterface("delivery")
package dev.flywheel.reach.delivery;
