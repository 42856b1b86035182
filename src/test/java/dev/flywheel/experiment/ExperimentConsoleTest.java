package dev.flywheel.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.experiment.Experiment.Status;
import dev.flywheel.platform.security.Role;
import dev.flywheel.support.ConsoleSession;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The experiment pages: create with a weight error shown, results, sample size, stop with an approver's sign-off. */
@RunningFlywheel
class ExperimentConsoleTest {
  @Autowired TestTenants tenants;
  @Autowired Experiments experiments;
  @LocalServerPort int port;

  @Test
  void operatorCreatesAndAsksToStopAnApproverSignsOff() {
    var tenant = tenants.create();
    var operator = new ConsoleSession(port).login(tenant.user(Role.OPERATOR), TestTenants.PASSWORD);
    String page = "/console/experiments";

    var bad = operator.post(page, page, Map.of("key", "copy", "name", "Copy styles", "subject", "MESSAGE_COPY",
        "primary_metric", "message_click", "variants", "caring:50\nofficial:40"));
    assertThat(bad.statusCode()).isEqualTo(302);
    assertThat(operator.get(page).body()).contains("The variant weights must sum to 100 %", "data-field=\"variants\"");
    assertThat(experiments.list(tenant.id())).isEmpty();

    var created = operator.post(page, page, Map.of("key", "copy", "name", "Copy styles", "subject", "MESSAGE_COPY",
        "primary_metric", "message_click", "guardrail_metrics", "app_login", "variants", "caring:50\nofficial:50"));
    assertThat(created.headers().firstValue("Location").orElse("")).endsWith("/console/experiments/copy");
    experiments.expose(tenant.id(), "copy", "c1");
    var results = operator.get(page + "/copy").body();
    assertThat(results).contains("Primary metric: message_click", "Guardrail: app_login", "data-variant=\"caring\"",
        "data-variant=\"official\"").doesNotContain("id=\"srm-warning\"");
    assertThat(operator.get(page + "?baseline=0.1&effect=0.02").body()).contains("3,841 customers per variant");

    operator.post(page + "/copy/stop-request", page + "/copy", Map.of("reason", "official copy hurts logins"));
    assertThat(experiments.find(tenant.id(), "copy").orElseThrow().status()).isEqualTo(Status.STOP_REQUESTED);
    assertThat(operator.post(page + "/copy/stop-approval", page + "/copy", Map.of()).statusCode())
        .as("an operator cannot approve").isEqualTo(403);

    var approver = new ConsoleSession(port).login(tenant.user(Role.APPROVER), TestTenants.PASSWORD);
    assertThat(approver.get(page + "/copy").body()).contains("id=\"approve-stop\"", "official copy hurts logins");
    approver.post(page + "/copy/stop-approval", page + "/copy", Map.of());
    var stopped = experiments.find(tenant.id(), "copy").orElseThrow();
    assertThat(stopped.status()).isEqualTo(Status.STOPPED);
    assertThat(stopped.stoppedBy()).isEqualTo(tenant.user(Role.APPROVER));
    assertThat(operator.get(page + "/nope").statusCode()).isEqualTo(404);
  }
}
