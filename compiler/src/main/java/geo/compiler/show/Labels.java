package geo.compiler.show;

import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.print.LatexPrinter;
import java.util.List;

/**
 * Index labels of a manifold's tensors. Named coordinates label their own indices
 * ({@code Γ^theta_phi,phi}, {@code \Gamma^{\theta}_{\phi\phi}}); a coordinate vector {@code x[d]}
 * uses the positions ({@code Γ^0_1,1}, {@code \Gamma^{0}_{11}}). Text joins indices with commas,
 * since names may be long; LaTeX writes them side by side as is customary, with commas only when
 * numeric indices could run together (d > 10).
 */
final class Labels {

    private final String[] text;
    private final String[] latex;
    private final boolean numeric;

    /**
     * @param coordinates the coordinate symbols
     * @param vector      true for {@code coords x[d]}, false for named coordinates
     * @param f           the factory the symbols belong to (for their LaTeX names)
     */
    Labels(List<Symbol> coordinates, boolean vector, NodeFactory f) {
        int d = coordinates.size();
        text = new String[d];
        latex = new String[d];
        numeric = vector;
        for (int i = 0; i < d; i++) {
            text[i] = vector ? Integer.toString(i) : coordinates.get(i).name();
            latex[i] = vector ? Integer.toString(i) : symbolLatex(f, coordinates.get(i));
        }
    }

    /** How a symbol prints in LaTeX ({@code theta} → {@code \theta}, {@code v[0]} → {@code v_{0}}). */
    static String symbolLatex(NodeFactory f, Symbol s) {
        return LatexPrinter.inline(f.symbol(s));
    }

    /** {@code text} as upright LaTeX text, its special characters escaped. */
    static String escapeLatexText(String text) {
        StringBuilder sb = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '_', '#', '$', '%', '&', '{', '}' -> sb.append('\\').append(c);
                case '\\' -> sb.append("\\textbackslash{}");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The text label of the index tuple {@code idx}: {@code theta,phi}. */
    String text(int... idx) {
        StringBuilder sb = new StringBuilder();
        for (int i : idx) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(text[i]);
        }
        return sb.toString();
    }

    /** The LaTeX label of the index tuple {@code idx}: {@code \phi\phi}, {@code r\theta}, {@code 01}. */
    String latex(int... idx) {
        boolean commas = numeric && text.length > 10;
        StringBuilder sb = new StringBuilder();
        for (int i : idx) {
            String part = latex[i];
            if (sb.length() > 0) {
                if (commas) {
                    sb.append(',');
                } else if (endsInControlWord(sb) && Character.isLetter(part.charAt(0))) {
                    // "\theta" followed by "r" would read as the unknown command "\thetar".
                    sb.append(' ');
                }
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static boolean endsInControlWord(CharSequence s) {
        int i = s.length() - 1;
        while (i >= 0 && Character.isLetter(s.charAt(i))) {
            i--;
        }
        return i >= 0 && i < s.length() - 1 && s.charAt(i) == '\\';
    }
}
