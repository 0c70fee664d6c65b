package dev.taskorchestrator.patterns;

import java.util.Objects;
import java.util.regex.Pattern;

/** Where a pattern came from: {@value #LOCAL}, or {@code federated:HUB/PROJECT}. */
public final class Provenance {

  public static final String LOCAL = "local";

  private static final Pattern FEDERATED = Pattern.compile("federated:[\\w.\\-]{1,100}/[\\w.\\-]{1,100}");

  private Provenance() {}

  public static String federated(String hub, String project) {
    return check("federated:" + hub + "/" + project);
  }

  public static String check(String provenance) {
    Objects.requireNonNull(provenance, "provenance is null");
    if (!provenance.equals(LOCAL) && !FEDERATED.matcher(provenance).matches()) {
      throw new IllegalArgumentException("provenance must be local or federated:HUB/PROJECT, got: " + provenance);
    }
    return provenance;
  }
}
