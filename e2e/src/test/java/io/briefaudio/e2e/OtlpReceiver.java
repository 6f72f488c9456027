package io.briefaudio.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A collector's OTLP/HTTP trace endpoint on loopback ({@code POST /v1/traces}, protobuf), keeping the spans it is
 * sent. It reads the few fields of the OTLP trace messages the tests look at, from the protobuf wire format itself.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One received span; {@code parentSpanId} is empty for a root span; attributes as strings. */
    record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
                        Map<String, String> attributes) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                spans.addAll(exportRequest(body.readAllBytes()));
                exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1); // an empty ExportTraceServiceResponse
            } catch (RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** The base URL an exporter is given (it appends /v1/traces). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest: 1 resource_spans. ResourceSpans: 1 resource, 2 scope_spans. Resource: 1 attributes.
    // ScopeSpans: 2 spans. Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 9 attributes.
    // KeyValue: 1 key, 2 value. AnyValue: 1 string, 2 bool, 3 int, 4 double.
    private static List<ReceivedSpan> exportRequest(byte[] message) {
        List<ReceivedSpan> received = new ArrayList<>();
        for (Field resourceSpans : fields(message)) {
            if (resourceSpans.number != 1) {
                continue;
            }
            String service = null;
            List<byte[]> scopeSpans = new ArrayList<>();
            for (Field field : fields(resourceSpans.bytes)) {
                if (field.number == 1) {
                    service = attributes(field.bytes, 1).get("service.name");
                } else if (field.number == 2) {
                    scopeSpans.add(field.bytes);
                }
            }
            for (byte[] scope : scopeSpans) {
                for (Field span : fields(scope)) {
                    if (span.number == 2) {
                        received.add(span(service, span.bytes));
                    }
                }
            }
        }
        return received;
    }

    private static ReceivedSpan span(String service, byte[] message) {
        HexFormat hex = HexFormat.of();
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        for (Field field : fields(message)) {
            switch (field.number) {
                case 1 -> traceId = hex.formatHex(field.bytes);
                case 2 -> spanId = hex.formatHex(field.bytes);
                case 4 -> parent = hex.formatHex(field.bytes);
                case 5 -> name = new String(field.bytes, StandardCharsets.UTF_8);
                default -> { }
            }
        }
        return new ReceivedSpan(service, traceId, spanId, parent, name, attributes(message, 9));
    }

    private static Map<String, String> attributes(byte[] message, int fieldNumber) {
        Map<String, String> attributes = new HashMap<>();
        for (Field keyValue : fields(message)) {
            if (keyValue.number != fieldNumber) {
                continue;
            }
            String key = null;
            String value = null;
            for (Field part : fields(keyValue.bytes)) {
                if (part.number == 1) {
                    key = new String(part.bytes, StandardCharsets.UTF_8);
                } else if (part.number == 2) {
                    value = anyValue(part.bytes);
                }
            }
            if (key != null) {
                attributes.put(key, value);
            }
        }
        return attributes;
    }

    private static String anyValue(byte[] message) {
        for (Field field : fields(message)) {
            switch (field.number) {
                case 1 -> {
                    return new String(field.bytes, StandardCharsets.UTF_8);
                }
                case 2, 3 -> {
                    return field.number == 2 ? Boolean.toString(field.varint != 0) : Long.toString(field.varint);
                }
                case 4 -> {
                    return Double.toString(Double.longBitsToDouble(field.varint));
                }
                default -> { }
            }
        }
        return null;
    }

    /** One field of a protobuf message: its number and its value (varint or fixed as a long, else bytes). */
    private record Field(int number, long varint, byte[] bytes) {
    }

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(message, at), null));
                case 1 -> {
                    fields.add(new Field(number, ByteBuffer.wrap(message, at[0], 8).order(ByteOrder.LITTLE_ENDIAN).getLong(),
                            null));
                    at[0] += 8;
                }
                case 2 -> {
                    int length = (int) varint(message, at);
                    byte[] bytes = new byte[length];
                    System.arraycopy(message, at[0], bytes, 0, length);
                    at[0] += length;
                    fields.add(new Field(number, 0, bytes));
                }
                case 5 -> {
                    fields.add(new Field(number, ByteBuffer.wrap(message, at[0], 4).order(ByteOrder.LITTLE_ENDIAN).getInt(),
                            null));
                    at[0] += 4;
                }
                default -> throw new IllegalArgumentException("unsupported wire type in " + tag);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }
}
