package io.briefaudio.worker.tts.kokoro;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The voice packs of a model directory, each {@code 510×256} float32: either {@code voices/NAME.bin} files (raw
 * little-endian, 522,240 bytes, the onnx-community and kokoro.js layout) or one {@code voices-v1.0.bin} (the
 * kokoro-onnx release: an {@code np.savez} zip of {@code NAME.npy} arrays shaped {@code (510, 1, 256)}).
 */
final class KokoroVoices {

    static final String VOICE_DIR = "voices";
    static final String ARCHIVE = "voices-v1.0.bin";
    static final int PACK_FLOATS = KokoroStyle.ROWS * KokoroStyle.WIDTH;
    static final long PACK_BYTES = PACK_FLOATS * 4L;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern NPY_DESCR = Pattern.compile("'descr':\\s*'([^']*)'");
    private static final Pattern NPY_FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern NPY_SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private KokoroVoices() {
    }

    /**
     * @return packs by voice name, sorted
     * @throws IOException naming the file and what was expected when there is no voice or one is malformed
     */
    static Map<String, float[]> load(Path modelDir) throws IOException {
        Path dir = modelDir.resolve(VOICE_DIR);
        Path archive = modelDir.resolve(ARCHIVE);
        Map<String, float[]> packs = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".bin")).sorted().toList()) {
                    String name = file.getFileName().toString();
                    packs.put(voiceName(file, name.substring(0, name.length() - 4)), raw(file));
                }
            }
        } else if (Files.isRegularFile(archive)) {
            packs.putAll(npz(archive));
        }
        if (packs.isEmpty()) {
            throw new IOException("no voices: expected " + dir + "/NAME.bin files (510×256 float32, " + PACK_BYTES
                    + " bytes each) or " + archive + " (the kokoro-onnx archive of NAME.npy arrays)");
        }
        return packs;
    }

    private static String voiceName(Path file, String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new IOException(file + ": a voice name is 1 to 64 letters, digits, '_' or '-'");
        }
        return name;
    }

    private static float[] raw(Path file) throws IOException {
        long size = Files.size(file);
        if (size != PACK_BYTES) {
            throw new IOException(file + " has " + size + " bytes, expected " + PACK_BYTES
                    + " (a 510×256 float32 voice pack)");
        }
        return floats(ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN), file.toString());
    }

    private static Map<String, float[]> npz(Path archive) throws IOException {
        Map<String, float[]> packs = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String entryName = entry.getName();
                String where = archive + "!" + entryName;
                if (entry.isDirectory() || !entryName.endsWith(".npy")) {
                    throw new IOException(where + ": expected only NAME.npy arrays in the voice archive");
                }
                String name = entryName.substring(entryName.lastIndexOf('/') + 1, entryName.length() - 4);
                packs.put(voiceName(Path.of(where), name), npy(zip, where));
            }
        } catch (java.util.zip.ZipException e) {
            throw new IOException(archive + " is not a voice archive (a zip of NAME.npy, as np.savez writes): "
                    + e.getMessage(), e);
        }
        if (packs.isEmpty()) {
            throw new IOException(archive + " is not a voice archive (a zip of NAME.npy, as np.savez writes): "
                    + "it holds no array");
        }
        return packs;
    }

    /** One {@code .npy} array: little-endian float32, C order, {@code (510, 1, 256)} or {@code (510, 256)}. */
    private static float[] npy(InputStream in, String where) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8 || magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.ISO_8859_1)
                .equals("NUMPY")) {
            throw new IOException(where + " is not a .npy array");
        }
        int major = magic[6];
        byte[] lengthBytes = in.readNBytes(major == 1 ? 2 : 4);
        ByteBuffer lb = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = major == 1 ? Short.toUnsignedInt(lb.getShort()) : lb.getInt();
        String header = new String(in.readNBytes(headerLength), StandardCharsets.ISO_8859_1);
        Matcher descr = NPY_DESCR.matcher(header);
        Matcher fortran = NPY_FORTRAN.matcher(header);
        Matcher shape = NPY_SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new IOException(where + ": unreadable .npy header " + header.strip());
        }
        String dims = shape.group(1).replaceAll("\\s", "").replaceAll(",$", "");
        if (!descr.group(1).equals("<f4") || fortran.group(1).equals("True")
                || !(dims.equals("510,1,256") || dims.equals("510,256"))) {
            throw new IOException(where + " is " + descr.group(1) + " (" + dims + ")"
                    + (fortran.group(1).equals("True") ? " in Fortran order" : "")
                    + ", expected a little-endian float32 (<f4) voice pack shaped (510, 1, 256) in C order");
        }
        byte[] data = in.readNBytes((int) PACK_BYTES);
        if (data.length != PACK_BYTES) {
            throw new IOException(where + " ends after " + data.length + " of " + PACK_BYTES + " data bytes");
        }
        return floats(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), where);
    }

    private static float[] floats(ByteBuffer bytes, String where) throws IOException {
        float[] pack = new float[PACK_FLOATS];
        bytes.asFloatBuffer().get(pack);
        for (float v : pack) {
            if (!Float.isFinite(v)) {
                throw new IOException(where + " holds a value that is not a finite number");
            }
        }
        return pack;
    }
}
