package dev.taskorchestrator.server;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks every incoming JSON-RPC message before the SDK sees it. The SDK's stdio transport ends the
 * session on the first line it cannot parse, and its HTTP transport answers without the request's id;
 * here a bad message gets a proper JSON-RPC error (with the id when there is one) and the server goes on.
 */
public final class JsonRpcGate {

  /** The decision for one message. */
  public sealed interface Verdict {
    /**
     * Hand the message to the SDK unchanged.
     *
     * @param requestId the id of a request (as text), or null for notifications and responses
     * @param method the method of a request or notification, or null for responses
     * @param id the id of a request as sent, or null for notifications and responses
     * @param message the message as the SDK reads it
     */
    record Pass(String requestId, String method, JsonNode id, McpSchema.JSONRPCMessage message) implements Verdict {}

    /** Answer with {@code response} (a JSON-RPC error) and drop the message. */
    record Reject(String response) implements Verdict {}

    /** Drop the message silently: a broken notification or response has no one to answer. */
    record Drop(String reason) implements Verdict {}
  }

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  // Answers are plain ASCII: an id is echoed exactly even when it is not valid Unicode.
  private static final JsonMapper MAPPER = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
  private static final String ROOTS_LIST_CHANGED = "notifications/roots/list_changed";
  /** Longer than any method MCP defines, short enough to quote back. */
  static final int MAX_METHOD_CHARS = 64;
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private final McpJsonMapper sdkMapper;

  public JsonRpcGate(McpJsonMapper sdkMapper) {
    this.sdkMapper = sdkMapper;
  }

  public Verdict check(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JacksonException e) {
      return reject(null, PARSE_ERROR, "Parse error: the message is not valid JSON");
    }
    if (node == null || node.isMissingNode()) {
      return reject(null, PARSE_ERROR, "Parse error: empty message");
    }
    if (node.isArray()) {
      return reject(null, INVALID_REQUEST, "Invalid Request: JSON-RPC batches are not supported by MCP");
    }
    if (!node.isObject()) {
      return reject(null, INVALID_REQUEST, "Invalid Request: a JSON-RPC message must be a JSON object");
    }
    return checkObject(node, text);
  }

  private Verdict checkObject(JsonNode message, String text) {
    JsonNode id = message.get("id");
    boolean hasId = id != null && !id.isNull();
    JsonNode idForReply = hasId && validId(id) ? id : null;
    if (!"2.0".equals(textOrNull(message.get("jsonrpc")))) {
      return replyOrDrop(hasId, idForReply, "Invalid Request: \"jsonrpc\" must be \"2.0\"");
    }
    if (hasId && !validId(id)) {
      return reject(null, INVALID_REQUEST, "Invalid Request: \"id\" must be a string or an integer");
    }
    if (hasId && id.isString() && !isEncodable(id.asString())) {
      // The SDK writes its answer in UTF-8, where a lone surrogate becomes '?': the client would get an
      // answer with an id it never sent. Ours escapes it, so the id comes back exactly as sent.
      return reject(id, INVALID_REQUEST, "Invalid Request: \"id\" must be valid Unicode text");
    }
    JsonNode method = message.get("method");
    boolean isResponse = message.has("result") || message.has("error");
    if (method == null && !isResponse) {
      return replyOrDrop(hasId, idForReply, "Invalid Request: \"method\" is missing");
    }
    if (method != null && !method.isString()) {
      return replyOrDrop(hasId, idForReply, "Invalid Request: \"method\" must be a string");
    }
    JsonNode params = message.get("params");
    if (params != null && !params.isObject() && !params.isNull()) {
      return replyOrDrop(hasId, idForReply, "Invalid params: \"params\" must be an object", INVALID_PARAMS);
    }
    String shape = method == null ? null : paramsProblem(method.asString(), params);
    if (shape != null) {
      return replyOrDrop(hasId, idForReply, "Invalid params: " + shape, INVALID_PARAMS);
    }
    if (isResponse && !hasId) {
      return new Verdict.Drop("a response without an id");
    }
    McpSchema.JSONRPCMessage parsed;
    try {
      parsed = McpSchema.deserializeJsonRpcMessage(sdkMapper, text);
    } catch (RuntimeException | java.io.IOException e) {
      return replyOrDrop(hasId, idForReply, "Invalid Request: the message does not match any JSON-RPC shape");
    }
    if (!hasId && method != null && method.asString().equals(ROOTS_LIST_CHANGED)) {
      // The server uses no roots. On this notification the SDK would ask the client for its roots
      // (whether or not the client declared roots), hold that request open until it times out, then
      // throw the answer away: a client repeating the notification would pile up server requests.
      return new Verdict.Drop("the server does not use roots");
    }
    boolean isRequest = hasId && method != null;
    if (!hasId && method != null && method.asString().length() > MAX_METHOD_CHARS) {
      return new Verdict.Drop("a notification no MCP method has that long a name");
    }
    if (isRequest && method.asString().length() > MAX_METHOD_CHARS) {
      // No MCP method is this long; the SDK would echo all of it in its "Method not found".
      return reject(id, METHOD_NOT_FOUND, "Method not found: " + method.asString().substring(0, MAX_METHOD_CHARS)
          + "… (" + method.asString().length() + " characters)");
    }
    return new Verdict.Pass(isRequest ? id.asString() : null, method == null ? null : method.asString(),
        isRequest ? id : null, parsed);
  }

  private static boolean validId(JsonNode id) {
    if (id.isString()) {
      return true;
    }
    if (!id.isIntegralNumber()) {
      return false;
    }
    BigInteger v = id.bigIntegerValue();
    return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
  }

  /** True unless {@code s} holds a lone surrogate, which UTF-8 cannot carry. */
  private static boolean isEncodable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static Verdict replyOrDrop(boolean hasId, JsonNode id, String message) {
    return replyOrDrop(hasId, id, message, INVALID_REQUEST);
  }

  private static Verdict replyOrDrop(boolean hasId, JsonNode id, String message, int code) {
    if (!hasId) {
      // A notification (no id) never gets an answer, even an error one (JSON-RPC 2.0, section 4.1).
      return new Verdict.Drop(message);
    }
    return reject(id, code, message);
  }

  /**
   * The parameter shapes of the methods whose handlers would otherwise answer a wrong type with an
   * internal error that names Java classes. Null when the shape is fine.
   */
  static String paramsProblem(String method, JsonNode params) {
    JsonNode p = params == null || params.isNull() ? MISSING : params;
    return switch (method) {
      case "tools/call", "prompts/get" -> firstProblem(
          field(p, "name", true, JsonNode::isString, "a string"),
          field(p, "arguments", false, JsonNode::isObject, "an object"));
      case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
          field(p, "uri", true, JsonNode::isString, "a string");
      case "logging/setLevel" -> field(p, "level", true, JsonNode::isString, "a string");
      case "completion/complete" -> firstProblem(
          field(p, "ref", true, JsonNode::isObject, "an object"),
          // The SDK never answers a completion whose ref type it does not know.
          p.path("ref").isObject() ? field(p.get("ref"), "type", true,
              t -> t.isString() && (t.asString().equals("ref/prompt") || t.asString().equals("ref/resource")),
              "\"ref/prompt\" or \"ref/resource\"") : null,
          p.path("ref").path("type").asString("").equals("ref/prompt")
              ? field(p.get("ref"), "name", true, JsonNode::isString, "a string") : null,
          p.path("ref").path("type").asString("").equals("ref/resource")
              ? field(p.get("ref"), "uri", true, JsonNode::isString, "a string") : null,
          p.path("argument").isObject() ? firstProblem(
              field(p.get("argument"), "name", true, JsonNode::isString, "a string"),
              field(p.get("argument"), "value", true, JsonNode::isString, "a string")) : null,
          field(p, "argument", true, JsonNode::isObject, "an object"));
      case "tools/list", "resources/list", "resources/templates/list", "prompts/list" ->
          field(p, "cursor", false, JsonNode::isString, "a string");
      case "initialize" -> firstProblem(
          field(p, "protocolVersion", true, JsonNode::isString, "a string"),
          field(p, "capabilities", false, JsonNode::isObject, "an object"),
          field(p, "clientInfo", false, JsonNode::isObject, "an object"));
      default -> null;
    };
  }

  private static final JsonNode MISSING = JsonNodeFactory.instance.objectNode();

  private static String field(JsonNode params, String name, boolean required,
      java.util.function.Predicate<JsonNode> ok, String expected) {
    JsonNode value = params.get(name);
    if (value == null || value.isNull()) {
      return required ? "\"" + name + "\" is required" : null;
    }
    return ok.test(value) ? null : "\"" + name + "\" must be " + expected;
  }

  private static String firstProblem(String... problems) {
    for (String problem : problems) {
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** A JSON-RPC error response with {@code id} (null when unknown). */
  public static String errorResponse(JsonNode id, int code, String message) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("jsonrpc", "2.0");
    out.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
    ObjectNode error = out.putObject("error");
    error.put("code", code);
    error.put("message", message);
    return MAPPER.writeValueAsString(out);
  }

  /** A JSON-RPC success response with {@code id} and an empty result (the answer to a ping). */
  public static String emptyResult(JsonNode id) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("jsonrpc", "2.0");
    out.set("id", id);
    out.putObject("result");
    return MAPPER.writeValueAsString(out);
  }

  private static Verdict reject(JsonNode id, int code, String message) {
    return new Verdict.Reject(errorResponse(id, code, message));
  }

  private static String textOrNull(JsonNode n) {
    return n != null && n.isString() ? n.asString() : null;
  }
}
