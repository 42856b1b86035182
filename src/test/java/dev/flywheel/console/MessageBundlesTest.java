package dev.flywheel.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.LineNumberReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The console speaks English and Simplified Chinese: both bundles must name the same keys. */
class MessageBundlesTest {

  @Test
  void englishAndChineseBundlesHaveTheSameKeysAndTheDefaultBundleIsTheEnglishOne() throws IOException {
    Properties en = load("messages_en.properties");
    Properties zh = load("messages_zh_CN.properties");
    assertThat(zh.stringPropertyNames()).as("keys of zh_CN").containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
    assertThat(load("messages.properties")).as("messages.properties is the English bundle").isEqualTo(en);
    assertThat(en).isNotEmpty();
  }

  @Test
  void noBundleDefinesAKeyTwiceAndNoValueIsEmpty() throws IOException {
    for (String bundle : List.of("messages.properties", "messages_en.properties", "messages_zh_CN.properties")) {
      Map<String, Integer> firstLine = new LinkedHashMap<>();
      List<String> problems = new ArrayList<>();
      try (LineNumberReader lines = new LineNumberReader(new InputStreamReader(open(bundle), StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String trimmed = line.strip();
          if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
            continue;
          }
          String key = trimmed.substring(0, trimmed.indexOf('=')).strip();
          String value = trimmed.substring(trimmed.indexOf('=') + 1).strip();
          Integer earlier = firstLine.putIfAbsent(key, lines.getLineNumber());
          if (earlier != null) {
            problems.add(key + " on lines " + earlier + " and " + lines.getLineNumber());
          }
          if (value.isEmpty()) {
            problems.add(key + " is empty on line " + lines.getLineNumber());
          }
        }
      }
      assertThat(problems).as(bundle).isEmpty();
    }
  }

  private static Properties load(String name) throws IOException {
    Properties properties = new Properties();
    try (InputStream in = open(name)) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return properties;
  }

  private static InputStream open(String name) {
    InputStream in = MessageBundlesTest.class.getResourceAsStream("/i18n/" + name);
    assertThat(in).as(name).isNotNull();
    return in;
  }
}
