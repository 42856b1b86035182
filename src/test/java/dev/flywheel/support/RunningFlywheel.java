package dev.flywheel.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A full Flywheel on a random port over the shared embedded PostgreSQL, with a movable clock.
 * Every test class uses the same configuration so Spring caches one context for the whole run;
 * tests isolate themselves by creating their own tenant ({@link TestTenants}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, TestTenants.class})
public @interface RunningFlywheel {}
