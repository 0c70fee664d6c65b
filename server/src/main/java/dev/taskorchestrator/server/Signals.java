package dev.taskorchestrator.server;

import sun.misc.Signal;

/** SIGTERM and SIGINT ask for an orderly stop (in-flight calls finish, exit status 0). */
final class Signals {

  private Signals() {}

  static void onStop(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> stop.run());
      } catch (IllegalArgumentException unsupported) {
        // this platform does not deliver that signal; the JVM's default handling stays
      }
    }
  }
}
