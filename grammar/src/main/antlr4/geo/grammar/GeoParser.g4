/*
 * Parser of the .geo language. Every alternative that the AST builder distinguishes is labelled;
 * the only code that sees these parse-tree classes is geo.compiler.parse.AstBuilder.
 */
parser grammar GeoParser;

options { tokenVocab = GeoLexer; }

// ---- files ----------------------------------------------------------------------------------
file
    : topDecl* EOF
    ;

topDecl
    : IMPORT STRING SEMI                 # importDecl
    | MANIFOLD name LBRACE member* RBRACE # manifoldDecl
    | paramDecl                          # topParam
    | letDecl                            # topLet
    | defDecl                            # topDef
    | lossDecl                           # topLoss
    | fnDecl                             # topFn
    ;

member
    : COORDS coordList (IN domain)? periodic* SEMI # coordsDecl
    | paramDecl                          # memberParam
    | letDecl                            # memberLet
    | defDecl                            # memberDef
    | METRIC name ASSIGN expr SEMI       # metricDecl
    | LAGRANGIAN name LPAREN name (COMMA name)? RPAREN ASSIGN expr SEMI # lagrangianDecl
    | lossDecl                           # memberLoss
    | fnDecl                             # memberFn
    ;

// `coords x[2]` (a coordinate vector) or `coords r, theta` (named scalars).
coordList
    : name LBRACK NUMBER RBRACK          # coordVector
    | name (COMMA name)*                 # coordScalars
    ;

// `in ball(1)`, `in box([-1, -1], [1, 1])`
domain
    : name LPAREN (expr (COMMA expr)*)? RPAREN
    ;

// `periodic(phi, 2 * pi)`, `periodic(x[1], 2 * pi)`: a coordinate that is an angle, with its period
periodic
    : PERIODIC LPAREN name (LBRACK NUMBER RBRACK)? COMMA expr RPAREN
    ;

paramDecl
    : PARAM name shape? initialiser? SEMI
    ;

initialiser
    : ASSIGN expr                        # valueInit
    | TILDE name LPAREN (expr (COMMA expr)*)? RPAREN # randomInit
    ;

letDecl
    : LET name ASSIGN expr SEMI
    ;

defDecl
    : DEF name LPAREN (formal (COMMA formal)*)? RPAREN ASSIGN expr SEMI
    ;

lossDecl
    : LOSS name LPAREN (formal (COMMA formal)*)? RPAREN ASSIGN expr SEMI
    ;

// `fn predict(x[2]) = ...;`: a def that also compiles to kernels of its own (value, JVP, VJP)
fnDecl
    : FN name LPAREN (formal (COMMA formal)*)? RPAREN ASSIGN expr SEMI
    ;

// `x[2]`, or `eps[2] ~ normal` (a noise input; the checker allows it only in a loss)
formal
    : name shape? (TILDE noise=name)?
    ;

shape
    : LBRACK NUMBER (COMMA NUMBER)* RBRACK
    ;

name
    : ID
    ;

// ---- expressions ----------------------------------------------------------------------------
// Precedence, from tightest to loosest binding:
//   1. postfix: call f(a), indexing a[i, j:k], transpose a'
//   2. power a ^ b (right-associative: a^b^c = a^(b^c); the exponent may carry a unary minus)
//   3. unary minus -a (so -x^2 = -(x^2))
//   4. multiplicative: a * b (matrix product / scaling), a / b   (left-associative)
//   5. additive: a + b, a - b                                     (left-associative)
expr
    : expr TRANSPOSE                                  # transposeExpr
    | expr LBRACK index (COMMA index)* RBRACK         # indexExpr
    | <assoc=right> expr CARET expr                   # powerExpr
    | MINUS expr                                      # negateExpr
    | expr op=(STAR | SLASH) expr                     # mulExpr
    | expr op=(PLUS | MINUS) expr                     # addExpr
    | name LPAREN (expr (COMMA expr)*)? RPAREN        # callExpr
    | name                                            # nameExpr
    | NUMBER                                          # numberExpr
    | LBRACK expr (COMMA expr)* COMMA? RBRACK         # listExpr
    | LPAREN expr RPAREN                              # parenExpr
    ;

// `i` (one position), `i:j`, `i:`, `:j`, `:` (half-open slices); the checker requires constants.
// Written so that one token decides between the alternatives: with `expr | expr? ':' expr?` the
// parser looked past the whole index expression for a ':', at every level of nested indices,
// which made `x[[[[...` quadratic (minutes for a few thousand brackets).
index
    : lo=expr (slice=COLON hi=expr?)?
    | slice=COLON hi=expr?
    ;
