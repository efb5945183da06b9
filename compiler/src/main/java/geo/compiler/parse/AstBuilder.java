package geo.compiler.parse;

import geo.compiler.ast.Decl;
import geo.compiler.ast.Domain;
import geo.compiler.ast.Periodic;
import geo.compiler.ast.Expr;
import geo.compiler.ast.Formal;
import geo.compiler.ast.GeoFile;
import geo.compiler.ast.Ident;
import geo.compiler.ast.IndexItem;
import geo.compiler.ast.Init;
import geo.compiler.ast.Member;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import geo.grammar.GeoParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns an error-free parse tree into AST records. The only class that reads ANTLR's parse-tree
 * types; it reports only what the grammar cannot express (numbers out of range).
 */
final class AstBuilder {

    private final Spans spans;
    private final Diagnostics diagnostics;

    AstBuilder(Spans spans, Diagnostics diagnostics) {
        this.spans = spans;
        this.diagnostics = diagnostics;
    }

    GeoFile file(GeoParser.FileContext ctx, SourceFile source) {
        List<Decl> decls = new ArrayList<>();
        for (GeoParser.TopDeclContext d : ctx.topDecl()) {
            decls.add(topDecl(d));
        }
        return new GeoFile(source, decls, spans.of(ctx));
    }

    private Decl topDecl(GeoParser.TopDeclContext ctx) {
        if (ctx instanceof GeoParser.ImportDeclContext c) {
            Token s = c.STRING().getSymbol();
            return new Decl.Import(unquote(s.getText()), spans.of(s), spans.of(c));
        }
        if (ctx instanceof GeoParser.ManifoldDeclContext c) {
            List<Member> members = new ArrayList<>();
            for (GeoParser.MemberContext m : c.member()) {
                members.add(member(m));
            }
            return new Decl.Manifold(ident(c.name()), members, spans.of(c));
        }
        if (ctx instanceof GeoParser.TopParamContext c) {
            return param(c.paramDecl());
        }
        if (ctx instanceof GeoParser.TopLetContext c) {
            return let(c.letDecl());
        }
        if (ctx instanceof GeoParser.TopDefContext c) {
            return def(c.defDecl());
        }
        if (ctx instanceof GeoParser.TopFnContext c) {
            return fn(c.fnDecl());
        }
        return loss(((GeoParser.TopLossContext) ctx).lossDecl());
    }

    private Member member(GeoParser.MemberContext ctx) {
        if (ctx instanceof GeoParser.CoordsDeclContext c) {
            return coords(c);
        }
        if (ctx instanceof GeoParser.MemberParamContext c) {
            return param(c.paramDecl());
        }
        if (ctx instanceof GeoParser.MemberLetContext c) {
            return let(c.letDecl());
        }
        if (ctx instanceof GeoParser.MemberDefContext c) {
            return def(c.defDecl());
        }
        if (ctx instanceof GeoParser.MetricDeclContext c) {
            return new Member.Metric(ident(c.name()), expr(c.expr()), spans.of(c));
        }
        if (ctx instanceof GeoParser.LagrangianDeclContext c) {
            List<GeoParser.NameContext> names = c.name();
            Ident time = names.size() > 2 ? ident(names.get(2)) : null;
            return new Member.Lagrangian(ident(names.get(0)), ident(names.get(1)), time, expr(c.expr()), spans.of(c));
        }
        if (ctx instanceof GeoParser.MemberFnContext c) {
            return fn(c.fnDecl());
        }
        return loss(((GeoParser.MemberLossContext) ctx).lossDecl());
    }

    private Member.Coords coords(GeoParser.CoordsDeclContext c) {
        List<Ident> names = new ArrayList<>();
        Expr.Num length = null;
        if (c.coordList() instanceof GeoParser.CoordVectorContext v) {
            names.add(ident(v.name()));
            length = number(v.NUMBER());
        } else {
            for (GeoParser.NameContext n : ((GeoParser.CoordScalarsContext) c.coordList()).name()) {
                names.add(ident(n));
            }
        }
        Domain domain = null;
        if (c.domain() != null) {
            GeoParser.DomainContext d = c.domain();
            domain = new Domain(ident(d.name()), exprs(d.expr()), spans.of(d));
        }
        List<Periodic> periodic = new ArrayList<>();
        for (GeoParser.PeriodicContext p : c.periodic()) {
            periodic.add(new Periodic(ident(p.name()), p.NUMBER() == null ? null : number(p.NUMBER()), expr(p.expr()),
                    spans.of(p)));
        }
        return new Member.Coords(names, length, domain, periodic, spans.of(c));
    }

    private Decl.Param param(GeoParser.ParamDeclContext c) {
        Init init = null;
        if (c.initialiser() instanceof GeoParser.ValueInitContext v) {
            Expr value = expr(v.expr());
            init = value instanceof Expr.Name n && n.id().equals("zeros")
                    ? new Init.Zeros(spans.of(v)) : new Init.Value(value, spans.of(v));
        } else if (c.initialiser() instanceof GeoParser.RandomInitContext r) {
            init = new Init.Random(ident(r.name()), exprs(r.expr()), spans.of(r));
        }
        return new Decl.Param(ident(c.name()), shape(c.shape()), init, spans.of(c));
    }

    private Decl.Let let(GeoParser.LetDeclContext c) {
        return new Decl.Let(ident(c.name()), expr(c.expr()), spans.of(c));
    }

    private Decl.Def def(GeoParser.DefDeclContext c) {
        return new Decl.Def(ident(c.name()), formals(c.formal()), expr(c.expr()), spans.of(c));
    }

    private Decl.Def fn(GeoParser.FnDeclContext c) {
        return new Decl.Def(ident(c.name()), formals(c.formal()), expr(c.expr()), true, spans.of(c));
    }

    private Decl.Loss loss(GeoParser.LossDeclContext c) {
        return new Decl.Loss(ident(c.name()), formals(c.formal()), expr(c.expr()), spans.of(c));
    }

    private List<Formal> formals(List<GeoParser.FormalContext> list) {
        List<Formal> out = new ArrayList<>();
        for (GeoParser.FormalContext f : list) {
            out.add(new Formal(ident(f.name(0)), shape(f.shape()), f.noise == null ? null : ident(f.noise),
                    spans.of(f)));
        }
        return out;
    }

    private List<Expr.Num> shape(GeoParser.ShapeContext c) {
        List<Expr.Num> dims = new ArrayList<>();
        if (c != null) {
            for (TerminalNode n : c.NUMBER()) {
                dims.add(number(n));
            }
        }
        return dims;
    }

    private Ident ident(GeoParser.NameContext c) {
        return new Ident(c.getText(), spans.of(c));
    }

    private List<Expr> exprs(List<GeoParser.ExprContext> list) {
        List<Expr> out = new ArrayList<>(list.size());
        for (GeoParser.ExprContext e : list) {
            out.add(expr(e));
        }
        return out;
    }

    private Expr expr(GeoParser.ExprContext ctx) {
        SourceSpan span = spans.of(ctx);
        if (ctx instanceof GeoParser.ParenExprContext c) {
            return expr(c.expr());
        }
        if (ctx instanceof GeoParser.NumberExprContext c) {
            return number(c.NUMBER());
        }
        if (ctx instanceof GeoParser.NameExprContext c) {
            return new Expr.Name(c.getText(), span);
        }
        if (ctx instanceof GeoParser.CallExprContext c) {
            return new Expr.Call(ident(c.name()), exprs(c.expr()), span);
        }
        if (ctx instanceof GeoParser.ListExprContext c) {
            return new Expr.ListLit(exprs(c.expr()), span);
        }
        if (ctx instanceof GeoParser.NegateExprContext c) {
            return new Expr.Neg(expr(c.expr()), span);
        }
        if (ctx instanceof GeoParser.TransposeExprContext c) {
            return new Expr.Transpose(expr(c.expr()), span);
        }
        if (ctx instanceof GeoParser.IndexExprContext c) {
            List<IndexItem> items = new ArrayList<>();
            for (GeoParser.IndexContext i : c.index()) {
                items.add(index(i));
            }
            return new Expr.Index(expr(c.expr()), items, span);
        }
        if (ctx instanceof GeoParser.PowerExprContext c) {
            return binary(Expr.BinOp.POW, c.expr(0), c.CARET().getSymbol(), c.expr(1), span);
        }
        if (ctx instanceof GeoParser.MulExprContext c) {
            Expr.BinOp op = c.op.getType() == GeoParser.STAR ? Expr.BinOp.MUL : Expr.BinOp.DIV;
            return binary(op, c.expr(0), c.op, c.expr(1), span);
        }
        GeoParser.AddExprContext c = (GeoParser.AddExprContext) ctx;
        Expr.BinOp op = c.op.getType() == GeoParser.PLUS ? Expr.BinOp.ADD : Expr.BinOp.SUB;
        return binary(op, c.expr(0), c.op, c.expr(1), span);
    }

    private Expr binary(Expr.BinOp op, GeoParser.ExprContext l, Token opToken, GeoParser.ExprContext r,
                        SourceSpan span) {
        return new Expr.Binary(op, expr(l), expr(r), spans.of(opToken), span);
    }

    private IndexItem index(GeoParser.IndexContext ctx) {
        if (ctx.slice == null) {
            return new IndexItem.At(expr(ctx.lo), spans.of(ctx));
        }
        return new IndexItem.Slice(ctx.lo == null ? null : expr(ctx.lo), ctx.hi == null ? null : expr(ctx.hi),
                spans.of(ctx));
    }

    private Expr.Num number(TerminalNode n) {
        Token t = n.getSymbol();
        double value = Double.parseDouble(t.getText());
        if (Double.isInfinite(value)) {
            diagnostics.error(spans.of(t), "number " + t.getText() + " is too large for a double");
        }
        return new Expr.Num(value, t.getText(), spans.of(t));
    }

    private static String unquote(String quoted) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char ch = quoted.charAt(i);
            if (ch == '\\' && i + 1 < quoted.length() - 1) {
                ch = quoted.charAt(++i);
            }
            out.append(ch);
        }
        return out.toString();
    }

}
