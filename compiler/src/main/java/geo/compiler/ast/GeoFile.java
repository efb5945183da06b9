package geo.compiler.ast;

import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import java.util.List;

/** One parsed {@code .geo} file: its top-level declarations in source order. */
public record GeoFile(SourceFile source, List<Decl> decls, SourceSpan span) implements Node {
    public GeoFile {
        decls = List.copyOf(decls);
    }
}
