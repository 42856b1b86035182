package dev.flywheel.reach.delivery.demo;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small real SMTP server on 127.0.0.1 for the demo run: it speaks enough SMTP (HELO/EHLO, MAIL,
 * RCPT, DATA, RSET, NOOP, QUIT) for JavaMail to deliver to it, and keeps the last {@value #KEEP}
 * mails in memory (lost on restart) for the console's demo mailbox. Mail reaches it over a real
 * SMTP connection like any other server; nothing is relayed anywhere.
 */
public final class DemoMailbox implements AutoCloseable {
  static final int KEEP = 200;
  private static final Logger log = LoggerFactory.getLogger(DemoMailbox.class);
  private final ServerSocket server;
  private final Clock clock;
  private final Deque<Mail> mails = new ConcurrentLinkedDeque<>();
  private final Thread acceptor;

  /** A received mail: envelope, subject, the text part, and whether it had an HTML part. */
  public record Mail(Instant receivedAt, String from, List<String> to, String subject, String text, boolean html) {}

  /** Starts listening on {@code port} of 127.0.0.1 (0: a free port). */
  public DemoMailbox(int port, Clock clock) throws IOException {
    this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
    this.clock = clock;
    this.acceptor = Thread.ofVirtual().name("demo-mailbox").start(this::accept);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The received mails, newest first. */
  public List<Mail> recent() {
    return List.copyOf(mails);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread.ofVirtual().start(() -> converse(socket));
      } catch (IOException e) {
        if (!server.isClosed()) {
          log.warn("demo mailbox could not accept a connection", e);
        }
      }
    }
  }

  private void converse(Socket socket) {
    try (socket;
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(socket.getOutputStream(), false, StandardCharsets.UTF_8)) {
      reply(out, "220 localhost Flywheel demo mailbox");
      String from = null;
      List<String> to = new ArrayList<>();
      for (String line; (line = in.readLine()) != null; ) {
        String command = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
        switch (command) {
          case "HELO", "EHLO" -> reply(out, "250 localhost");
          case "MAIL" -> {
            from = address(line);
            to.clear();
            reply(out, "250 OK");
          }
          case "RCPT" -> {
            to.add(address(line));
            reply(out, "250 OK");
          }
          case "DATA" -> {
            reply(out, "354 End data with <CR><LF>.<CR><LF>");
            store(from, to, readData(in));
            reply(out, "250 OK");
          }
          case "RSET" -> {
            from = null;
            to.clear();
            reply(out, "250 OK");
          }
          case "NOOP" -> reply(out, "250 OK");
          case "QUIT" -> {
            reply(out, "221 Bye");
            return;
          }
          default -> reply(out, "502 Command not implemented");
        }
      }
    } catch (IOException e) {
      log.debug("demo mailbox connection ended", e);
    }
  }

  private static void reply(PrintWriter out, String line) {
    out.print(line + "\r\n");
    out.flush();
  }

  private static String address(String line) {
    int open = line.indexOf('<');
    int close = line.indexOf('>', open + 1);
    return open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).strip();
  }

  /** The message up to the lone dot, dot-unstuffed. */
  private static String readData(BufferedReader in) throws IOException {
    StringBuilder data = new StringBuilder();
    for (String line; (line = in.readLine()) != null && !line.equals("."); ) {
      data.append(line.startsWith("..") ? line.substring(1) : line).append("\r\n");
    }
    return data.toString();
  }

  private void store(String from, List<String> to, String data) {
    String subject = "";
    String text = "";
    boolean html = false;
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
          new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)));
      subject = message.getSubject() == null ? "" : message.getSubject();
      text = part(message, "text/plain");
      html = !part(message, "text/html").isEmpty();
    } catch (MessagingException | IOException e) {
      text = data;
    }
    mails.addFirst(new Mail(clock.instant(), from, List.copyOf(to), subject, text, html));
    while (mails.size() > KEEP) {
      mails.pollLast();
    }
  }

  private static String part(Part part, String type) throws MessagingException, IOException {
    if (part.isMimeType(type)) {
      return part.getContent().toString();
    }
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = part(child, type);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    return "";
  }

  @Override
  public void close() throws IOException {
    server.close();
    acceptor.interrupt();
  }

  @Override
  public String toString() {
    return "DemoMailbox" + Arrays.asList("127.0.0.1", port());
  }
}
