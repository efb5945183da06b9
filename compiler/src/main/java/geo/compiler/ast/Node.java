package geo.compiler.ast;

import geo.compiler.source.SourceSpan;

/** Anything in the syntax tree: it knows where it came from. */
public sealed interface Node permits GeoFile, Decl, Member, Expr, Ident, Formal, Domain, Periodic, Init,
        IndexItem {
    SourceSpan span();
}
