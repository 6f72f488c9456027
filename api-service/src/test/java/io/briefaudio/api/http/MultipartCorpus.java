package io.briefaudio.api.http;

import static io.briefaudio.api.http.RawHttp.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Voice clip uploads (POST /api/voices) whose multipart body is hostile or broken (issue 31.5: each was a 500). */
final class MultipartCorpus {

    private static final String VOICES = "/api/voices";
    private static final String BOUNDARY = "b0undary";

    private MultipartCorpus() {
    }

    static void addTo(BadInputCorpus corpus) {
        StringBuilder fields = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            fields.append(field("name", "v" + i));
        }
        String manyFields = fields + "--" + BOUNDARY + "--\r\n";
        corpus.add("POST voices 1000 text fields", x -> upload(BOUNDARY, manyFields.getBytes(StandardCharsets.UTF_8)));
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            files.append("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"clip\"; filename=\"c" + i
                    + ".wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n");
        }
        String manyFiles = files + "--" + BOUNDARY + "--\r\n";
        corpus.add("POST voices 1000 file parts", x -> upload(BOUNDARY, manyFiles.getBytes(StandardCharsets.UTF_8)));
        String base64 = field("name", "b64") + field("consent", "true") + "--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"clip\"; filename=\"c.wav\"\r\nContent-Type: audio/wav\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nUklGRiQAAABXQVZF!!not base64!!\r\n--" + BOUNDARY + "--\r\n";
        corpus.add("POST voices base64 part", x -> upload(BOUNDARY, base64.getBytes(StandardCharsets.UTF_8)));
        String valid = field("name", "x") + field("consent", "true") + "--" + BOUNDARY + "--\r\n";
        corpus.add("POST voices boundary mismatch", x -> upload("other-boundary", valid.getBytes(StandardCharsets.UTF_8)));
        String unclosed = field("name", "x") + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"clip\"; "
                + "filename=\"c.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF and then nothing";
        corpus.add("POST voices no closing boundary", x -> upload(BOUNDARY, unclosed.getBytes(StandardCharsets.UTF_8)));
        corpus.add("POST voices no boundary parameter", x -> request("POST", VOICES, valid.getBytes(StandardCharsets.UTF_8),
                "Content-Type: multipart/form-data"));
        corpus.add("POST voices empty body", x -> upload(BOUNDARY, new byte[0]));
        corpus.add("POST voices garbage body", x -> upload(BOUNDARY, "\u0000\u0001garbage--".getBytes(StandardCharsets.ISO_8859_1)));
        corpus.add("POST voices part without disposition", x -> upload(BOUNDARY, ("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\n"
                + "x\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8)));
        corpus.add("POST voices 13 MB declared", x -> request("POST", VOICES, null,
                "Content-Type: multipart/form-data; boundary=" + BOUNDARY, "Content-Length: 13000000"));
        corpus.add("POST voices 13 MB sent", x -> upload(BOUNDARY, thirteenMegabytes()));
        corpus.add("POST voices empty chunked", x -> ("POST " + VOICES + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static byte[] upload(String boundary, byte[] body) {
        return request("POST", VOICES, body, "Content-Type: multipart/form-data; boundary=" + boundary);
    }

    private static byte[] thirteenMegabytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = (field("name", "big") + field("consent", "true") + "--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"clip\"; filename=\"big.wav\"\r\nContent-Type: audio/wav\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        out.writeBytes(new byte[13 * 1000 * 1000]);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
