/**
 * The activity library (internal): versioned scripts ({@code community_library_activities},
 * {@code community_library_versions}), exports into communities' calendars
 * ({@code community_library_exports}), usage ranking, the library API and console pages. Public
 * API: {@link dev.flywheel.community.ActivityLibrary}.
 */
package dev.flywheel.community.library;
