package dev.flywheel.fission;

import dev.flywheel.fission.store.ActivityStore;
import dev.flywheel.fission.store.TaskStore;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring invite links: {@code <task id>.<expires, epoch seconds>.<base64url HMAC-SHA256>}
 * over {@code tenant:task:expires}, keyed with the activity's own random secret. Changing any part
 * breaks the signature; no server state beyond the secret.
 */
@Component
public class Invites {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final ActivityStore activities;
  private final TaskStore tasks;

  Invites(ActivityStore activities, TaskStore tasks) {
    this.activities = activities;
    this.tasks = tasks;
  }

  public String sign(Task task, Instant expiresAt) {
    long expires = expiresAt.getEpochSecond();
    return task.id() + "." + expires + "." + mac(activities.secret(task.activityId()), task.tenantId(), task.id(), expires);
  }

  /** What an invite string says once checked. */
  public sealed interface Check {
    record Valid(Task task) implements Check {}

    record Invalid(String code, String detail) implements Check {}
  }

  public Check verify(long tenantId, String invite, Instant now) {
    String[] parts = invite == null ? new String[0] : invite.split("\\.");
    if (parts.length != 3) {
      return forged();
    }
    long taskId;
    long expires;
    try {
      taskId = Long.parseLong(parts[0]);
      expires = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return forged();
    }
    Optional<Task> task = tasks.find(tenantId, taskId);
    if (task.isEmpty()) {
      return forged();
    }
    String expected = mac(activities.secret(task.get().activityId()), tenantId, taskId, expires);
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return forged();
    }
    if (!now.isBefore(Instant.ofEpochSecond(expires))) {
      return new Check.Invalid("invite-expired", "This invite link has expired; ask your friend for a new one");
    }
    return new Check.Valid(task.get());
  }

  private static Check forged() {
    return new Check.Invalid("invalid-invite", "This invite link is not valid");
  }

  private static String mac(byte[] secret, long tenantId, long taskId, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return B64.encodeToString(mac.doFinal((tenantId + ":" + taskId + ":" + expires).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
