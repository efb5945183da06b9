package geo.compiler.parse;

import geo.grammar.GeoLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * The lexer the compiler runs: a hand-written scanner for the token rules of
 * {@code grammar/src/main/antlr4/geo/grammar/GeoLexer.g4}, giving the same tokens as the generated
 * {@link GeoLexer} (type, channel, start and stop index, line, column and text, for every input;
 * {@code SourceLexerTest} compares the two on every {@code .geo} file of the repository, on
 * edge cases and on random text). The grammar file stays the definition of the tokens (the
 * parser's vocabulary comes from it) and {@link GeoLexer} the reference.
 *
 * <p>Why not the generated lexer: it deserialises its ATN when its class loads and builds its DFA
 * while it lexes the first file, which cost about 10 ms of every {@code geo check} (a tenth of
 * the whole command; issue 23, bench/RESULTS.md "Start-up"). This scanner does the same job in
 * straight-line code.
 *
 * <p>The rules, each the longest match, the earlier rule winning a tie (ANTLR's lexer semantics):
 * keywords (an {@code ID} spelled as one), punctuation, {@code NUMBER} = digits [. digits?]
 * [exponent] | . digits [exponent], with the exponent [eE][+-]?digits taken only when complete;
 * {@code STRING} and {@code UNTERMINATED_STRING} (escapes are a backslash and any character but a
 * line break); {@code ID} = a letter or '_' then letters, digits and '_' (ASCII, or a non-ASCII
 * code point for which {@link #isIdStart} / {@link #isIdPart} hold); comments ({@code //} to the
 * end of the line; a block comment to the first closing marker, or an unterminated one to the
 * end of the file); white space; anything else is one {@code ERROR_CHAR}. Positions are counted in
 * code points, and only {@code '\n'} starts a new line, as in ANTLR.
 */
public final class SourceLexer implements TokenSource {

    private final CharStream input;
    private final Pair<TokenSource, CharStream> source;
    private final int[] cps;
    private int pos;
    private int line = 1;
    private int column;
    private TokenFactory<?> factory = CommonTokenFactory.DEFAULT;

    private SourceLexer(String text, String sourceName) {
        this.input = CharStreams.fromString(text, sourceName);
        this.source = new Pair<>(this, input);
        this.cps = codePoints(text);
    }

    /** All tokens of {@code text}, hidden ones included, without the end-of-file token (as {@code GeoLexer.getAllTokens()}). */
    public static List<Token> tokens(String text, String sourceName) {
        SourceLexer lexer = new SourceLexer(text, sourceName);
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            out.add(t);
        }
        return out;
    }

    /** The code points of {@code text} as ANTLR's code-point stream holds them (an unpaired surrogate is one). */
    private static int[] codePoints(String text) {
        int[] out = new int[text.length()];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            out[n++] = c;
            i += Character.charCount(c);
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /** Whether a non-ASCII code point can start a name: a Unicode letter (as {@code GeoLexer.isIdStart}). */
    static boolean isIdStart(int c) {
        return Character.isLetter(c);
    }

    /** Whether a non-ASCII code point can continue a name: a letter or a number, Nd, Nl or No (as {@code GeoLexer.isIdPart}). */
    static boolean isIdPart(int c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private int at(int i) {
        return i < cps.length ? cps[i] : -1;
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean asciiIdStart(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean whitespace(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
    }

    private int digits(int i) {
        while (digit(at(i))) {
            i++;
        }
        return i;
    }

    /** The end of an optional exponent at {@code i}: past it when it is complete, else {@code i}. */
    private int exponent(int i) {
        int c = at(i);
        if (c != 'e' && c != 'E') {
            return i;
        }
        int j = i + 1;
        if (at(j) == '+' || at(j) == '-') {
            j++;
        }
        return digit(at(j)) ? digits(j) : i;
    }

    @Override
    public Token nextToken() {
        int start = pos;
        int startLine = line;
        int startColumn = column;
        if (start >= cps.length) {
            CommonToken eof = new CommonToken(source, Token.EOF, Token.DEFAULT_CHANNEL, start, start - 1);
            eof.setText("<EOF>");
            eof.setLine(line);
            eof.setCharPositionInLine(column);
            return eof;
        }
        int c = cps[start];
        int next = at(start + 1);
        int end = start + 1;
        int channel = Token.DEFAULT_CHANNEL;
        int type;
        if (whitespace(c)) {
            while (whitespace(at(end))) {
                end++;
            }
            type = GeoLexer.WS;
            channel = Token.HIDDEN_CHANNEL;
        } else if (digit(c) || c == '.' && digit(next)) {
            end = digits(start + 1);
            if (c != '.' && at(end) == '.') {
                end = digits(end + 1);
            }
            end = exponent(end);
            type = GeoLexer.NUMBER;
        } else if (asciiIdStart(c) || c >= 0x80 && isIdStart(c)) {
            for (int p = at(end); p >= 0 && (asciiIdStart(p) || digit(p) || p >= 0x80 && isIdPart(p)); p = at(end)) {
                end++;
            }
            type = keyword(start, end);
        } else if (c == '"') {
            type = GeoLexer.UNTERMINATED_STRING;
            while (end < cps.length) {
                int s = cps[end];
                if (s == '"') {
                    end++;
                    type = GeoLexer.STRING;
                    break;
                }
                if (s == '\r' || s == '\n' || s == '\\' && (end + 1 >= cps.length || cps[end + 1] == '\r'
                        || cps[end + 1] == '\n')) {
                    break;
                }
                end += s == '\\' ? 2 : 1;
            }
        } else if (c == '/' && next == '/') {
            while (end < cps.length && cps[end] != '\r' && cps[end] != '\n') {
                end++;
            }
            type = GeoLexer.LINE_COMMENT;
            channel = Token.HIDDEN_CHANNEL;
        } else if (c == '/' && next == '*') {
            end = start + 2;
            while (end < cps.length && !(cps[end] == '*' && at(end + 1) == '/')) {
                end++;
            }
            if (end < cps.length) {
                end += 2;
                type = GeoLexer.BLOCK_COMMENT;
                channel = Token.HIDDEN_CHANNEL;
            } else {
                type = GeoLexer.UNTERMINATED_COMMENT;
            }
        } else {
            type = punctuation(c);
        }
        for (int i = start; i < end; i++) {
            if (cps[i] == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        pos = end;
        CommonToken t = new CommonToken(source, type, channel, start, end - 1);
        t.setLine(startLine);
        t.setCharPositionInLine(startColumn);
        return t;
    }

    private static int punctuation(int c) {
        return switch (c) {
            case '(' -> GeoLexer.LPAREN;
            case ')' -> GeoLexer.RPAREN;
            case '[' -> GeoLexer.LBRACK;
            case ']' -> GeoLexer.RBRACK;
            case '{' -> GeoLexer.LBRACE;
            case '}' -> GeoLexer.RBRACE;
            case ',' -> GeoLexer.COMMA;
            case ';' -> GeoLexer.SEMI;
            case ':' -> GeoLexer.COLON;
            case '=' -> GeoLexer.ASSIGN;
            case '~' -> GeoLexer.TILDE;
            case '+' -> GeoLexer.PLUS;
            case '-' -> GeoLexer.MINUS;
            case '*' -> GeoLexer.STAR;
            case '/' -> GeoLexer.SLASH;
            case '^' -> GeoLexer.CARET;
            case '\'' -> GeoLexer.TRANSPOSE;
            default -> GeoLexer.ERROR_CHAR;
        };
    }

    /** The keyword spelled by code points [start, end), or {@code ID}. */
    private int keyword(int start, int end) {
        int length = end - start;
        if (length < 2 || length > 10) {
            return GeoLexer.ID;
        }
        char[] word = new char[length];
        for (int i = 0; i < length; i++) {
            int c = cps[start + i];
            if (c >= 0x80) {
                return GeoLexer.ID;
            }
            word[i] = (char) c;
        }
        return switch (new String(word)) {
            case "import" -> GeoLexer.IMPORT;
            case "manifold" -> GeoLexer.MANIFOLD;
            case "coords" -> GeoLexer.COORDS;
            case "param" -> GeoLexer.PARAM;
            case "let" -> GeoLexer.LET;
            case "def" -> GeoLexer.DEF;
            case "metric" -> GeoLexer.METRIC;
            case "lagrangian" -> GeoLexer.LAGRANGIAN;
            case "loss" -> GeoLexer.LOSS;
            case "fn" -> GeoLexer.FN;
            case "in" -> GeoLexer.IN;
            case "periodic" -> GeoLexer.PERIODIC;
            default -> GeoLexer.ID;
        };
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getCharPositionInLine() {
        return column;
    }

    @Override
    public CharStream getInputStream() {
        return input;
    }

    @Override
    public String getSourceName() {
        return input.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        this.factory = factory;
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return factory;
    }
}
