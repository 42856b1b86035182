package dev.flywheel.community.console;

import dev.flywheel.community.ChatKind;
import dev.flywheel.community.CommunityDraft;
import java.util.List;
import java.util.Locale;

/** The create form as posted: managers are the checked EMPLOYEE usernames. */
record CommunityForm(String name, String description, String chatKind, String chatUrl, List<String> managers) {

  static CommunityForm blank() {
    return new CommunityForm("", "", ChatKind.WEB_ROOM.name(), "", List.of());
  }

  CommunityDraft draft() {
    ChatKind kind;
    try {
      kind = ChatKind.valueOf((chatKind == null ? "" : chatKind).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      kind = null;
    }
    return new CommunityDraft(name, description, kind, chatUrl == null || chatUrl.isBlank() ? null : chatUrl.strip(),
        managers == null ? List.of() : managers);
  }

  public List<String> checked() {
    return managers == null ? List.of() : managers;
  }
}
