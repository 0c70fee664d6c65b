package dev.taskorchestrator.storage;

/** The database cannot be opened, migrated, read or written; the message says why in plain words. */
public final class StorageException extends RuntimeException {

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
