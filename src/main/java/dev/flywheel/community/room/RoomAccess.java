package dev.flywheel.community.room;

import dev.flywheel.community.Communities;
import dev.flywheel.community.Community;
import dev.flywheel.community.Member;
import dev.flywheel.platform.customersession.CustomerPrincipal;
import dev.flywheel.platform.web.Problem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who may be in a web room: a community of the session's tenant (another tenant's is unknown,
 * 404 {@code community-not-found}) that the customer is a member of (else 403 {@code not-a-member}:
 * join by the community's link first).
 */
@Component
class RoomAccess {
  private final Communities communities;

  RoomAccess(Communities communities) {
    this.communities = communities;
  }

  Member member(CustomerPrincipal me, long communityId) {
    Community community = communities.find(me.tenantId(), communityId)
        .orElseThrow(() -> new Problem(HttpStatus.NOT_FOUND, "community-not-found",
            "No community " + communityId + " for this session", List.of()));
    return communities.members(me.tenantId(), community.id()).stream()
        .filter(m -> m.customerId().equals(me.customerId())).findFirst()
        .orElseThrow(() -> new Problem(HttpStatus.FORBIDDEN, "not-a-member",
            "Join the community by its link before reading or writing in its room", List.of()));
  }
}
