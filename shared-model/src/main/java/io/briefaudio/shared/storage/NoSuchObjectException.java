package io.briefaudio.shared.storage;

/** The object is not in storage: a 404 for callers, unlike {@link StorageException} which is a 503. */
public class NoSuchObjectException extends RuntimeException {

    public NoSuchObjectException(String key) {
        super("no stored object " + key);
    }
}
