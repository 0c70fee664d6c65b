package dev.taskorchestrator.server;

/** This build's version, from the jar manifest. */
public final class Version {

  private Version() {}

  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-dev";
  }
}
