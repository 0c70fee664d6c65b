package dev.taskorchestrator.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FailureSignatureTest {

  private static final String TOOL = Target.tool("search", "web");

  @Test
  void sameErrorWithDifferentIdsNumbersAndTimestampsHasOneFingerprint() {
    FailureSignature a = FailureSignature.of(TOOL, ErrorClasses.TIMEOUT,
        "request req_8fK2mQ9xLp1Z to https://api.example.com/v1/search?q=cats&page=2 timed out after 30000 ms "
            + "at 2026-03-01T10:15:30.123Z (trace 3f2b9c1d-0a4e-4b7c-9d2e-5f6a7b8c9d0e, job 4411, node 0x7ffe12ab)");
    FailureSignature b = FailureSignature.of(TOOL, ErrorClasses.TIMEOUT,
        "request req_Zq71Hh3kPw0A to https://api.example.com/v1/search?q=dogs timed out after 45000 ms "
            + "at 2026-03-02 23:01:02+01:00 (trace 11111111-2222-3333-4444-555555555555, job 9, node 0xdeadbeef)");
    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).matches("[0-9a-f]{32}");
    assertThat(a.normalisedMessage()).isEqualTo(b.normalisedMessage())
        .contains("<id>", "https://api.example.com/v1/search?<query>", "<num> ms", "<ts>", "<uuid>", "<hex>")
        .doesNotContain("cats", "30000", "8fK2");
    assertThat(a.patternId()).isEqualTo("pat_" + a.fingerprint().substring(0, 16));
  }

  @Test
  void differentTargetsOrClassesGiveDifferentFingerprints() {
    String msg = "connection reset by peer";
    FailureSignature web = FailureSignature.of(TOOL, ErrorClasses.NETWORK, msg);
    FailureSignature files = FailureSignature.of(Target.tool("files", "read"), ErrorClasses.NETWORK, msg);
    FailureSignature timeout = FailureSignature.of(TOOL, ErrorClasses.TIMEOUT, msg);
    FailureSignature provider = FailureSignature.of(Target.provider("openai", "gpt-4o"), ErrorClasses.NETWORK, msg);
    assertThat(java.util.Set.of(web.fingerprint(), files.fingerprint(), timeout.fingerprint(),
        provider.fingerprint())).hasSize(4);
  }

  @Test
  void replacesPathsQuotedValuesAndLongHexButKeepsHttpStatusCodes() {
    String n = FailureSignature.of(TOOL, ErrorClasses.INVALID_REQUEST,
        "HTTP 404: file '/home/ana/projects/x/report.txt' not found; field \"query\" invalid; "
            + "C:\\Users\\ana\\a.txt; commit 9fceb02d0ae598e95dc970b74767f19372d61af8").normalisedMessage();
    assertThat(n).isEqualTo("HTTP 404: file '<str>' not found; field \"<str>\" invalid; <path>; commit <hex>");
    String bare = FailureSignature.of(TOOL, ErrorClasses.INVALID_REQUEST,
        "cannot open /var/lib/data/run-17/out.json").normalisedMessage();
    assertThat(bare).isEqualTo("cannot open <path>");
    assertThat(FailureSignature.of(TOOL, ErrorClasses.SERVER, "status 503 after 3 tries").normalisedMessage())
        .isEqualTo("status 503 after <num> tries");
  }

  @Test
  void redactsSecretsBeforeNormalising() {
    FailureSignature s = FailureSignature.of(Target.provider("anthropic", "claude-sonnet-4"), ErrorClasses.AUTH,
        "invalid x-api-key sk-ant-api03-AbCdEf123456_ghIJ (Authorization: Bearer eyJhbGciOi.abc.def)");
    assertThat(s.normalisedMessage()).doesNotContain("sk-ant", "AbCdEf", "eyJhbGciOi").contains("<secret>");
  }

  @Test
  void emptyMessageStillHasASignature() {
    assertThat(FailureSignature.of(TOOL, ErrorClasses.SERVER, "  ").normalisedMessage()).isEqualTo("<empty>");
  }

  @Test
  void rejectsMalformedTargetsAndErrorClasses() {
    assertThatThrownBy(() -> FailureSignature.of("search", ErrorClasses.SERVER, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tool:SERVER.TOOL");
    assertThatThrownBy(() -> FailureSignature.of("provider:openai", ErrorClasses.SERVER, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FailureSignature.of(TOOL, "Rate Limit", "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case");
  }
}
