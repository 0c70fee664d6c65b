package dev.taskorchestrator.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskorchestrator.redaction.testing.SecretSample;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RedactorTest {

  private final Redactor redactor = Redactor.of(List.of("opaque-literal-secret"), List.of("tenant-[0-9]{4}"));

  static Stream<SecretSample> shapes() {
    return SecretSample.shapes().stream();
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void everyCommonShapeIsMaskedInTheMiddleOfText(SecretSample sample) {
    String out = Redactor.ofDefaults().redact("upstream said: " + sample.text() + " (request 42)");
    for (String core : sample.cores()) {
      assertThat(out).as(sample.name()).doesNotContain(core).doesNotContain(core.substring(0, 8));
    }
    assertThat(out).as(sample.name()).contains(Redactor.MASK).startsWith("upstream said: ").endsWith(" (request 42)");
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void everyCommonShapeIsMaskedInJsonAndOnOneLine(SecretSample sample) {
    String json = "{\"error\":{\"message\":\"" + sample.text().replace("\n", "\\n") + "\"}}";
    String oneLine = sample.text().replaceAll("\\s+", " ");
    for (String text : List.of(json, oneLine)) {
      String out = Redactor.ofDefaults().redact(text);
      sample.cores().forEach(core -> assertThat(out).as(sample.name()).doesNotContain(core));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "key sk-ant-api03-AbCdEf0123456789 used|key [REDACTED] used",
      "openai sk-proj-AbCdEf0123456789xyz|openai [REDACTED]",
      "Authorization: Bearer eyJhbGciOi.payload.sig|Authorization: Bearer [REDACTED]",
      "Authorization: basic dXNlcjpwYXNzd29yZA==|Authorization: basic [REDACTED]",
      "url?api_key=abcdef123&x=1|url?api_key=[REDACTED]&x=1",
      "{\"password\": \"hunter22\"}|{\"password\": \"[REDACTED]\"}",
      "uses opaque-literal-secret here|uses [REDACTED] here",
      "for tenant-1234 only|for [REDACTED] only",
      "github ghp_abcdefghijklmnopqrstuvwxyz12|github [REDACTED]",
      "aws AKIAABCDEFGHIJKLMNOP|aws [REDACTED]",
      "token: Bearer eyJhbGciOi.payload.sig|token: Bearer [REDACTED]",
      "my_api_key=abcdef123 and bearer  tok_abcdefgh|my_api_key=[REDACTED] and bearer  [REDACTED]",
      "AUTHORIZATION: BEARER abcdefgh12|AUTHORIZATION: BEARER [REDACTED]",
      "Token=abcdef123;|Token=[REDACTED];",
      "PASSWD: hunter22|PASSWD: [REDACTED]",
      "Secret = 's3cr3tvalue'|Secret = '[REDACTED]'",
      "X-Api-Key: 0123abcd4567|X-Api-Key: [REDACTED]",
      "slack xoxb-1234567890-abcdef|slack [REDACTED]",
      "pat github_pat_11ABCDEFG0123456789abc|pat [REDACTED]",
      "gcp AIzaSyA0123456789abcdefghijklmnopqrstuv|gcp [REDACTED]",
      "svc rk-live-0123456789abcd|svc [REDACTED]",
      "https://bob:s3cret@example.com/x|https://[REDACTED]@example.com/x"})
  void replacesSecretsAndKeepsTheWordsBeforeThem(String input, String expected) {
    assertThat(redactor.redact(input)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "task-runner asked for a sketch of the risk model; tokens: 1200",
      "max_tokens: 100000 > 8192",
      "authentication: failed",
      "author: Alice Example",
      "the task-runner timed out; skip the basic step",
      "a long answer about ships, skies and gh-pages",
      "fingerprint 3f786850e387550fdab836ed7e6dc881de23001b of the commit",
      "see https://example.com/docs?page=2 for the API"})
  void leavesOrdinaryTextAloneAsTheSameInstance(String text) {
    assertThat(redactor.redact(text)).isSameAs(text);
  }

  @Test
  void aKnownSecretIsMaskedWhateverItsShapeAndAlsoWhenEchoedInPart() {
    String key = "zq76HDJY15WJzIa2GxA5jbvYeHRNrtotxY";
    Redactor r = Redactor.of(List.of(key), List.of());
    assertThat(r.redact("key " + key + " refused")).isEqualTo("key [REDACTED] refused");
    for (int cut = 1; cut <= key.length() - KnownSecrets.partLength(key.length()); cut++) {
      String lessTail = key.substring(0, key.length() - cut);
      String lessHead = key.substring(cut);
      assertThat(r.redact("Incorrect API key provided: " + lessTail + ".")).as("minus %d at the end", cut)
          .isEqualTo("Incorrect API key provided: [REDACTED]");
      assertThat(r.redact("key ***" + lessHead + " refused")).as("minus %d at the start", cut)
          .isEqualTo("key ***[REDACTED] refused");
    }
  }

  @Test
  void theLongestKnownSecretGoesFirstSoOneInsideAnotherIsMaskedWhole() {
    Redactor r = Redactor.of(List.of("abcdefgh", "abcdefgh-ijklmnop-qrstuv"), List.of());
    assertThat(r.redact("x abcdefgh-ijklmnop-qrstuv y abcdefgh z")).isEqualTo("x [REDACTED] y [REDACTED] z");
  }

  @Test
  void partsOfAKnownSecretAreAtLeastEightCharactersAndAtMostTwelve() {
    assertThat(KnownSecrets.partLength(8)).isEqualTo(8);
    assertThat(KnownSecrets.partLength(16)).isEqualTo(8);
    assertThat(KnownSecrets.partLength(20)).isEqualTo(10);
    assertThat(KnownSecrets.partLength(64)).isEqualTo(12);
    Redactor r = Redactor.of(List.of("0123456789abcdefghijklmnopqrstuvwxyz"), List.of());
    assertThat(r.redact("id 01234567890 is fine")).as("11 characters of 36").contains("01234567890");
  }

  @Test
  void shortAndBlankValuesAreNoSecrets() {
    Redactor r = Redactor.of(java.util.Arrays.asList("", "  ", null, "abc"), List.of());
    assertThat(r.knownSecretCount()).isZero();
    assertThat(r.redact("abc")).isEqualTo("abc");
  }

  @Test
  void configuredPatternsWithTheirOwnGroupsAreRemovedWhole() {
    Redactor r = Redactor.of(List.of(), List.of("(acct)-([0-9]{6})"));
    assertThat(r.redact("bill acct-123456 now, Bearer abcdefgh12")).isEqualTo("bill [REDACTED] now, Bearer [REDACTED]");
  }

  @Test
  void anInvalidPatternIsRefusedByName() {
    assertThatThrownBy(() -> Redactor.of(List.of(), List.of("([a-z")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'([a-z'");
  }

  @Test
  void withAddsToWhatIsKnown() {
    Redactor r = redactor.with(List.of("another-opaque-one"), List.of("ACME-[0-9]{6}"));
    assertThat(r.redact("opaque-literal-secret another-opaque-one tenant-1234 ACME-271828"))
        .isEqualTo("[REDACTED] [REDACTED] [REDACTED] [REDACTED]");
    assertThat(r.knownSecretCount()).isEqualTo(2);
    assertThat(r.patterns()).containsExactly("tenant-[0-9]{4}", "ACME-[0-9]{6}");
  }

  @Test
  void aTreeHasEveryStringValueRedactedAndIsKeptWhenClean() {
    Map<String, Object> clean = Map.of("a", "plain", "n", 3, "l", List.of("x", Map.of("y", "z")));
    assertThat(redactor.redactTree(clean)).isSameAs(clean);
    Object out = redactor.redactTree(Map.of("output", "opaque-literal-secret", "calls",
        List.of(Map.of("error", "Bearer abcdefgh12"), 4)));
    assertThat(out).isEqualTo(Map.of("output", "[REDACTED]", "calls", List.of(Map.of("error", "Bearer [REDACTED]"), 4)));
  }

  @Test
  void aPemKeyCutShortIsMaskedToTheEnd() {
    String clipped = "HTTP 500: -----BEGIN PRIVATE KEY----- MIIEvQIBADANBgkqhkiG9w0BAQEFAASC…";
    assertThat(Redactor.ofDefaults().redact(clipped)).isEqualTo("HTTP 500: [REDACTED]");
    String certificate = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    assertThat(Redactor.ofDefaults().redact(certificate)).isSameAs(certificate);
  }

  @Test
  void aBareAwsSecretNeedsFortyCharactersOfMixedCaseAndDigitsOnItsOwn() {
    assertThat(Shapes.Seen.of("x ErQHQwjyaxErPZDS3MoJ/aQNjCxkv5ndK0meGR0v y").awsRun()).isTrue();
    assertThat(Shapes.Seen.of("x ErQHQwjyaxErPZDS3MoJ/aQNjCxkv5ndK0meGR0vQ y").awsRun()).isFalse();
    assertThat(Shapes.Seen.of("ErQHQwjyaxErPZDS3MoJ/aQNjCxkv5ndK0meGR0v=").awsRun()).isFalse();
    assertThat(Shapes.Seen.of("ErQHQwjyaxErPZDS3MoJ/aQNjCxkv5ndK0meGR0v").awsRun()).isTrue();
    String hex = "commit 3f786850e387550fdab836ed7e6dc881de23001b";
    assertThat(Redactor.ofDefaults().redact(hex)).isSameAs(hex);
  }
}
