package io.briefaudio.api.http;

import static io.briefaudio.api.http.RawHttp.json;
import static io.briefaudio.api.http.RawHttp.request;

import io.briefaudio.shared.pronunciation.HostileXml;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Hostile and malformed requests across every endpoint, as raw bytes. */
final class BadInputCorpus {

    /** Ids that exist when the corpus runs: a brief with items, a queued job of it, a stored audio file of 1000 bytes. */
    record Ids(long brief, long job, String audio) {
    }

    /** {@code mayClose}: the stream is corrupt after headers were accepted; closing without an answer is right. */
    record Case(String name, Function<Ids, byte[]> request, boolean mayClose) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final int AUDIO_SIZE = 1000;
    private static final String BRIEFS = "/api/briefs";

    private final List<Case> cases = new ArrayList<>();

    private BadInputCorpus() {
    }

    static List<Case> all() {
        BadInputCorpus corpus = new BadInputCorpus();
        corpus.malformedJson();
        corpus.wrongTypes();
        corpus.sizes();
        corpus.encodings();
        corpus.generate();
        corpus.jobs();
        corpus.briefPaths();
        corpus.audio();
        corpus.lexicon();
        MalformedHttpCorpus.addTo(corpus);
        OpenAiCorpus.addTo(corpus);
        MultipartCorpus.addTo(corpus);
        return corpus.cases;
    }

    void add(String name, Function<Ids, byte[]> request) {
        cases.add(new Case(name, request, false));
    }

    void addMayClose(String name, Function<Ids, byte[]> request) {
        cases.add(new Case(name, request, true));
    }

    private void postBrief(String name, String body) {
        add("POST briefs " + name, ids -> json("POST", BRIEFS, body));
    }

    private void postGenerate(String name, String body) {
        add("POST generate " + name, ids -> json("POST", "/api/brief/" + ids.brief() + "/audio/generate", body));
    }

    private void malformedJson() {
        String[] bodies = {"", " ", "{", "}", "[", "{\"title\"", "{\"title\":", "{\"title\":\"a\"", "{\"title\":\"a\",}",
                "{'title':'a'}", "{title:\"a\"}", "{\"title\":\"a\" /* c */}", "// c\n{}", "{\"title\":NaN}",
                "{\"title\":Infinity}", "{\"title\":01}", "{\"title\":\"a\nb\"}", "{\"title\":\"\\x41\"}",
                "{\"title\":\"\\u12\"}", "{\"title\":\"a\"}}", "{\"title\":\"a\"}{\"title\":\"b\"}", "{\"title\":\"a\"} x",
                "{\"title\":\"a\"}[]", "\"just a string\"", "123", "true", "null", "[]", "[{}]",
                "{\"title\":\"a\",\"title\":\"b\"}", "{\"title\":\"a\",\"items\":[{\"text\":\"x\",\"text\":\"y\"}]}",
                "{\"title\":\"a\",\"generate_audio\":{\"voice_id\":\"warm\",\"voice_id\":\"calm\"}}",
                "{\"\":1}", "{\"title\":\"a\",\"extra\":1}", "{\"Title\":\"a\"}", "{\"title\":\"a\",\"items\":[{\"txt\":\"x\"}]}",
                "[".repeat(5000), "{\"a\":".repeat(3000), "{\"title\":1" + "0".repeat(5000) + "}",
                "{\"title\":\"a\"\u0000}", "\u0000", "{\"title\":\"a\"};", "{\"title\":\"a\"\u00a0}", "{\"title\":-}",
                "{\"title\":.5}", "{\"title\":1e99999}", "{\"title\":\"\\ud800\"}", "{\"title\":\"\\udc00\\ud800\"}",
                "{\"title\":\"ok\",\"items\":[{\"text\":\"\\ud83d\"}]}"};
        for (int i = 0; i < bodies.length; i++) {
            String body = bodies[i];
            postBrief("malformed #" + i, body);
            if (i % 2 == 0) {
                postGenerate("malformed #" + i, body);
            }
        }
    }

    private void wrongTypes() {
        String[] values = {"1", "1.5", "true", "false", "[]", "{}", "[\"a\"]", "-0", "1e3"};
        for (String v : values) {
            postBrief("title=" + v, "{\"title\":" + v + ",\"items\":[{\"text\":\"x\"}]}");
            postBrief("text=" + v, "{\"title\":\"t\",\"items\":[{\"text\":" + v + "}]}");
            postBrief("item title=" + v, "{\"title\":\"t\",\"items\":[{\"title\":" + v + ",\"text\":\"x\"}]}");
            postBrief("language=" + v, "{\"title\":\"t\",\"language\":" + v + "}");
            postBrief("items=" + v, "{\"title\":\"t\",\"items\":" + v.replace("[]", "7").replace("[\"a\"]", "\"a\"") + "}");
            postBrief("generate_audio=" + v, "{\"title\":\"t\",\"items\":[{\"text\":\"x\"}],\"generate_audio\":" + v + "}");
            postGenerate("voice_id=" + v, "{\"voice_id\":" + v + "}");
        }
        postBrief("items of null", "{\"title\":\"t\",\"items\":[null,null]}");
        postBrief("title null", "{\"title\":null}");
        postBrief("language unknown", "{\"title\":\"t\",\"language\":\"xx\"}");
        postBrief("language empty", "{\"title\":\"t\",\"language\":\"\"}");
        postBrief("language long", "{\"title\":\"t\",\"language\":\"" + "e".repeat(300) + "\"}");
        postBrief("voice unknown", "{\"title\":\"t\",\"items\":[{\"text\":\"x\"}],\"generate_audio\":{\"voice_id\":\"robot\"}}");
        postBrief("blank text", "{\"title\":\"t\",\"items\":[{\"text\":\"   \"}]}");
        postBrief("NUL text", "{\"title\":\"t\",\"items\":[{\"text\":\"a\\u0000b\"}]}");
        postBrief("NUL title", "{\"title\":\"a\\u0000\"}");
    }

    private void sizes() {
        postBrief("title 500", "{\"title\":\"" + "t".repeat(500) + "\"}");
        postBrief("title 501", "{\"title\":\"" + "t".repeat(501) + "\"}");
        postBrief("item title 501", "{\"title\":\"t\",\"items\":[{\"title\":\"" + "t".repeat(501) + "\",\"text\":\"x\"}]}");
        postBrief("text 5000", "{\"title\":\"t\",\"items\":[{\"text\":\"" + "x".repeat(5000) + "\"}]}");
        postBrief("text 5001", "{\"title\":\"t\",\"items\":[{\"text\":\"" + "x".repeat(5001) + "\"}]}");
        postBrief("100 items", "{\"title\":\"t\",\"items\":[" + "{\"text\":\"x\"},".repeat(99) + "{\"text\":\"x\"}]}");
        postBrief("101 items", "{\"title\":\"t\",\"items\":[" + "{\"text\":\"x\"},".repeat(100) + "{\"text\":\"x\"}]}");
        postBrief("100000 invalid items", "{\"title\":\"t\",\"items\":[" + "{},".repeat(99_999) + "{}]}");
        postBrief("100000 null items", "{\"title\":\"t\",\"items\":[" + "null,".repeat(99_999) + "null]}");
        postBrief("1000 long texts", "{\"title\":\"t\",\"items\":[" + ("{\"text\":\"" + "x".repeat(1500) + "\"},").repeat(999)
                + "{\"text\":\"x\"}]}");
        add("POST briefs body of 2 MiB + 1", ids -> request("POST", BRIEFS, padded(2 * 1024 * 1024 + 1), "Content-Type: application/json"));
        add("POST briefs body of 2 MiB", ids -> request("POST", BRIEFS, padded(2 * 1024 * 1024), "Content-Type: application/json"));
        add("POST briefs declared 3 MB, sent 10 bytes", ids -> (new String(request("POST", BRIEFS, null,
                "Content-Type: application/json", "Content-Length: 3000000"), StandardCharsets.ISO_8859_1) + "{\"title\":1")
                .getBytes(StandardCharsets.ISO_8859_1));
        add("POST briefs chunked 3 MiB", ids -> chunked(BRIEFS, 3));
        // A chunked body that ends at once held a worker thread until the read timed out (issue 31.2).
        add("POST briefs empty chunked body", ids -> SlowBodiesTests.emptyChunked(BRIEFS));
        add("POST generate empty chunked body", ids -> SlowBodiesTests.emptyChunked("/api/brief/" + ids.brief() + "/audio/generate"));
        add("POST v1 speech empty chunked body", ids -> SlowBodiesTests.emptyChunked("/v1/audio/speech"));
        add("POST webhooks empty chunked body", ids -> SlowBodiesTests.emptyChunked("/api/webhooks"));
        add("POST generate chunked 3 MiB", ids -> chunked("/api/brief/" + ids.brief() + "/audio/generate", 3));
    }

    /** A JSON object of exactly {@code size} bytes: valid JSON padded with spaces. */
    private static byte[] padded(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] json = "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);
        return body;
    }

    private static byte[] chunked(String target, int mebibytes) {
        StringBuilder b = new StringBuilder("POST " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = " ".repeat(1024 * 1024);
        for (int i = 0; i < mebibytes; i++) {
            b.append("100000\r\n").append(chunk).append("\r\n");
        }
        return b.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void encodings() {
        byte[][] bad = {
                {(byte) 0xC0, (byte) 0xAE}, {(byte) 0xC1, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xED, (byte) 0xBF, (byte) 0xBF}, {(byte) 0x80}, {(byte) 0xBF}, {(byte) 0xFE}, {(byte) 0xFF},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                {(byte) 0xE2, (byte) 0x82}, {(byte) 0xC3}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
        for (int i = 0; i < bad.length; i++) {
            byte[] bytes = bad[i];
            add("POST briefs invalid UTF-8 #" + i, ids -> request("POST", BRIEFS, withBytes("{\"title\":\"a", bytes, "\"}"),
                    "Content-Type: application/json"));
            add("POST generate invalid UTF-8 #" + i, ids -> request("POST", "/api/brief/" + ids.brief() + "/audio/generate",
                    withBytes("{\"voice_id\":\"", bytes, "\"}"), "Content-Type: application/json"));
        }
        add("POST briefs UTF-16", ids -> request("POST", BRIEFS, "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_16),
                "Content-Type: application/json; charset=utf-16"));
        add("POST briefs BOM", ids -> request("POST", BRIEFS, withBytes("", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                "{\"title\":\"t\"}"), "Content-Type: application/json"));
        add("POST briefs latin-1 charset", ids -> request("POST", BRIEFS, "{\"title\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1),
                "Content-Type: application/json; charset=iso-8859-1"));
        add("POST briefs unknown charset", ids -> request("POST", BRIEFS, "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/json; charset=klingon"));
        add("POST briefs gzip claimed", ids -> request("POST", BRIEFS, "{\"title\":\"t\"}".getBytes(StandardCharsets.UTF_8),
                "Content-Type: application/json", "Content-Encoding: gzip"));
    }

    private static byte[] withBytes(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.UTF_8);
        byte[] c = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(middle, 0, all, a.length, middle.length);
        System.arraycopy(c, 0, all, a.length + middle.length, c.length);
        return all;
    }

    private void generate() {
        String[] contentTypes = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/xml", "a/b/c", ";;;", "application/json; charset=", "*/*", "application/json-patch+json", ""};
        for (String type : contentTypes) {
            add("POST generate content type '" + type + "'", ids -> request("POST", "/api/brief/" + ids.brief() + "/audio/generate",
                    "{\"voice_id\":\"warm\"}".getBytes(StandardCharsets.UTF_8), "Content-Type: " + type));
        }
        String[] keys = {"", " ", "   ", "k".repeat(256), "a b", "a\tb", "caf\u00e9", "\u0001", "a,b"};
        for (String key : keys) {
            add("POST generate Idempotency-Key '" + key.substring(0, Math.min(key.length(), 12)) + "' (" + key.length() + ")",
                    ids -> request("POST", "/api/brief/" + ids.brief() + "/audio/generate", null,
                            "Idempotency-Key: " + key));
        }
        add("POST generate two Idempotency-Keys", ids -> request("POST", "/api/brief/" + ids.brief() + "/audio/generate", null,
                "Idempotency-Key: a", "Idempotency-Key: b"));
        String[] ids = {"0", "-1", "1e3", "9999999999999999999", "999999999999999999", "abc", "%00", "1;x", "1%20", "1.0",
                "0x10", "%31", "+1", "00000000000000000001", "%2e%2e", ".."};
        for (String id : ids) {
            add("POST generate for brief '" + id + "'", x -> json("POST", "/api/brief/" + id + "/audio/generate", "{}"));
        }
        add("POST generate Origin evil", x -> request("POST", "/api/brief/" + x.brief() + "/audio/generate", null,
                "Origin: https://evil.example"));
        add("POST generate Origin null", x -> request("POST", "/api/brief/" + x.brief() + "/audio/generate", null, "Origin: null"));
        add("POST generate Sec-Fetch-Site cross-site", x -> request("POST", "/api/brief/" + x.brief() + "/audio/generate", null,
                "Sec-Fetch-Site: cross-site"));
        add("POST briefs Origin garbage", x -> json("POST", BRIEFS, "{\"title\":\"t\"}", "Origin: ::::"));
    }

    private void jobs() {
        String[] actions = {"status", "cancel", "retry"};
        String[] ids = {"0", "-1", "abc", "9999999999999999999", "999999999999999999", "%00", "1%2f..", "{job}"};
        for (String action : actions) {
            for (String id : ids) {
                String method = action.equals("status") ? "GET" : "POST";
                add(method + " job " + action + " '" + id + "'", x -> request(method,
                        "/api/brief/audio/job/" + id.replace("{job}", Long.toString(x.job())) + "/" + action, null));
            }
            String wrong = action.equals("status") ? "POST" : "GET";
            add(wrong + " job " + action, x -> request(wrong, "/api/brief/audio/job/" + x.job() + "/" + action, null));
            add("DELETE job " + action, x -> request("DELETE", "/api/brief/audio/job/" + x.job() + "/" + action, null));
        }
        add("POST retry of a queued job", x -> request("POST", "/api/brief/audio/job/" + x.job() + "/retry", null));
        add("POST cancel with a body", x -> json("POST", "/api/brief/audio/job/" + x.job() + "/cancel", "{\"x\":1}"));
        add("PUT job status", x -> json("PUT", "/api/brief/audio/job/" + x.job() + "/status", "{}"));
    }

    private void briefPaths() {
        String[] queries = {"page=-1", "page=abc", "page=", "page=1.5", "page=99999999999", "size=0", "size=101", "size=-5",
                "size=%00", "size=1e2", "page=1&page=2", "size=%20", "page=%2b1", "size=" + "9".repeat(400)};
        for (String q : queries) {
            add("GET briefs?" + q.substring(0, Math.min(q.length(), 20)), x -> request("GET", BRIEFS + "?" + q, null));
        }
        String[] ids = {"0", "-1", "abc", "9999999999999999999", "999999999999999998", "1.0", "%00", "%2e%2e", "1;a", "%20"};
        for (String id : ids) {
            add("GET brief '" + id + "'", x -> request("GET", BRIEFS + "/" + id, null));
            add("DELETE brief '" + id + "'", x -> request("DELETE", BRIEFS + "/" + id, null));
        }
        add("PUT briefs", x -> json("PUT", BRIEFS, "{}"));
        add("PATCH brief", x -> json("PATCH", BRIEFS + "/" + x.brief(), "{}"));
        add("DELETE briefs collection", x -> request("DELETE", BRIEFS, null));
        add("DELETE brief cross-site", x -> request("DELETE", BRIEFS + "/" + x.brief(), null, "Origin: https://evil.example"));
        add("GET voices with body", x -> json("GET", "/api/voices", "{\"a\":1}"));
        add("POST voices", x -> json("POST", "/api/voices", "{}"));
        add("GET api unknown", x -> request("GET", "/api/nothing", null));
        add("GET api nested unknown", x -> request("GET", "/api/briefs/1/items/2/x", null));
    }

    /** Pronunciation lexicons: JSON entries and PLS documents, the hostile XML of issue 28 among them. */
    private void lexicon() {
        String lexicon = "/api/lexicon";
        String open = "<lexicon version=\"1.0\" xmlns=\"http://www.w3.org/2005/01/pronunciation-lexicon\" "
                + "alphabet=\"ipa\" xml:lang=\"en\">";
        String lexeme = "<lexeme><grapheme>%s</grapheme><alias>x</alias></lexeme>";
        String[] documents = {
                HostileXml.billionLaughs("lexicon") + open + lexeme.formatted("&lol9;") + "</lexicon>",
                HostileXml.externalEntityDoctype("lexicon", "file:///etc/passwd") + open + lexeme.formatted("&xxe;") + "</lexicon>",
                HostileXml.externalDtd("lexicon", "file:///etc/passwd") + open + "</lexicon>",
                HostileXml.externalDtd("lexicon", "http://169.254.169.254/latest/meta-data/") + open + "</lexicon>",
                open + HostileXml.nested("lexeme", 100_000) + "</lexicon>",
                open + "<lexeme>" + "<grapheme>g</grapheme>".repeat(200_000) + "<alias>x</alias></lexeme></lexicon>",
                open + lexeme.formatted("&unknown;") + "</lexicon>", open + lexeme.formatted("&#0;") + "</lexicon>",
                open + lexeme.formatted("a\u0001b") + "</lexicon>", open + lexeme.formatted("") + "</lexicon>",
                open + lexeme.formatted("g".repeat(5000)) + "</lexicon>", open, "", "<", "not xml", "<lexicon/>",
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + open + "</lexicon>",
                "<?xml-stylesheet href=\"file:///etc/passwd\"?>" + open + "</lexicon>",
                open + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\"/></lexicon>",
                open + "<lexeme><grapheme>x</grapheme><phoneme alphabet=\"x-sampa\">x</phoneme></lexeme></lexicon>",
                open + "<lexeme><grapheme>x</grapheme><phoneme>[[x]]</phoneme></lexeme></lexicon>"};
        for (int i = 0; i < documents.length; i++) {
            String document = documents[i];
            add("POST lexicon PLS #" + i, x -> request("POST", lexicon, document.getBytes(StandardCharsets.UTF_8),
                    "Content-Type: application/pls+xml"));
        }
        add("POST lexicon PLS of 10 MB", x -> request("POST", lexicon, (open + "<!--" + " ".repeat(10_000_000) + "-->")
                .getBytes(StandardCharsets.UTF_8), "Content-Type: application/pls+xml"));
        add("POST lexicon PLS latin-1", x -> request("POST", lexicon, (open + lexeme.formatted("caf\u00e9") + "</lexicon>")
                .getBytes(StandardCharsets.ISO_8859_1), "Content-Type: application/pls+xml"));
        String[] entries = {"{}", "{\"grapheme\":1,\"alias\":\"x\"}", "{\"grapheme\":\"x\",\"phoneme\":\"ipa\"}",
                "{\"grapheme\":\"x\",\"phoneme\":{\"alphabet\":\"ipa\"}}", "{\"grapheme\":\"x\",\"alias\":\"y\",\"case_sensitive\":\"yes\"}",
                "{\"grapheme\":\"" + "g".repeat(100_000) + "\",\"alias\":\"y\"}", "[]", "null"};
        for (int i = 0; i < entries.length; i++) {
            String body = entries[i];
            add("POST lexicon JSON #" + i, x -> json("POST", lexicon, body));
        }
        for (String id : new String[] {"0", "-1", "abc", "9999999999999999999", "%00", "1.5"}) {
            add("DELETE lexicon '" + id + "'", x -> request("DELETE", lexicon + "/" + id, null));
        }
        add("GET lexicon Accept pls size=0", x -> request("GET", lexicon + "?size=0", null, "Accept: application/pls+xml"));
        add("GET lexicon Accept garbage", x -> request("GET", lexicon, null, "Accept: ;;;/"));
        add("PUT lexicon", x -> json("PUT", lexicon, "{}"));
        String[] ssml = {HostileXml.billionLaughs("speak") + "<speak>&lol9;</speak>",
                HostileXml.externalEntityDoctype("speak", "file:///etc/passwd") + "<speak>&xxe;</speak>",
                HostileXml.externalDtd("speak", "file:///etc/passwd") + "<speak>x</speak>",
                "<speak>" + HostileXml.nested("s", 1_000) + "</speak>", "<speak>" + "<s>x</s>".repeat(600) + "</speak>",
                "<speak><audio src=\"file:///etc/passwd\"/></speak>", "<speak><prosody rate=\"x-slow\">x</prosody></speak>",
                "<speak><break time=\"99999999999999999999s\"/></speak>", "<speak><break time=\"1e9ms\"/></speak>",
                "<speak><lang xml:lang=\"" + "x".repeat(300) + "\">x</lang></speak>", "<speak>&#0;</speak>", "<speak>",
                "<speak><say-as interpret-as=\"date\" format=\"dmy\">99/99/99999999999999999999</say-as></speak>",
                "<speak xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\"/></speak>"};
        for (int i = 0; i < ssml.length; i++) {
            String body = new io.vertx.core.json.JsonObject().put("title", "t").put("items", new io.vertx.core.json.JsonArray()
                    .add(new io.vertx.core.json.JsonObject().put("text", ssml[i]))).encode();
            postBrief("SSML item #" + i, body);
        }
        postBrief("text_format unknown", "{\"title\":\"t\",\"items\":[{\"text\":\"x\",\"text_format\":\"rtf\"}]}");
        postBrief("text_format number", "{\"title\":\"t\",\"items\":[{\"text\":\"x\",\"text_format\":1}]}");
        postBrief("text_format ssml of text", "{\"title\":\"t\",\"items\":[{\"text\":\"a < b\",\"text_format\":\"ssml\"}]}");
    }

    private void audio() {
        String[] names = {"..%2f..%2fetc%2fpasswd", "%2e%2e%2f%2e%2e%2fpom.xml", "..%5c..%5cpom.xml", "%c0%ae%c0%ae%c0%afpom.xml",
                "brief_1_item_1_20240501_093000_deadbeef.wav%00.txt", "brief_1_item_1_20240501_093000_DEADBEEF.wav",
                "x.wav", "%", "%zz", "a%2fb", ".%2e", "%252e%252e%252f"};
        for (String name : names) {
            add("GET audio " + name, x -> request("GET", "/audio/" + name, null));
        }
        String[] ranges = {"bytes=0-", "bytes=" + AUDIO_SIZE + "-", "bytes=" + (AUDIO_SIZE + 5) + "-", "bytes=-0", "bytes=5-2",
                "bytes=abc", "bytes=0-1,5-6", "items=0-1", "bytes=99999999999999999999-", "bytes= 1 - 2 ", "bytes=-",
                "bytes=--1", "bytes=+1-2", "bytes=0-" + "9".repeat(30), "bytes=-" + AUDIO_SIZE * 2, "BYTES=0-1", "bytes=1-1",
                "bytes=" + (AUDIO_SIZE - 1) + "-"};
        for (String range : ranges) {
            add("GET audio Range " + range.substring(0, Math.min(range.length(), 24)),
                    x -> request("GET", "/audio/" + x.audio(), null, "Range: " + range));
        }
        String[] conditions = {"If-None-Match: garbage", "If-None-Match: *", "If-None-Match: W/\"x\"", "If-None-Match: \"",
                "If-Modified-Since: yesterday", "If-Modified-Since: Tue, 01 Jan 2999 00:00:00 GMT",
                "If-Modified-Since: Mon, 32 Foo 1999 99:99:99 GMT", "If-Range: garbage", "If-Range: \"nope\"",
                "If-Range: Tue, 01 Jan 1980 00:00:00 GMT", "If-Match: *", "If-Unmodified-Since: x"};
        for (String condition : conditions) {
            add("GET audio " + condition, x -> request("GET", "/audio/" + x.audio(), null, condition, "Range: bytes=0-9"));
        }
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            add(method + " audio", x -> request(method, "/audio/" + x.audio(), new byte[0]));
        }
        add("HEAD audio Range past end", x -> request("HEAD", "/audio/" + x.audio(), null, "Range: bytes=" + AUDIO_SIZE + "-"));
        add("GET audio ?download=%00", x -> request("GET", "/audio/" + x.audio() + "?download=%00", null));
        add("GET audio ?download=1&download=0", x -> request("GET", "/audio/" + x.audio() + "?download=1&download=0", null));
    }
}
