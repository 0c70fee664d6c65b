package dev.taskorchestrator.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The spans of a traces file (OTLP/JSON lines) of one trace, printed as the tree they form. */
record TraceTree(List<TraceTree.Span> spans) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One span as the file holds it. */
  record Span(String id, String parent, String name, long startNanos, long endNanos, String type) {
    long millis() {
      return (endNanos - startNanos) / 1_000_000;
    }
  }

  /** The spans of {@code traceId} in {@code file}. */
  static TraceTree read(Path file, String traceId) throws IOException {
    List<Span> spans = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      for (JsonNode rs : JSON.readTree(line).path("resourceSpans")) {
        for (JsonNode ss : rs.path("scopeSpans")) {
          for (JsonNode s : ss.path("spans")) {
            if (traceId.equals(s.path("traceId").asString())) {
              spans.add(new Span(s.path("spanId").asString(), s.path("parentSpanId").asString(""),
                  s.path("name").asString(), s.path("startTimeUnixNano").asLong(), s.path("endTimeUnixNano").asLong(),
                  observationType(s)));
            }
          }
        }
      }
    }
    return new TraceTree(spans);
  }

  private static String observationType(JsonNode span) {
    for (JsonNode a : span.path("attributes")) {
      if ("langfuse.observation.type".equals(a.path("key").asString())) {
        return a.path("value").path("stringValue").asString("");
      }
    }
    return "";
  }

  /** Prints the tree, children in the order they started, each line indented by {@code indent}. */
  void print(PrintStream out, String indent) {
    Set<String> ids = spans.stream().map(Span::id).collect(Collectors.toSet());
    spans.stream().filter(s -> s.parent().isEmpty() || !ids.contains(s.parent()))
        .sorted(Comparator.comparingLong(Span::startNanos)).forEach(root -> print(out, root, indent, 0));
  }

  private void print(PrintStream out, Span span, String indent, int depth) {
    out.println(indent + "  ".repeat(depth) + span.name() + (span.type().isEmpty() ? "" : " [" + span.type() + "]")
        + "  " + span.millis() + " ms");
    spans.stream().filter(s -> s.parent().equals(span.id())).sorted(Comparator.comparingLong(Span::startNanos))
        .forEach(child -> print(out, child, indent, depth + 1));
  }
}
