package dev.flywheel.reach.delivery.demo;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** The demo mailbox is a real SMTP server: JavaMail delivers to it over a socket, as to any server. */
class DemoMailboxTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T02:00:00Z"), ZoneOffset.UTC);

  @Test
  void javaMailDeliversMultipartMailsAndTheMailboxListsThemNewestFirst() throws Exception {
    try (DemoMailbox box = new DemoMailbox(0, clock)) {
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(box.port());
      send(sender, "alice@example.com", "Your offer", "Hello Alice,\n.leading dot line\nsee you", true);
      send(sender, "bob@example.com", "Reminder 还款提醒", "Repay by Friday", false);

      assertThat(box.recent()).hasSize(2);
      DemoMailbox.Mail bob = box.recent().get(0);
      assertThat(bob.to()).containsExactly("bob@example.com");
      assertThat(bob.from()).isEqualTo("news@example.com");
      assertThat(bob.subject()).isEqualTo("Reminder 还款提醒");
      assertThat(bob.text().strip()).isEqualTo("Repay by Friday");
      assertThat(bob.html()).isFalse();
      assertThat(bob.receivedAt()).isEqualTo(clock.instant());
      DemoMailbox.Mail alice = box.recent().get(1);
      assertThat(alice.text().replace("\r\n", "\n").strip()).isEqualTo("Hello Alice,\n.leading dot line\nsee you");
      assertThat(alice.html()).isTrue();
    }
  }

  @Test
  void itKeepsOnlyTheLatestMails() throws Exception {
    try (DemoMailbox box = new DemoMailbox(0, clock)) {
      JavaMailSenderImpl sender = new JavaMailSenderImpl();
      sender.setHost("127.0.0.1");
      sender.setPort(box.port());
      for (int i = 0; i < DemoMailbox.KEEP + 3; i++) {
        send(sender, "c" + i + "@example.com", "n" + i, "body " + i, false);
      }
      assertThat(box.recent()).hasSize(DemoMailbox.KEEP);
      assertThat(box.recent().getFirst().subject()).isEqualTo("n" + (DemoMailbox.KEEP + 2));
      assertThat(box.recent().getLast().subject()).isEqualTo("n3");
    }
  }

  @Test
  void inTheDemoWithoutSpringMailTheApplicationsMailSenderGoesToTheMailbox() {
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(DemoMailConfiguration.class)
        .withBean(Clock.class, () -> clock);
    runner.withPropertyValues("flywheel.demo.enabled=true").run(context -> {
      assertThat(context).hasSingleBean(JavaMailSender.class).hasSingleBean(DemoMailbox.class);
      send((JavaMailSenderImpl) context.getBean(JavaMailSender.class), "c@example.com", "Hi", "Hello", true);
      assertThat(context.getBean(DemoMailbox.class).recent()).singleElement()
          .satisfies(m -> assertThat(m.to()).containsExactly("c@example.com"));
    });
    runner.withPropertyValues("flywheel.demo.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean(JavaMailSender.class).doesNotHaveBean(DemoMailbox.class));
    runner.withPropertyValues("flywheel.demo.enabled=true", "spring.mail.host=smtp.example.com").run(context ->
        assertThat(context).doesNotHaveBean(DemoMailbox.class));
    runner.withPropertyValues("flywheel.demo.enabled=true", "flywheel.reach.demo-mailbox.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(DemoMailbox.class));
  }

  private static void send(JavaMailSenderImpl sender, String to, String subject, String text, boolean html)
      throws Exception {
    MimeMessage mime = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(mime, html, "UTF-8");
    helper.setFrom("news@example.com");
    helper.setTo(to);
    helper.setSubject(subject);
    if (html) {
      helper.setText(text, "<p>" + text + "</p>");
    } else {
      helper.setText(text);
    }
    sender.send(mime);
  }
}
