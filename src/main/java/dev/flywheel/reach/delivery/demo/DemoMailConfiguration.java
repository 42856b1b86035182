package dev.flywheel.reach.delivery.demo;

import java.io.IOException;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The demo run's e-mail: when the demo is on ({@code flywheel.demo.enabled}), no
 * {@code spring.mail.host} is set and {@code flywheel.reach.demo-mailbox.enabled} is not false,
 * a {@link DemoMailbox} listens on 127.0.0.1 ({@code flywheel.reach.demo-mailbox.port}, default a
 * free port) and the application's {@link JavaMailSender} points at it, so e-mails without a
 * tenant SMTP provider go over SMTP to the demo mailbox instead of failing
 * {@code email-not-configured}. A real SMTP server (spring.mail.host) or a tenant's SMTP provider
 * always wins.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${flywheel.demo.enabled:false}' == 'true' and '${spring.mail.host:}' == ''"
    + " and '${flywheel.reach.demo-mailbox.enabled:true}' == 'true'")
class DemoMailConfiguration {

  @Bean(destroyMethod = "close")
  DemoMailbox demoMailbox(@Value("${flywheel.reach.demo-mailbox.port:0}") int port, Clock clock)
      throws IOException {
    return new DemoMailbox(port, clock);
  }

  @Bean
  JavaMailSender demoMailSender(DemoMailbox mailbox) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(mailbox.port());
    return sender;
  }
}
