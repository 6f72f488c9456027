package io.briefaudio.shared.storage;

/** Storage could not be reached or refused the operation; callers answer 503, never 500. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
