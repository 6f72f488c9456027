package io.briefaudio.api.http;

import static io.briefaudio.api.http.RawHttp.json;
import static io.briefaudio.api.http.RawHttp.request;

import java.nio.charset.StandardCharsets;

/**
 * The OpenAI-compatible endpoints under hostile input: every error, whoever raises it (the resource, the access
 * and cross-site filters, the router, the body limit, the HTTP decoder), must be OpenAI's error body.
 */
final class OpenAiCorpus {

    private static final String SPEECH = "/v1/audio/speech";
    private static final String VALID = "{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\"}";

    private OpenAiCorpus() {
    }

    /** Whether the raw request's target is under /v1 (its errors are judged by OpenAI's shape). */
    static boolean isOpenAiRequest(byte[] request) {
        String head = new String(request, 0, Math.min(request.length, 200), StandardCharsets.ISO_8859_1);
        int space = head.indexOf(' ');
        return space > 0 && (head.startsWith("/v1/", space + 1) || head.startsWith("/v1 ", space + 1)
                || head.startsWith("/v1?", space + 1));
    }

    static void addTo(BadInputCorpus corpus) {
        paths(corpus);
        bodies(corpus);
        headers(corpus);
    }

    private static void paths(BadInputCorpus corpus) {
        String[] unknown = {"/v1", "/v1/", "/v1/nothing", "/v1/audio", "/v1/audio/speech/x", "/v1/chat/completions",
                "/v1/models/" + "m".repeat(300), "/v1/models/%00", "/v1/models/a%2fb", "/v1/%2e%2e/api/briefs"};
        for (String path : unknown) {
            corpus.add("v1 GET " + path.substring(0, Math.min(path.length(), 30)), x -> request("GET", path, null));
        }
        corpus.add("v1 GET speech", x -> request("GET", SPEECH, null));
        corpus.add("v1 PUT speech", x -> json("PUT", SPEECH, VALID));
        corpus.add("v1 DELETE models", x -> request("DELETE", "/v1/models", null));
        corpus.add("v1 POST models", x -> json("POST", "/v1/models", "{}"));
        corpus.add("v1 POST unknown", x -> json("POST", "/v1/audio/transcriptions", "{}"));
    }

    private static void bodies(BadInputCorpus corpus) {
        String[] bodies = {"", " ", "{", "[]", "null", "\"x\"", "{\"model\":\"tts-1\"}", "{\"model\":1,\"input\":\"Hi\",\"voice\":\"alloy\"}",
                "{\"model\":\"tts-1\",\"input\":\"\",\"voice\":\"alloy\"}", "{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\",\"speed\":\"fast\"}",
                "{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\",\"response_format\":\"ogg\"}",
                "{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\",\"extra\":true}", "{\"input\":\"\\ud800\"}",
                "[".repeat(5000), VALID + " x", VALID + VALID, VALID + "]", VALID + "\u0000",
                "{\"model\":\"tts-1\",\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\"}",
                "{\"model\":\"tts-1\",\"input\":\"Hi\",\"voice\":\"alloy\",\"speed\":\"1.5\"}"};
        for (int i = 0; i < bodies.length; i++) {
            String body = bodies[i];
            corpus.add("v1 speech body #" + i, x -> json("POST", SPEECH, body));
        }
        corpus.add("v1 speech body of 2 MiB + 1", x -> request("POST", SPEECH, spaces(2 * 1024 * 1024 + 1),
                "Content-Type: application/json"));
        corpus.add("v1 speech Expect 100-continue oversized", x -> request("POST", SPEECH, null,
                "Content-Type: application/json", "Expect: 100-continue", "Content-Length: 5000000"));
        corpus.add("v1 speech invalid UTF-8", x -> request("POST", SPEECH, "{\"model\":\"tts-1\",\"input\":\"\u00ff\"}"
                .getBytes(StandardCharsets.ISO_8859_1), "Content-Type: application/json"));
        String[] types = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ";;;"};
        for (String type : types) {
            corpus.add("v1 speech Content-Type " + type, x -> request("POST", SPEECH, VALID.getBytes(StandardCharsets.UTF_8),
                    "Content-Type: " + type));
        }
    }

    private static void headers(BadInputCorpus corpus) {
        corpus.add("v1 speech Accept text/html", x -> json("POST", SPEECH, VALID, "Accept: text/html"));
        corpus.add("v1 speech Accept image/png", x -> json("POST", SPEECH, VALID, "Accept: image/png"));
        corpus.add("v1 speech Origin evil", x -> json("POST", SPEECH, VALID, "Origin: https://evil.example"));
        corpus.add("v1 speech Sec-Fetch-Site cross-site", x -> json("POST", SPEECH, VALID, "Sec-Fetch-Site: cross-site"));
        corpus.add("v1 speech Content-Length abc", x -> ("POST " + SPEECH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
        corpus.add("v1 speech Transfer-Encoding gzip", x -> ("POST " + SPEECH + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
        corpus.add("v1 models header of 21 KB", x -> request("GET", "/v1/models", null, "X-Pad: " + "a".repeat(21 * 1024)));
    }

    private static byte[] spaces(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        return body;
    }
}
