/*
 * Lexer of the .geo language. Split from the parser so that the token vocabulary is shared
 * explicitly (GeoParser uses tokenVocab = GeoLexer).
 */
lexer grammar GeoLexer;

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
ID     : [\p{L}_] [\p{L}\p{N}_]*;

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
