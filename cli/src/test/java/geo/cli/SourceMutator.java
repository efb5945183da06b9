package geo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded mutator of {@code .geo} sources for the front-end fuzz test: byte and token deletions,
 * duplications and insertions of random tokens, insertions of deep nestings (brackets, calls,
 * unary and binary chains, some beyond the parser's nesting limit), and splices between files.
 * The same seed gives the same mutants.
 *
 * <p>Sizes are kept small on purpose: a mutant never gains an integer literal of three or more
 * digits that its original lacked, because huge declared sizes ({@code coords x[100000]}) are
 * the size-limit item of issue 13 and are tested there.
 */
final class SourceMutator {

    /** Tokens roughly as the lexer splits them; whitespace and comments are tokens too. */
    private static final Pattern TOKEN = Pattern.compile("//[^\\n]*|/\\*.*?\\*/|\"[^\"\\n]*\"|[\\p{L}_][\\p{L}\\p{N}_]*"
            + "|\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\s+|.", Pattern.DOTALL);
    private static final Pattern NEW_BIG_NUMBER = Pattern.compile("\\d{3,}");

    private static final String[] VOCABULARY = {
        "import", "manifold", "coords", "param", "let", "def", "metric", "lagrangian", "loss", "in",
        "(", ")", "[", "]", "{", "}", ",", ";", ":", "=", "~", "+", "-", "*", "/", "^", "'",
        "x", "v", "t", "g", "L", "a", "b", "theta", "W1", "x[0]", "x[1]", "v[0]",
        "0", "1", "2", "3", "0.5", "1e-3", "1e308", "1e999", "1e-400", ".5", "2.",
        "eye", "diag", "dot", "exp", "log", "sqrt", "sin", "cos", "tanh", "det", "inv", "pullback", "norm", "sum",
        "trace", "softplus", "relu", "sigmoid", "abs", "pi", "box", "ball", "normal", "zeros",
        "\"lib/nets.geo\"", "\"nope.geo\"", "\"", "/*", "*/", "//", "@", "#", "$", "`", "\\", "é", "θ", "\u2026",
        "\u00a0", "\t", "\r", "\n", "\u0001", "\uFEFF", "\uD83D\uDE00",
        "eye(2)", "[[1, 0], [0, 1]]", "x'", "v' * g * v", "[1, 2, 3]", "W1[0, :]", "x[0:1]", "(1, 2)",
    };

    private final Random random;
    private final List<String> corpus;

    SourceMutator(long seed, List<String> corpus) {
        this.random = new Random(seed);
        this.corpus = List.copyOf(corpus);
    }

    /** One mutant: a random file of the corpus with one to four mutations. */
    String next() {
        String original = corpus.get(random.nextInt(corpus.size()));
        for (int attempt = 0; attempt < 20; attempt++) {
            String text = original;
            int r = random.nextInt(10);
            int mutations = r < 6 ? 1 : r < 8 ? 2 : 3 + random.nextInt(2);
            for (int i = 0; i < mutations; i++) {
                text = mutate(text);
            }
            if (!gainsBigNumber(original, text)) {
                return text;
            }
        }
        return original;
    }

    private static boolean gainsBigNumber(String original, String mutant) {
        Matcher m = NEW_BIG_NUMBER.matcher(mutant);
        while (m.find()) {
            if (!original.contains(m.group())) {
                return true;
            }
        }
        return false;
    }

    private String mutate(String text) {
        List<String> tokens = tokens(text);
        switch (random.nextInt(12)) {
            case 10:
            case 11:
                return wrapRightHandSide(text);
            case 0: {
                int at = random.nextInt(text.length() + 1);
                int end = Math.min(text.length(), at + 1 + random.nextInt(random.nextBoolean() ? 3 : 40));
                return text.substring(0, at) + text.substring(end);
            }
            case 1: {
                int at = random.nextInt(text.length() + 1);
                int end = Math.min(text.length(), at + 1 + random.nextInt(30));
                return text.substring(0, end) + text.substring(at, end) + text.substring(end);
            }
            case 2: {
                if (!tokens.isEmpty()) {
                    tokens.remove(random.nextInt(tokens.size()));
                }
                return String.join("", tokens);
            }
            case 3: {
                if (!tokens.isEmpty()) {
                    int i = random.nextInt(tokens.size());
                    tokens.add(i, tokens.get(i));
                }
                return String.join("", tokens);
            }
            case 4:
            case 5: {
                int n = 1 + random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    String insert = VOCABULARY[random.nextInt(VOCABULARY.length)];
                    tokens.add(random.nextInt(tokens.size() + 1), random.nextBoolean() ? insert : " " + insert + " ");
                }
                return String.join("", tokens);
            }
            case 6: {
                if (tokens.size() > 1) {
                    int i = random.nextInt(tokens.size());
                    int j = random.nextInt(tokens.size());
                    String swap = tokens.get(i);
                    tokens.set(i, tokens.get(j));
                    tokens.set(j, swap);
                }
                return String.join("", tokens);
            }
            case 7:
            case 8: {
                int at = random.nextInt(tokens.size() + 1);
                tokens.add(at, nesting());
                return String.join("", tokens);
            }
            default: {
                String other = corpus.get(random.nextInt(corpus.size()));
                int from = random.nextInt(other.length());
                int to = Math.min(other.length(), from + random.nextInt(200));
                int at = random.nextInt(text.length() + 1);
                int cut = random.nextBoolean() ? at : Math.min(text.length(), at + random.nextInt(100));
                return text.substring(0, at) + other.substring(from, to) + text.substring(cut);
            }
        }
    }

    private static final Pattern DEFINITION = Pattern.compile("\\b(?:let|metric|lagrangian|def|loss)\\b[^=;{}]*=([^;{}]+);");

    /**
     * The right-hand side of a random let, def, metric, Lagrangian or loss wrapped deep, so that
     * the mutant usually still checks and its depth reaches show and compile: brackets, unary
     * minus, additions of zero, calls.
     */
    private String wrapRightHandSide(String text) {
        Matcher m = DEFINITION.matcher(text);
        List<int[]> found = new ArrayList<>();
        while (m.find()) {
            found.add(new int[] {m.start(1), m.end(1)});
        }
        if (found.isEmpty()) {
            return text;
        }
        int[] at = found.get(random.nextInt(found.size()));
        String rhs = text.substring(at[0], at[1]);
        int depth = random.nextBoolean() ? 1 + random.nextInt(100) : 1 + random.nextInt(3000);
        String wrapped = switch (random.nextInt(5)) {
            case 0 -> "(".repeat(depth) + rhs + ")".repeat(depth);
            case 1 -> "-".repeat(2 * depth) + "(" + rhs + ")";
            case 2 -> "(" + rhs + ")" + " + 0".repeat(depth);
            case 3 -> "(" + rhs + ")" + " * 1".repeat(depth);
            default -> "abs(".repeat(Math.min(depth, 200)) + rhs + ")".repeat(Math.min(depth, 200));
        };
        return text.substring(0, at[0]) + " " + wrapped + text.substring(at[1]);
    }

    /** A deep nesting: usually balanced, sometimes not, sometimes beyond the parser's limit. */
    private String nesting() {
        int depth = random.nextInt(8) == 0 ? 10_001 + random.nextInt(50)
                : random.nextBoolean() ? 1 + random.nextInt(50) : 1 + random.nextInt(3000);
        String inner = random.nextBoolean() ? "x[0]" : "1";
        boolean balanced = random.nextInt(4) != 0;
        return switch (random.nextInt(7)) {
            case 0 -> "(".repeat(depth) + inner + (balanced ? ")".repeat(depth) : "");
            case 1 -> "[".repeat(depth) + inner + (balanced ? "]".repeat(depth) : "");
            case 2 -> "exp(".repeat(Math.min(depth, 400)) + inner + (balanced ? ")".repeat(Math.min(depth, 400)) : "");
            case 3 -> "-".repeat(depth) + inner;
            case 4 -> (inner + " + ").repeat(depth) + inner;
            case 5 -> (inner + " * ").repeat(Math.min(depth, 2000)) + inner;
            default -> "sin(".repeat(depth) + inner + (balanced ? ")".repeat(depth) : "");
        };
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
