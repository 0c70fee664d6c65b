package dev.taskorchestrator.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What redaction costs a span export: the strings one spawn exports (usage and cost JSON, names, a prompt and
 * its messages JSON, a URL, ids) through a redactor that knows two secrets, as the Langfuse setup gives it.
 * Prints the best of 60 rounds (the least disturbed by other work on the machine).
 */
@Tag("bench")
class RedactorBenchmarkTest {

  @Test
  void redactingTheStringsOfOneSpawnsSpansCostsMicroseconds() {
    Redactor redactor = Redactor.of(List.of("sk-lf-bench-secret", "cGstbGYtYmVuY2g6c2stbGYtYmVuY2gtc2VjcmV0"), List.of());
    String prompt = ("You are a researcher. Gather the context the task needs: read, search and summarise. Cite what "
        + "you used. Answer in plain words, be concise, and say what you could not find. ").repeat(3);
    List<String> texts = List.of("{\"input\":120,\"output\":30,\"total\":150}",
        "{\"total\":\"0.000420\",\"input\":\"0.000120\"}", "gpt-4o-mini", "researcher", "spawn_archetype_agent",
        "question 42", prompt, "answer 42", "tools/call spawn_archetype_agent",
        "[{\"role\":\"system\",\"content\":\"" + prompt + "\"},{\"role\":\"user\",\"content\":\"question 1\"}]",
        "http://127.0.0.1:8080/v1/chat/completions", "task_0f8e2c1a-77b2-4c1e-9a0e-1234567890ab", "router.budget");
    long chars = texts.stream().mapToLong(String::length).sum();
    int perRound = 20_000;
    long best = Long.MAX_VALUE;
    long sink = 0;
    for (int round = 0; round < 60; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < perRound; i++) {
        for (String t : texts) {
          sink += redactor.redact(t).length();
        }
      }
      best = Math.min(best, System.nanoTime() - start);
    }
    double nsPerSet = (double) best / perRound;
    System.out.printf("BENCH redaction: %.0f ns for the %d strings (%,d characters) of one spawn's spans, %.2f ns per"
        + " character; best of 60 rounds of %,d%n", nsPerSet, texts.size(), chars, nsPerSet / chars, perRound);
    assertThat(sink).isEqualTo(60L * perRound * chars);
  }
}
