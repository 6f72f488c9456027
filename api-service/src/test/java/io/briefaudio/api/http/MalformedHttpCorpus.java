package io.briefaudio.api.http;

import static io.briefaudio.api.http.RawHttp.json;
import static io.briefaudio.api.http.RawHttp.request;

import java.nio.charset.StandardCharsets;

/** The HTTP-level part of the corpus: request lines, framing, Host, header sizes and characters. */
final class MalformedHttpCorpus {

    private static final String BRIEFS = "/api/briefs";

    private MalformedHttpCorpus() {
    }

    static void addTo(BadInputCorpus corpus) {
        httpFraming(corpus);
        headers(corpus);
    }

    private static void httpFraming(BadInputCorpus corpus) {
        String[] lines = {"GARBAGE", "GET", "GET /", "GET / HTTP/9.9", "GET / HTTP/1.1 extra", "GET  / HTTP/1.1",
                "G\u0001T / HTTP/1.1", "GET /\u0001 HTTP/1.1", "GET http://evil.example/ HTTP/1.1", "GET * HTTP/1.1",
                "OPTIONS * HTTP/1.1", "GET api/voices HTTP/1.1", "GET //api/voices HTTP/1.1", "GET /% HTTP/1.1",
                "GET /%zz HTTP/1.1", "GET /..%2f..%2f HTTP/1.1", "GET /q/../api/voices HTTP/1.1", "GET /#frag HTTP/1.1",
                "GET /api/voices?%zz HTTP/1.1", "CONNECT localhost:1 HTTP/1.1", "TRACE / HTTP/1.1", "FOO /api/voices HTTP/1.1",
                "get /api/voices HTTP/1.1", "GET /api/voices HTTP/1.0", "GET /api/voices HTTP/2.0", "PRI * HTTP/2.0"};
        for (String line : lines) {
            corpus.add("request line '" + line.replace("\u0001", "^A") + "'", x -> (line + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        corpus.add("request line of 4096 bytes", x -> ("GET /" + "a".repeat(4096 - 15) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        corpus.add("request line of 4097 bytes", x -> ("GET /" + "a".repeat(4097 - 14) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        corpus.add("URI of 100 KB", x -> request("GET", "/api/briefs?x=" + "a".repeat(100_000), null));
        String[] lengths = {"Content-Length: abc", "Content-Length: -1", "Content-Length: 1.5", "Content-Length: 99999999999999999999",
                "Content-Length: 2\r\nContent-Length: 3", "Content-Length: 2, 3", "Content-Length: 0x2", "Content-Length:  2 ",
                "Transfer-Encoding: chunked\r\nContent-Length: 2", "Transfer-Encoding: gzip", "Transfer-Encoding: chunked, identity",
                "Transfer-Encoding: xchunked"};
        for (String length : lengths) {
            corpus.add("framing '" + length.replace("\r\n", " | ") + "'", x -> ("POST /api/briefs HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\nContent-Type: application/json\r\n" + length + "\r\n\r\n{}")
                    .getBytes(StandardCharsets.ISO_8859_1));
        }
        corpus.addMayClose("chunk size garbage", x -> ("POST /api/briefs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        corpus.addMayClose("chunk size overflow", x -> ("POST /api/briefs HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n{}\r\n0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        corpus.add("no Host", x -> "GET /api/voices HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        corpus.add("two Hosts", x -> "GET /api/voices HTTP/1.1\r\nHost: a\r\nHost: b\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        String[] hosts = {"", "a b", "ZAP%n%s%n%s", "[::1", "localhost:99999", "localhost:abc", "@", "a/b", "\u00e9", "..", "localhost:"};
        for (String host : hosts) {
            corpus.add("Host '" + host + "'", x -> ("GET /api/voices HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        corpus.add("Host evil on POST briefs", x -> ("POST /api/briefs HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"title\":\"t\"}").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void headers(BadInputCorpus corpus) {
        corpus.add("header of 8 KB", x -> request("GET", "/api/voices", null, "X-Pad: " + "a".repeat(8192)));
        corpus.add("headers of 19 KB", x -> request("GET", "/api/voices", null, "X-Pad: " + "a".repeat(19 * 1024)));
        corpus.add("headers of 21 KB", x -> request("GET", "/api/voices", null, "X-Pad: " + "a".repeat(21 * 1024)));
        corpus.add("headers of 1 MB", x -> request("GET", "/api/voices", null, "X-Pad: " + "a".repeat(1024 * 1024)));
        corpus.add("2000 headers", x -> request("GET", "/api/voices", null, "X-Many: 1\r\n".repeat(1999) + "X-Many: 1"));
        String[] bad = {"X-A: a\u0001b", "X-A: a\u0000b", "X-A: a\rb", "X-A\u0001: b", "X A: b", ": empty name", "X-A b",
                "X-A:\u007f", " X-Folded: a", "X-A: \u00ff\u00fe", "Content-Type: application/json\u0000", "Accept: \u0001"};
        for (String header : bad) {
            corpus.add("header '" + header.replaceAll("[\\x00-\\x1f\\x7f]", "^") + "'", x -> ("GET /api/voices HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: close\r\n" + header + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        String[] accepts = {"Accept: text/html", "Accept: application/xml", "Accept: */*;q=garbage", "Accept: ;;;,,,",
                "Accept-Encoding: gzip;q=2", "Accept-Language: \u00e9\u00e9"};
        for (String accept : accepts) {
            corpus.add("GET brief " + accept, x -> request("GET", BRIEFS + "/" + x.brief(), null, accept));
            corpus.add("GET missing brief " + accept, x -> request("GET", BRIEFS + "/999999999", null, accept));
        }
        corpus.add("Expect 100-continue oversized", x -> request("POST", BRIEFS, null, "Content-Type: application/json",
                "Expect: 100-continue", "Content-Length: 5000000"));
        corpus.add("Expect garbage", x -> json("POST", BRIEFS, "{\"title\":\"t\"}", "Expect: teapot"));
        corpus.add("Upgrade websocket on API", x -> request("GET", "/api/voices", null, "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: x", "Sec-WebSocket-Version: 13"));
        corpus.add("Upgrade h2c", x -> request("GET", "/api/voices", null, "Upgrade: h2c", "HTTP2-Settings: garbage"));
    }
}
