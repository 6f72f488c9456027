package io.briefaudio.api.openai;

import io.briefaudio.api.engines.EngineRouting;
import io.briefaudio.shared.jobs.Engine;
import io.briefaudio.shared.voices.WorkerEngines;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which engine answers each OpenAI model name: {@code tts-1} and {@code gpt-4o-mini-tts} the default engine
 * ({@code briefaudio.tts.default-engine}), {@code tts-1-hd} XTTS, and each engine's own name itself; entries of
 * {@code briefaudio.openai.models.<model>=<engine>} change these or add models.
 */
@ApplicationScoped
public class OpenAiModels {

    private final Map<String, Engine> engines;
    private final List<String> names;
    private final EngineRouting routing;

    public OpenAiModels(OpenAiConfig config, EngineRouting routing) {
        this.routing = routing;
        Map<String, Engine> map = new LinkedHashMap<>();
        map.put("tts-1", routing.defaultEngine());
        map.put("tts-1-hd", Engine.XTTS);
        map.put("gpt-4o-mini-tts", routing.defaultEngine());
        for (Engine e : Engine.values()) {
            map.put(e.id(), e);
        }
        config.models().forEach((model, engine) -> map.put(model, Engine.byId(engine).orElseThrow(() ->
                new IllegalArgumentException("briefaudio.openai.models." + model + "=" + engine
                        + " is not an engine; valid: " + Engine.ids()))));
        this.engines = Map.copyOf(map);
        this.names = List.copyOf(map.keySet());
    }

    /** Every model name this API accepts, in a stable order. */
    public List<String> names() {
        return names;
    }

    public Optional<Engine> engineOf(String model) {
        return Optional.ofNullable(engines.get(model));
    }

    /** Each model's licence: that of the model its engine's live workers announce; models without one are absent. */
    public Map<String, String> licenses() {
        Map<String, String> byEngine = new LinkedHashMap<>();
        routing.liveWorkers().stream().filter(w -> w.license() != null)
                .forEach(w -> byEngine.putIfAbsent(w.engine(), w.license()));
        Map<String, String> out = new LinkedHashMap<>();
        engines.forEach((model, engine) -> {
            if (byEngine.containsKey(engine.id())) {
                out.put(model, byEngine.get(engine.id()));
            }
        });
        return out;
    }

    /** The models whose engine has a live worker now (by the worker_engine heartbeats). */
    public List<String> live() {
        Set<String> running = routing.liveWorkers().stream().map(WorkerEngines.Engine::engine).collect(Collectors.toSet());
        return names.stream().filter(model -> running.contains(engines.get(model).id())).toList();
    }
}
