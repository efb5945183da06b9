package geo.compiler.source;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The text of one {@code .geo} file and the name under which diagnostics show it.
 *
 * @param displayName the path as the user wrote it (or as derived from an import), used in messages
 * @param path        the file on disk, or {@code null} for text that did not come from a file
 * @param text        the whole source text
 */
public record SourceFile(String displayName, Path path, String text) {

    /**
     * A file that is not UTF-8 text: a byte sequence that is not UTF-8, or a NUL byte (which no
     * text file contains, and every jar, image or other binary file does).
     */
    public static final class NotTextException extends IOException {
        private static final long serialVersionUID = 1L;

        NotTextException(String message) {
            super(message);
        }
    }

    /** Reads a file as UTF-8; the display name is the path as given. */
    public static SourceFile read(Path path) throws IOException {
        return read(path, path.toString());
    }

    /**
     * Reads a file as UTF-8 text under the name {@code displayName}.
     *
     * @throws NotTextException if the file is not UTF-8 text; its message names the offset and
     *                          value of the first bad byte
     */
    public static SourceFile read(Path path, String displayName) throws IOException {
        return new SourceFile(displayName, path, decode(readAllBytes(path)));
    }

    /**
     * The file's bytes through {@link FileInputStream}, whose classes the JVM has initialised before
     * {@code main}: {@link Files#readAllBytes} first initialises the NIO channel classes, about 2 ms
     * of every {@code geo check} (issue 23). When the stream cannot be opened (no such file, a
     * directory, no permission) or the path is not on the default file system, the NIO call is made,
     * so that the exception is the one it throws ({@link java.nio.file.NoSuchFileException} and the
     * others, which callers report).
     */
    private static byte[] readAllBytes(Path path) throws IOException {
        if (path.getFileSystem() == FileSystems.getDefault()) {
            try (FileInputStream in = new FileInputStream(path.toFile())) {
                return in.readAllBytes();
            } catch (FileNotFoundException e) {
                // fall through to the NIO call and its exception
            }
        }
        return Files.readAllBytes(path);
    }

    /**
     * {@code bytes} as UTF-8 text.
     *
     * @throws NotTextException at the first byte that is not part of a UTF-8 sequence, or the first NUL byte
     */
    static String decode(byte[] bytes) throws NotTextException {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                // Checked first: a binary file usually has a NUL byte before any malformed sequence matters.
                return decodeUpTo(bytes, i, "a NUL byte at offset " + i);
            }
        }
        return decodeUpTo(bytes, bytes.length, null);
    }

    /** Decodes {@code bytes[0, end)}; reports the first malformed sequence there, else {@code atEnd} if given. */
    private static String decodeUpTo(byte[] bytes, int end, String atEnd) throws NotTextException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, end);
        CharBuffer out = CharBuffer.allocate(end);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new NotTextException(String.format("not a UTF-8 text file: byte 0x%02X at offset %d is not UTF-8",
                    bytes[at] & 0xff, at));
        }
        if (atEnd != null) {
            throw new NotTextException("not a UTF-8 text file: " + atEnd);
        }
        return out.flip().toString();
    }

    /** Text that has no file behind it (tests, the REPL). Imports resolve against the working directory. */
    public static SourceFile of(String displayName, String text) {
        return new SourceFile(displayName, null, text);
    }

    /**
     * The 1-based line {@code line} without its line terminator, or "" past the end.
     * Lines are split at \n, \r\n and \r, as the lexer counts them. Scans only up to that line.
     */
    public String line(int line) {
        if (line < 1) {
            return "";
        }
        int start = 0;
        for (int current = 1; current < line; current++) {
            int i = start;
            while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                i++;
            }
            if (i == text.length()) {
                return "";
            }
            start = text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
        }
        int end = start;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(start, end);
    }
}
