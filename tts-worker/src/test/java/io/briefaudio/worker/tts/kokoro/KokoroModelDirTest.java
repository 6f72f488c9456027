package io.briefaudio.worker.tts.kokoro;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model directory that is incomplete or holds the wrong files stops start-up naming the file and what it expected. */
class KokoroModelDirTest {

    @TempDir
    Path dir;

    private static Path anotherGraph() throws Exception {
        return Path.of(KokoroModelDirTest.class.getResource("/xtts-tiny/hifigan.onnx").toURI());
    }

    private void config() throws IOException {
        Files.copy(KokoroVocabularyTest.V1_CONFIG, dir.resolve("config.json"));
    }

    private void voice(String name, int bytes) throws IOException {
        Files.createDirectories(dir.resolve("voices"));
        Files.write(dir.resolve("voices/" + name + ".bin"), new byte[bytes]);
    }

    private IOException failure() {
        return assertThrows(IOException.class, () -> KokoroModel.load(dir, "fp32", 1));
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void shouldNameConfigJsonWhenItIsMissing() {
        assertMentions(failure(), dir.resolve("config.json").toString(), "is missing", "vocab");
    }

    @Test
    void shouldNameConfigJsonWhenItHasNoVocab() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"n_token\": 178}");
        assertMentions(failure(), "config.json", "no \"vocab\"");
    }

    @Test
    void shouldNameTheGraphWhenItIsMissing() throws IOException {
        config();
        voice("af_test", (int) KokoroVoices.PACK_BYTES);
        assertMentions(failure(), dir.resolve("model.onnx").toString(), "is missing", "onnx/model.onnx",
                "kokoro-v1.0.onnx", "input_ids or tokens");
    }

    @Test
    void shouldNameTheVoicesWhenThereAreNone() throws Exception {
        config();
        Files.copy(anotherGraph(), dir.resolve("model.onnx"));
        assertMentions(failure(), "no voices", "voices/NAME.bin", "voices-v1.0.bin", "522240 bytes");
    }

    @Test
    void shouldNameAVoiceFileOfTheWrongSize() throws Exception {
        config();
        Files.copy(anotherGraph(), dir.resolve("model.onnx"));
        voice("af_short", 1000);
        assertMentions(failure(), "af_short.bin has 1000 bytes, expected 522240");
    }

    @Test
    void shouldNameAnArchiveArrayOfTheWrongShape() throws Exception {
        config();
        Files.copy(anotherGraph(), dir.resolve("model.onnx"));
        try (OutputStream out = Files.newOutputStream(dir.resolve("voices-v1.0.bin"));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("af_wide.npy"));
            zip.write(npy("<f4", "(510, 1, 512)", 4));
            zip.closeEntry();
        }
        assertMentions(failure(), "voices-v1.0.bin!af_wide.npy", "(510,1,512)", "(510, 1, 256)");
    }

    @Test
    void shouldNameAnArchiveThatIsNotAZip() throws Exception {
        config();
        Files.copy(anotherGraph(), dir.resolve("model.onnx"));
        Files.writeString(dir.resolve("voices-v1.0.bin"), "not a zip");
        assertMentions(failure(), "voices-v1.0.bin", "np.savez");
    }

    @Test
    void shouldNameAGraphThatIsNotOnnx() throws IOException {
        config();
        voice("af_test", (int) KokoroVoices.PACK_BYTES);
        Files.writeString(dir.resolve("model.onnx"), "<html>not found</html>");
        assertMentions(failure(), dir.resolve("model.onnx").toString(), "is not an ONNX graph", "input_ids or tokens");
    }

    @Test
    void shouldNameAGraphWithOtherInputs() throws Exception {
        config();
        voice("af_test", (int) KokoroVoices.PACK_BYTES);
        Files.copy(anotherGraph(), dir.resolve("model.onnx"));
        assertMentions(failure(), "model.onnx is not a Kokoro graph", "its inputs are [", "style (float32 [1,256])");
    }

    /** A {@code .npy} file of the header's type and shape, {@code floats} zeros of data. */
    static byte[] npy(String descr, String shape, int floats) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad % 64) + "\n";
        ByteBuffer out = ByteBuffer.allocate(10 + header.length() + floats * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        out.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }
}
