/**
 * The weekly content SOP (internal): templates ({@code community_sop_templates},
 * {@code community_sop_template_slots}), each community's calendar slots
 * ({@code community_sop_slots}) fired once by {@code sop-slot-<id>} tasks, reminders of TASK
 * slots ({@code community_sop_reminders}), the weekly report, the calendar API and console pages.
 * Public API: {@link dev.flywheel.community.ContentCalendar}.
 */
package dev.flywheel.community.sop;
