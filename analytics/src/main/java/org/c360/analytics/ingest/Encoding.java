package org.c360.analytics.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text encoding of a source file. DuckDB reads UTF-8 (and UTF-16/Latin-1 natively); exports from older
 * systems are often Windows-1252. We check the bytes: valid UTF-8 is read as is; UTF-16 is recognised by its
 * byte-order mark; anything else is treated as Windows-1252 (a superset of Latin-1's printable characters)
 * and transcoded into a temporary UTF-8 copy, so the source file itself is never touched.
 */
final class Encoding {

    /** Files up to this size are checked completely; larger ones by their first part. */
    static final long FULL_CHECK_LIMIT = 256L << 20;
    private static final int SAMPLE = 16 << 20;

    private Encoding() {
    }

    /** Detects the charset of {@code file}: UTF-8, UTF-16 (BOM) or windows-1252. */
    static Charset detect(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bom = in.readNBytes(3);
            if (bom.length >= 2 && ((bom[0] == (byte) 0xFE && bom[1] == (byte) 0xFF)
                    || (bom[0] == (byte) 0xFF && bom[1] == (byte) 0xFE))) {
                return StandardCharsets.UTF_16;
            }
        }
        long limit = Files.size(file) <= FULL_CHECK_LIMIT ? Long.MAX_VALUE : SAMPLE;
        return isUtf8(file, limit) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    }

    /** Validates UTF-8 over the first {@code limit} bytes (a sequence cut at the limit is fine). */
    private static boolean isUtf8(Path file, long limit) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (read < limit) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    break;
                }
                read += n;
                bytes.position(bytes.position() + n);
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, false);
                if (result.isError()) {
                    return false;
                }
                chars.clear();
                bytes.compact();
            }
            if (read < limit) {
                bytes.flip();
                CoderResult result = decoder.decode(bytes, chars, true);
                return !result.isError() && !decoder.flush(chars).isError();
            }
            return true;
        }
    }

    /** Writes a UTF-8 copy of {@code source} (read as {@code charset}) to {@code target}. */
    static void transcode(Path source, Charset charset, Path target) throws IOException {
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(source),
                charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE));
             OutputStream out = Files.newOutputStream(target);
             Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            char[] buffer = new char[1 << 16];
            int n;
            while ((n = reader.read(buffer)) >= 0) {
                writer.write(buffer, 0, n);
            }
        } catch (CharacterCodingException e) {
            throw new IOException("cannot decode as " + charset + ": " + e.getMessage(), e);
        }
    }
}
