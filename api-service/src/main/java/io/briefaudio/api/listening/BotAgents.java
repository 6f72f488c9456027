package io.briefaudio.api.listening;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;

/**
 * Known bots and prefetchers by User-Agent: the list in {@code listening/bot-user-agents.txt} (its source is named
 * there) or the file {@code briefaudio.listening.bot-user-agents-file}. A request without a User-Agent is a bot too.
 */
@ApplicationScoped
public class BotAgents {

    static final String BUILT_IN = "/listening/bot-user-agents.txt";

    private final List<String> patterns;

    public BotAgents(ListeningConfig config) {
        try (InputStream in = config.botUserAgentsFile().isPresent()
                ? Files.newInputStream(config.botUserAgentsFile().get())
                : BotAgents.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " is missing from the application");
            }
            this.patterns = parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bot User-Agent list", e);
        }
    }

    static List<String> parse(InputStream in) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .toList();
        }
    }

    public boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (agent.contains(pattern)) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return patterns.size();
    }
}
