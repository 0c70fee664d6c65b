package dev.taskorchestrator.server;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A client transport over two in-process streams: the SDK has only a process-spawning stdio client, and
 * the in-process test runs {@link Main#run} on a thread with pipes instead.
 */
final class PipedClientTransport implements McpClientTransport {

  private final McpJsonMapper json;
  private final InputStream fromServer;
  private final OutputStream toServer;
  private volatile boolean closed;

  PipedClientTransport(McpJsonMapper json, InputStream fromServer, OutputStream toServer) {
    this.json = json;
    this.fromServer = fromServer;
    this.toServer = toServer;
  }

  @Override
  public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
    return Mono.fromRunnable(() -> Thread.ofPlatform().daemon().name("piped-client-reader").start(() -> {
      try (var reader = new BufferedReader(new InputStreamReader(fromServer, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(json, line);
          handler.apply(Mono.just(message)).subscribe();
        }
      } catch (IOException e) {
        if (!closed) {
          throw new UncheckedIOException(e);
        }
      }
    }));
  }

  @Override
  public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
    return Mono.fromRunnable(() -> {
      try {
        byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (toServer) {
          toServer.write(line);
          toServer.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.fromRunnable(() -> {
      closed = true;
      try {
        toServer.close();
      } catch (IOException e) {
        // already closed
      }
    });
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return json.convertValue(data, typeRef);
  }
}
