package dev.flywheel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FlywheelApplication {
  public static void main(String[] args) {
    SpringApplication app = new SpringApplication(FlywheelApplication.class);
    if (args.length > 0 && args[0].equals("simulate")) {
      // a one-shot command: no web server, no demo tenant, no background jobs
      app.setWebApplicationType(WebApplicationType.NONE);
      System.setProperty("flywheel.demo.enabled", "false");
      System.setProperty("flywheel.jobs.enabled", "false");
      System.exit(SpringApplication.exit(app.run(args)));
    }
    app.run(args);
  }
}
