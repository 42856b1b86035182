package dev.flywheel.fission;

import dev.flywheel.ledger.Asset;
import java.time.Instant;
import java.util.List;

/** What an operator configures; checked by {@link Activities#create}. Nullable fields take defaults. */
public record ActivityDraft(
    String name,
    String rules,
    Instant startsAt,
    Instant endsAt,
    Integer helpersNeeded,
    Boolean newCustomersOnly,
    Boolean oneTaskPerHelper,
    Asset rewardAsset,
    Long rewardAmount,
    Long rewardCouponTemplate,
    Long rewardCatalogItem,
    Integer maxRewards,
    byte[] poster,
    String posterType,
    Activity.QrArea qrArea,
    String employeeScript,
    String customerScript,
    String employeeOrgUnit,
    List<String> recommendTags,
    Long recommendSegmentId,
    Integer remindBeforeMinutes,
    Activity.LiveCodeStrategy liveCodeStrategy,
    Integer inviteTtlSeconds,
    Integer deviceFlagThreshold,
    List<Activity.Acquirer> acquirers) {}
