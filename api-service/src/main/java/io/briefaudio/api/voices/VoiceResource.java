package io.briefaudio.api.voices;

import io.briefaudio.shared.voices.VoicePreset;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;

@Path("/api/voices")
@Produces(MediaType.APPLICATION_JSON)
public class VoiceResource {

    public record Voice(String id, String label, String description) {
    }

    @GET
    public List<Voice> list() {
        return Arrays.stream(VoicePreset.values())
                .map(v -> new Voice(v.id(), v.label(), v.description()))
                .toList();
    }
}
