package dev.taskorchestrator.telemetry;

import java.util.Objects;

/**
 * One doctor check's outcome in plain words.
 *
 * @param name what was checked ({@code langfuse credentials}, {@code trace export endpoint})
 * @param status OK, WARN, FAIL or SKIPPED
 * @param message what was found and, when something is wrong, what to do
 */
public record DoctorCheck(String name, Status status, String message) {

  public enum Status { OK, WARN, FAIL, SKIPPED }

  public DoctorCheck {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(status, "status is null");
    Objects.requireNonNull(message, "message is null");
  }

  @Override
  public String toString() {
    return status + " " + name + ": " + message;
  }
}
