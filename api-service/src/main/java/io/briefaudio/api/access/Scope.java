package io.briefaudio.api.access;

import java.util.Arrays;
import java.util.Optional;

/** What a key may do: {@code read} data, {@code generate} (create briefs, queue and change jobs), {@code admin} keys. */
public enum Scope {
    READ("read"),
    GENERATE("generate"),
    ADMIN("admin");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> byWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
