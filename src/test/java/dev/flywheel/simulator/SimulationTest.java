package dev.flywheel.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.customer.CustomerSearch;
import dev.flywheel.customer.Customers;
import dev.flywheel.customer.LifecycleStage;
import dev.flywheel.customer.LoanStage;
import dev.flywheel.event.EventHistory;
import dev.flywheel.platform.time.MovableClock;
import dev.flywheel.support.RunningFlywheel;
import dev.flywheel.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@RunningFlywheel
class SimulationTest {
  @Autowired Simulation simulation;
  @Autowired TestTenants tenants;
  @Autowired Customers customers;
  @Autowired EventHistory events;
  @Autowired MovableClock clock;

  @Test
  void fillsATenantThroughTheIngestionPathAndIsIdempotent() {
    var tenant = tenants.create();
    var plan = new SimulationPlan(11, 400, 120, clock.instant(), "SIM");

    SimulationReport first = simulation.run(tenant.id(), plan);

    assertThat(first.rejected()).isZero();
    assertThat(first.accepted()).isEqualTo(first.events()).isGreaterThan(400);
    assertThat(events.count(tenant.id())).isEqualTo(first.accepted());
    assertThat(customers.search(tenant.id(), new CustomerSearch("SIM", null, null, null), 0, 10).total()).isEqualTo(400);
    var byLoanStage = customers.countByLoanStage(tenant.id());
    assertThat(byLoanStage.get(LoanStage.RISK_REJECTED)).isPositive();
    assertThat(byLoanStage.get(LoanStage.LOGGED_IN) + byLoanStage.get(LoanStage.APPLYING)).isPositive();
    var byLifecycle = customers.countByLifecycleStage(tenant.id());
    assertThat(byLifecycle.values().stream().filter(n -> n > 0).count())
        .as("simulated usage spreads customers over several lifecycle stages: %s", byLifecycle)
        .isGreaterThanOrEqualTo(3);
    assertThat(byLifecycle.get(LifecycleStage.DORMANT)).isPositive();

    SimulationReport replay = simulation.run(tenant.id(), plan);
    assertThat(replay.accepted()).isZero();
    assertThat(replay.duplicates()).isEqualTo(first.events());
    assertThat(events.count(tenant.id())).isEqualTo(first.accepted());
  }

  @Test
  void parsesTheCommandLineBothWays() {
    var options = SimulateCommand.options(new String[] {"simulate", "--customers", "100000", "--days=90"});
    assertThat(options).containsEntry("customers", "100000").containsEntry("days", "90");
  }
}
