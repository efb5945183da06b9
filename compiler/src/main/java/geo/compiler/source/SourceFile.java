package geo.compiler.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one {@code .geo} file and the name under which diagnostics show it.
 *
 * @param displayName the path as the user wrote it (or as derived from an import), used in messages
 * @param path        the file on disk, or {@code null} for text that did not come from a file
 * @param text        the whole source text
 */
public record SourceFile(String displayName, Path path, String text) {

    /** Reads a file as UTF-8; the display name is the path as given. */
    public static SourceFile read(Path path) throws IOException {
        return new SourceFile(path.toString(), path, Files.readString(path, StandardCharsets.UTF_8));
    }

    /** Text that has no file behind it (tests, the REPL). Imports resolve against the working directory. */
    public static SourceFile of(String displayName, String text) {
        return new SourceFile(displayName, null, text);
    }

    /**
     * The 1-based line {@code line} without its line terminator, or "" past the end.
     * Lines are split at \n, \r\n and \r, as the lexer counts them.
     */
    public String line(int line) {
        List<String> lines = lines();
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    private List<String> lines() {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out;
    }
}
