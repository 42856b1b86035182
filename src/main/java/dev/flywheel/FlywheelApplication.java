package dev.flywheel;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FlywheelApplication {
  public static void main(String[] args) {
    SpringApplication.run(FlywheelApplication.class, args);
  }
}
