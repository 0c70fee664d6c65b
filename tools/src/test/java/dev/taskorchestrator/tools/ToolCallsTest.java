package dev.taskorchestrator.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.redaction.Redactor;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolCallsTest {

  @Test
  void aResultHasItsTextAndEveryStringOfItsStructuredContentRedacted() {
    Redactor redactor = Redactor.of(List.of("zq76HDJY15WJzIa2GxA5jbvYeHRNrtotxY"), List.of());
    CallToolResult result = CallToolResult.builder()
        .addTextContent("failed: Incorrect API key provided: zq76HDJY15WJzIa2GxA5jbvYeHR.")
        .structuredContent(Map.of("output", "token ghp_3crv83GOSCTYnUsHqbRaSbiJ4rAipmBEdJKN",
            "tool_calls", List.of(Map.of("error", "Bearer tkn.H20gsg5oNFuApW_NlysDWGUyqAnE", "ok", false))))
        .isError(true).build();

    CallToolResult out = ToolCalls.redacted(result, redactor);

    assertThat(((McpSchema.TextContent) out.content().get(0)).text())
        .isEqualTo("failed: Incorrect API key provided: [REDACTED]");
    assertThat(out.structuredContent()).isEqualTo(Map.of("output", "token [REDACTED]",
        "tool_calls", List.of(Map.of("error", "Bearer [REDACTED]", "ok", false))));
    assertThat(out.isError()).isTrue();
  }
}
