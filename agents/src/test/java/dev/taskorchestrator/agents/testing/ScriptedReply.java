package dev.taskorchestrator.agents.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer a fake server gives, in order of arrival.
 *
 * @param status HTTP status
 * @param headers extra response headers ({@code Retry-After})
 * @param body the body text
 * @param hold how long to hold the answer back; while holding, the server trickles a space every
 *     few milliseconds (JSON allows leading whitespace), so it notices a client that hangs up
 * @param cutConnection declare a longer body than is sent and drop the connection mid-body
 * @param delay how long to wait, silently, before answering at all (like a model thinking)
 */
public record ScriptedReply(int status, Map<String, String> headers, String body, Duration hold,
    boolean cutConnection, Duration delay) {

  public ScriptedReply {
    headers = Map.copyOf(headers);
  }

  /** A JSON answer. */
  public static ScriptedReply json(int status, String body) {
    return new ScriptedReply(status, Map.of(), body, Duration.ZERO, false, Duration.ZERO);
  }

  /** This reply with one more response header. */
  public ScriptedReply withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ScriptedReply(status, more, body, hold, cutConnection, delay);
  }

  /** This reply held back for {@code duration} (trickling whitespace meanwhile). */
  public ScriptedReply heldFor(Duration duration) {
    return new ScriptedReply(status, headers, body, duration, cutConnection, delay);
  }

  /** This reply with the connection dropped halfway through the body. */
  public ScriptedReply cutMidBody() {
    return new ScriptedReply(status, headers, body, hold, true, delay);
  }

  /** This reply's body cut in half but delivered as a complete HTTP response. */
  public ScriptedReply truncatedJson() {
    return new ScriptedReply(status, headers, body.substring(0, body.length() / 2), hold, false, delay);
  }

  /** This reply sent after {@code duration} of silence (no trickle: cheap for many concurrent requests). */
  public ScriptedReply delayedBy(Duration duration) {
    return new ScriptedReply(status, headers, body, hold, cutConnection, duration);
  }
}
