package dev.flywheel.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.experiment.Experiment.Status;
import dev.flywheel.platform.web.Problem;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Stopping early is maker-checker: the operator asks, a different approver signs off. */
@RunningFlywheel
class ExperimentStopTest {
  @Autowired TestTenants tenants;
  @Autowired Experiments experiments;

  @Test
  void stoppingNeedsADifferentApprover() {
    long t = tenants.create().id();
    experiments.define(t, new NewExperiment("stop-me", "Copy styles", Experiment.Subject.MESSAGE_COPY, "clicked",
        List.of(), List.of(new Experiment.Variant("caring", 50), new Experiment.Variant("official", 50))), "op");

    assertThat(experiments.approveStop(t, "stop-me", "boss")).get()
        .isEqualTo(new StopOutcome.Refused("no-stop-request", "Nobody asked to stop stop-me"));
    assertThat(experiments.requestStop(t, "stop-me", "op", "variant B hurts complaints")).get()
        .isInstanceOf(StopOutcome.Requested.class);
    assertThat(experiments.requestStop(t, "stop-me", "op", "again")).get()
        .isInstanceOfSatisfying(StopOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("not-running"));
    assertThat(experiments.approveStop(t, "stop-me", "op")).get()
        .isInstanceOfSatisfying(StopOutcome.Refused.class, r -> assertThat(r.code()).isEqualTo("same-person"));
    assertThat(experiments.find(t, "stop-me").orElseThrow().status()).isEqualTo(Status.STOP_REQUESTED);
    assertThat(experiments.expose(t, "stop-me", "c1")).as("still running until approved").isPresent();

    assertThat(experiments.approveStop(t, "stop-me", "boss")).get().isInstanceOfSatisfying(StopOutcome.Stopped.class,
        s -> {
          assertThat(s.experiment().status()).isEqualTo(Status.STOPPED);
          assertThat(s.experiment().stoppedBy()).isEqualTo("boss");
          assertThat(s.experiment().stopReason()).isEqualTo("variant B hurts complaints");
        });
    Assertions.assertThatThrownBy(() -> experiments.expose(t, "stop-me", "c2")).isInstanceOfSatisfying(Problem.class,
        p -> assertThat(p.code()).isEqualTo("experiment-stopped"));
  }
}
