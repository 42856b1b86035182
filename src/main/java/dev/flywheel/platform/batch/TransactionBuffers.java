package dev.flywheel.platform.batch;

import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Per-transaction buffers: listeners that collect what a transaction publishes and apply it once,
 * set-based, before the commit (the buffer is a {@link TransactionSynchronization}, bound to the
 * transaction under the listener's own key, which unbinds it when done).
 */
public final class TransactionBuffers {
  private TransactionBuffers() {}

  /** Whether the caller runs in an actual transaction with synchronization, so a buffer can collect. */
  public static boolean active() {
    return TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive();
  }

  /** The buffer bound to {@code key} in this transaction; created, bound and registered on first use. */
  @SuppressWarnings("unchecked")
  public static <B extends TransactionSynchronization> B bound(Object key, Supplier<B> create) {
    B buffer = (B) TransactionSynchronizationManager.getResource(key);
    if (buffer == null) {
      buffer = create.get();
      TransactionSynchronizationManager.bindResource(key, buffer);
      TransactionSynchronizationManager.registerSynchronization(buffer);
    }
    return buffer;
  }
}
