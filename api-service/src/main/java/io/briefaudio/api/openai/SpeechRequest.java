package io.briefaudio.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.briefaudio.shared.voices.VoicePreset;
import java.io.IOException;
import java.util.Set;

/** A validated {@code POST /v1/audio/speech} body. */
public record SpeechRequest(String model, String input, VoicePreset voice, AudioFormat format, double speed) {

    public static final int MAX_INPUT_CHARS = 4096;
    /** Fields OpenAI defines that we accept and ignore (no voice instructions, no streaming). */
    private static final Set<String> KNOWN = Set.of("model", "input", "voice", "response_format", "speed",
            "instructions", "stream_format");
    /** As strict as the rest of the API: a key twice or content after the object is an error, not ignored. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public static SpeechRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw OpenAiError.invalid(null, "invalid_json", "The request body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw OpenAiError.invalid(null, "invalid_json", "The request body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw OpenAiError.invalid(null, "invalid_json", "The request body must be a JSON object");
        }
        root.fieldNames().forEachRemaining(name -> {
            if (!KNOWN.contains(name)) {
                throw OpenAiError.invalid(name, "unknown_parameter", "Unrecognized request argument supplied: " + name);
            }
        });
        String model = text(root, "model", true);
        if (!OpenAiCatalog.MODELS.contains(model)) {
            throw OpenAiError.invalid("model", "model_not_found",
                    "The model '" + model + "' does not exist; available: " + String.join(", ", OpenAiCatalog.MODELS));
        }
        String input = text(root, "input", true);
        if (input.isBlank()) {
            throw OpenAiError.invalid("input", "invalid_value", "input must not be empty");
        }
        // Characters are code points, as documented: an emoji is one, not two UTF-16 units (issue 31.9).
        int characters = input.codePointCount(0, input.length());
        if (characters > MAX_INPUT_CHARS) {
            throw OpenAiError.invalid("input", "string_above_max_length",
                    "input is " + characters + " characters; at most " + MAX_INPUT_CHARS + " are allowed");
        }
        String voiceName = text(root, "voice", true);
        VoicePreset voice = OpenAiCatalog.voice(voiceName).orElseThrow(() -> OpenAiError.invalid("voice", "invalid_value",
                "Unknown voice '" + voiceName + "'; use one of " + String.join(", ", OpenAiCatalog.VOICES.keySet().stream()
                        .sorted().toList()) + " or a preset id (" + String.join(", ", VoicePreset.ids()) + ")"));
        String formatName = text(root, "response_format", false);
        AudioFormat format = formatName == null ? AudioFormat.MP3 : AudioFormat.byName(formatName).orElseThrow(() ->
                OpenAiError.invalid("response_format", "invalid_value", "response_format must be one of "
                        + AudioFormat.names()));
        double speed = 1.0;
        JsonNode speedNode = root.get("speed");
        if (speedNode != null && !speedNode.isNull()) {
            if (!speedNode.isNumber()) {
                throw OpenAiError.invalid("speed", "invalid_type", "speed must be a number");
            }
            speed = speedNode.asDouble();
            if (speed < 0.25 || speed > 4.0) {
                throw OpenAiError.invalid("speed", "invalid_value", "speed must be between 0.25 and 4.0");
            }
        }
        return new SpeechRequest(model, input, voice, format, speed);
    }

    private static String text(JsonNode root, String field, boolean required) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw OpenAiError.invalid(field, "missing_required_parameter", "Missing required parameter: '" + field + "'");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw OpenAiError.invalid(field, "invalid_type", field + " must be a string");
        }
        return node.textValue();
    }
}
