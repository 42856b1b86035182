package dev.flywheel.analytics.rollup;

import org.springframework.stereotype.Component;

/** Whether accepted events update the rollups as they arrive (on by default). Thread-safe. */
@Component
public class LiveSwitch {
  private volatile boolean live = true;

  public boolean live() {
    return live;
  }

  public void set(boolean on) {
    live = on;
  }
}
