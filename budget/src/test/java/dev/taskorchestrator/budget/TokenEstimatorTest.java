package dev.taskorchestrator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenEstimatorTest {

  @Test
  void upperBoundCountsEveryUtf8ByteAndMessageFraming() {
    String text = "héllo wörld — 你好 🙂";
    assertThat(TokenEstimator.utf8Bytes(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    assertThat(TokenEstimator.upperBound(List.of("system", text)))
        .isEqualTo(6 + text.getBytes(StandardCharsets.UTF_8).length + 3L * TokenEstimator.PER_MESSAGE_OVERHEAD);
  }

  @Test
  void emptyConversationStillCountsItsFraming() {
    assertThat(TokenEstimator.upperBound(List.of())).isEqualTo(TokenEstimator.PER_MESSAGE_OVERHEAD);
  }
}
