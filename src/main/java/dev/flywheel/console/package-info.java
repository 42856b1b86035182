/**
 * Console: the operators' web UI (Thymeleaf + htmx + ECharts, English and Simplified Chinese).
 *
 * <p>Owns no tables: every page reads and writes through the other modules' public APIs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Console")
package dev.flywheel.console;
