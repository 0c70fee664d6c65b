package dev.taskorchestrator.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deterministic hostile input: valid MCP messages mutated with a seeded {@link Random} into broken JSON,
 * wrong types, unknown methods, huge or odd ids, missing fields, deep nesting, invalid UTF-8, oversized
 * messages and more. Each message gets its own id so that its answer can be found.
 */
final class MalformedMessages {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One message as bytes (no newline), and the id its answer must carry if it is a request. */
  record Message(byte[] bytes, String expectedAnswerId, String kind) {}

  private final Random random;
  private final int oversizedBytes;

  MalformedMessages(long seed, int oversizedBytes) {
    this.random = new Random(seed);
    this.oversizedBytes = oversizedBytes;
  }

  private static final String[] VALID = {
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"ping\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"tools/list\",\"params\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"tools/list\",\"params\":{\"cursor\":\"abc\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"logging/setLevel\",\"params\":{\"level\":\"debug\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"tools/call\",\"params\":{\"name\":\"check_budget\",\"arguments\":{\"agent\":\"a1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"resources/list\",\"params\":{}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"resources/read\",\"params\":{\"uri\":\"patterns://all\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"resources/templates/list\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"prompts/list\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"prompts/get\",\"params\":{\"name\":\"plan\",\"arguments\":{\"goal\":\"x\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"completion/complete\",\"params\":{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"plan\"},\"argument\":{\"name\":\"goal\",\"value\":\"x\"}}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"resources/subscribe\",\"params\":{\"uri\":\"x://y\"}}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"again\",\"version\":\"1\"}}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":ID,\"reason\":\"x\"}}",
      "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}",
      "{\"jsonrpc\":\"2.0\",\"id\":ID,\"result\":{}}",
  };

  private static final String[] ODD_VALUES = {
      "null", "true", "false", "0", "-1", "1.5", "1e400", "\"\"", "\"x\"", "[]", "{}", "[1,2]", "{\"a\":1}",
      "123456789012345678901234567890", "-99999999999999999999999", "\"\\u0000\"", "\"\\ud800\"",
  };

  /** Writes the messages of one seed as lines to a file, to replay them by hand: SEED COUNT FILE. */
  public static void main(String[] args) throws java.io.IOException {
    try (var out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(java.nio.file.Path.of(args[2])))) {
      for (Message m : new MalformedMessages(Long.parseLong(args[0]), 65_536).generate(Integer.parseInt(args[1]))) {
        out.write(m.bytes());
        out.write('\n');
      }
    }
  }

  List<Message> generate(int count) {
    List<Message> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(mutate(i));
    }
    return out;
  }

  private Message mutate(int i) {
    String id = random.nextBoolean() ? String.valueOf(1_000_000 + i) : "\"m-" + i + "\"";
    String base = VALID[random.nextInt(VALID.length)].replace("ID", id);
    int kind = random.nextInt(20);
    String text = switch (kind) {
      case 0 -> base;
      case 1 -> base.substring(0, random.nextInt(base.length()));
      case 2 -> flipChar(base);
      case 3 -> base.replace("\"2.0\"", odd());
      case 4 -> base.replace("\"jsonrpc\":\"2.0\",", "");
      case 5 -> replaceMethod(base);
      case 6 -> base.replaceFirst("\"id\":[^,}]+", "\"id\":" + oddId());
      case 7 -> base.replaceFirst("\"params\":", "\"params\":" + odd() + ",\"x\":");
      case 8 -> replaceParamValues(base);
      case 9 -> base.replaceFirst(",\"params\":\\{.*\\}\\}$", "}").replaceFirst("\"method\":\"[^\"]+\",?", "");
      case 10 -> deep(base);
      case 11 -> "[" + base + "," + base + "]";
      case 12 -> odd();
      case 13 -> base.replace("{\"jsonrpc\"", "{\"extra\":" + odd() + ",\"error\":{\"code\":1},\"jsonrpc\"");
      case 14 -> base.replace("\"jsonrpc\":\"2.0\"", "\"jsonrpc\":\"2.0\",\"id\":" + oddId() + ",\"method\":" + odd());
      case 15 -> base.replace("\"2.0\"", "\"2.0\\u0000\"") + (random.nextBoolean() ? "\t \u0007" : "");
      case 16 -> random.nextInt(50) == 0 ? oversized(base) : base.replace("}", ",\"pad\":\""
          + "z".repeat(random.nextInt(2000)) + "\"}");
      case 17 -> random.nextBoolean() ? "" : "   ";
      case 18 -> base.replaceFirst("\"method\":\"([^\"]+)\"", "\"method\":\"$1/" + random.nextInt(99) + "\"");
      default -> base; // case 19: made invalid UTF-8 below
    };
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (kind == 19) {
      bytes = invalidUtf8(bytes);
    }
    if (bytes.length > oversizedBytes) {
      // Refused unread: the server cannot know the id of a message it will not parse.
      return new Message(bytes, null, "oversized");
    }
    return new Message(bytes, requestId(bytes), "kind-" + kind);
  }

  private String odd() {
    return ODD_VALUES[random.nextInt(ODD_VALUES.length)];
  }

  private String oddId() {
    return switch (random.nextInt(6)) {
      case 0 -> "1" + "0".repeat(20 + random.nextInt(400));
      case 1 -> "\"" + "i".repeat(random.nextInt(5000)) + "\"";
      case 2 -> "-" + random.nextLong();
      default -> odd();
    };
  }

  private String flipChar(String s) {
    char[] c = s.toCharArray();
    int at = random.nextInt(c.length);
    c[at] = "{}[]\",:\\x0 ".charAt(random.nextInt(11));
    return new String(c);
  }

  private String replaceMethod(String s) {
    String m = switch (random.nextInt(5)) {
      case 0 -> "\"no/such/method\"";
      case 1 -> "\"\"";
      case 2 -> "\"" + "m".repeat(random.nextInt(3000)) + "\"";
      case 3 -> "\"sampling/createMessage\"";
      default -> odd();
    };
    return s.replaceFirst("\"method\":\"[^\"]+\"", "\"method\":" + java.util.regex.Matcher.quoteReplacement(m));
  }

  private String replaceParamValues(String s) {
    // Wrong types inside params: every string or object value of a known field.
    return s.replaceAll("\"(name|level|cursor|uri|arguments|ref|argument|protocolVersion|clientInfo|capabilities)\""
        + ":(\"[^\"]*\"|\\{[^{}]*\\})", "\"$1\":" + java.util.regex.Matcher.quoteReplacement(odd()));
  }

  private String deep(String s) {
    int depth = 200 + random.nextInt(5000);
    String nest = "[".repeat(depth) + "]".repeat(depth);
    if (random.nextBoolean()) {
      nest = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }
    return s.replaceFirst("\\{\"jsonrpc\"", "{\"deep\":" + java.util.regex.Matcher.quoteReplacement(nest) + ",\"jsonrpc\"");
  }

  private String oversized(String base) {
    return base.replace("}", ",\"big\":\"" + "b".repeat(oversizedBytes + 10) + "\"}");
  }

  private byte[] invalidUtf8(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int at = Math.max(1, bytes.length - 3);
    out.write(bytes, 0, at);
    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc3, 0x28}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xf0, (byte) 0x9f},
        {(byte) 0xc0, (byte) 0xaf}};
    out.writeBytes(bad[random.nextInt(bad.length)]);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  /**
   * The id an answer must carry: the message is a JSON object with a string or 64-bit integer id and a
   * {@code method} member (so it is a request, well-formed or not). Null when no answer is owed.
   */
  static String requestId(byte[] bytes) {
    JsonNode node;
    try {
      node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
    if (node == null || !node.isObject() || !node.has("method") || node.has("result") || node.has("error")) {
      return null;
    }
    JsonNode id = node.get("id");
    if (id == null || !(id.isString() || (id.isIntegralNumber() && id.canConvertToLong()))) {
      return null;
    }
    return id.asString();
  }
}
