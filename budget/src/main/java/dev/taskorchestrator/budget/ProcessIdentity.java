package dev.taskorchestrator.budget;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;

/**
 * Which operating-system process owns reservations: host name, pid and start time. The start time
 * tells a dead owner from a new process that got the same pid (a container restarted as pid 1).
 *
 * @param host the host name (on Linux with the pid namespace appended)
 * @param pid the process id
 * @param started when the process started, or null if the OS does not say
 */
public record ProcessIdentity(String host, long pid, Instant started) {

  public ProcessIdentity {
    Objects.requireNonNull(host, "host is null");
  }

  public static ProcessIdentity current() {
    ProcessHandle self = ProcessHandle.current();
    return new ProcessIdentity(hostName() + pidNamespace(), self.pid(), self.info().startInstant().orElse(null));
  }

  /**
   * On Linux, the pid namespace (e.g. {@code /pid:[4026531836]}): two containers with the same host
   * name but separate pid namespaces must never judge each other's pids.
   */
  private static String pidNamespace() {
    try {
      return "/" + java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid"));
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return "";
    }
  }

  /**
   * True when this identity is on the same host as {@code local} and that process is certainly gone
   * (no such pid, or a pid now used by a process that started at another time).
   */
  public boolean isCertainlyDead(ProcessIdentity local) {
    if (!host.equals(local.host)) {
      return false;
    }
    var handle = ProcessHandle.of(pid);
    if (handle.isEmpty() || !handle.get().isAlive()) {
      return true;
    }
    Instant actual = handle.get().info().startInstant().orElse(null);
    // Start times are stored in milliseconds and derived from clock ticks: allow a second of slack.
    return started != null && actual != null && Math.abs(started.toEpochMilli() - actual.toEpochMilli()) > 1_000;
  }

  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
