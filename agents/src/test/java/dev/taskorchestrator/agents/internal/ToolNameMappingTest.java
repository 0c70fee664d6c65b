package dev.taskorchestrator.agents.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskorchestrator.agents.ModelRequest;
import dev.taskorchestrator.agents.ToolDefinition;
import dev.taskorchestrator.agents.UserMessage;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ToolNameMappingTest {
  static final Pattern WIRE_SAFE = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

  static ToolNameMapping mappingFor(String... names) {
    List<ToolDefinition> tools = java.util.Arrays.stream(names)
        .map(n -> new ToolDefinition(n, "", Map.of("type", "object"))).toList();
    return ToolNameMapping.forRequest(new ModelRequest(null, "", List.of(new UserMessage("x")),
        tools, null, 10, null));
  }

  @Test
  void mapsDotsToDoubleUnderscoresAndBack() {
    ToolNameMapping mapping = mappingFor("github.search_issues", "read_file");

    assertThat(mapping.wireName("github.search_issues")).isEqualTo("github__search_issues");
    assertThat(mapping.wireName("read_file")).isEqualTo("read_file");
    assertThat(mapping.originalName("github__search_issues")).isEqualTo("github.search_issues");
    assertThat(mapping.originalName("read_file")).isEqualTo("read_file");
  }

  @Test
  void keepsCollidingNamesDistinctAndReversible() {
    ToolNameMapping mapping = mappingFor("a.b", "a__b", "srv.tool with space/ü");
    List<String> names = List.of("a.b", "a__b", "srv.tool with space/ü");

    List<String> wire = names.stream().map(mapping::wireName).toList();

    assertThat(wire).doesNotHaveDuplicates().allMatch(w -> WIRE_SAFE.matcher(w).matches());
    assertThat(wire.stream().map(mapping::originalName).toList()).isEqualTo(names);
  }

  @Test
  void shortensOverlongNamesToSixtyFourCharacters() {
    String longA = "server." + "x".repeat(80) + ".a";
    String longB = "server." + "x".repeat(80) + ".b";
    ToolNameMapping mapping = mappingFor(longA, longB);

    assertThat(mapping.wireName(longA)).hasSizeLessThanOrEqualTo(64).matches(WIRE_SAFE);
    assertThat(mapping.wireName(longA)).isNotEqualTo(mapping.wireName(longB));
    assertThat(mapping.originalName(mapping.wireName(longB))).isEqualTo(longB);
  }

  @Test
  void decodesNamesTheRequestNeverMentioned() {
    assertThat(mappingFor().originalName("fs__write")).isEqualTo("fs.write");
  }
}
