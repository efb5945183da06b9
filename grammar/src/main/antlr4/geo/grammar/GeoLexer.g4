/*
 * Lexer of the .geo language. Split from the parser so that the token vocabulary is shared
 * explicitly (GeoParser uses tokenVocab = GeoLexer).
 */
lexer grammar GeoLexer;

@members {
    /** Whether a code point can start a name: a Unicode letter (categories Lu, Ll, Lt, Lm, Lo). */
    public static boolean isIdStart(int c) {
        return Character.isLetter(c);
    }

    /** Whether a code point can continue a name: a Unicode letter or number (Nd, Nl, No). */
    public static boolean isIdPart(int c) {
        if (Character.isLetter(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}

// ---- keywords -------------------------------------------------------------------------------
IMPORT     : 'import';
MANIFOLD   : 'manifold';
COORDS     : 'coords';
PARAM      : 'param';
LET        : 'let';
DEF        : 'def';
METRIC     : 'metric';
LAGRANGIAN : 'lagrangian';
LOSS       : 'loss';
FN         : 'fn';
IN         : 'in';
PERIODIC   : 'periodic';

// ---- punctuation and operators --------------------------------------------------------------
LPAREN    : '(';
RPAREN    : ')';
LBRACK    : '[';
RBRACK    : ']';
LBRACE    : '{';
RBRACE    : '}';
COMMA     : ',';
SEMI      : ';';
COLON     : ':';
ASSIGN    : '=';
TILDE     : '~';
PLUS      : '+';
MINUS     : '-';
STAR      : '*';
SLASH     : '/';
CARET     : '^';
TRANSPOSE : '\'';

// ---- literals and names ---------------------------------------------------------------------
NUMBER
    : DIGITS ('.' DIGITS?)? EXPONENT?
    | '.' DIGITS EXPONENT?
    ;
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"';
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])*;
// A letter or '_', then letters, digits ('\p{N}') and '_'. Written with small ASCII sets and a
// check of each non-ASCII character (isIdStart, isIdPart) rather than as
// [\p{L}_] [\p{L}\p{N}_]*: those Unicode classes hold hundreds of ranges, and building them
// when the lexer class is loaded cost 8-16 ms of every command's start (now under 2 ms). The
// names are the same as with the classes, except that letters newer than the JVM's Unicode
// tables (Unicode 13 in JDK 17) are not letters.
ID        : ID_START ID_PART*;
fragment ID_START : [a-zA-Z_] | [\u0080-\u{10FFFF}] {isIdStart(_input.LA(-1))}?;
fragment ID_PART  : [a-zA-Z0-9_] | [\u0080-\u{10FFFF}] {isIdPart(_input.LA(-1))}?;

fragment DIGITS   : [0-9]+;
fragment EXPONENT : [eE] [+-]? DIGITS;

// ---- trivia ---------------------------------------------------------------------------------
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
// A '/*' with no '*/' after it: everything up to the end of the file, without a '*/' inside.
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF;
WS            : [ \t\r\n\f]+ -> channel(HIDDEN);

// Anything else is a single bad character; the AST builder reports it with its position.
ERROR_CHAR : .;
