package dev.flywheel.community;

/**
 * A tab on a community's console page. Declare one as a bean to add a page of your own (e.g. the
 * week calendar or the live game panel): it links to {@code /console/communities/{id}/{key}},
 * labelled by the message {@code labelKey}, ordered by {@code order} (overview 0, chat 10,
 * members 20, suggestions 30).
 */
public record ConsoleTab(String key, String labelKey, int order) {

  public String path(long communityId) {
    return "/console/communities/" + communityId + (key.isEmpty() ? "" : "/" + key);
  }
}
