package dev.flywheel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTest {
  private final ApplicationModules modules = ApplicationModules.of(FlywheelApplication.class);

  @Test
  void modulesRespectTheirBoundaries() {
    modules.verify();
    assertThat(modules.stream().map(m -> m.getIdentifier().toString())).contains("platform");
  }

  @Test
  void writesModuleDocumentation() {
    new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    assertThat(new java.io.File("target/spring-modulith-docs")).isDirectory();
  }
}
