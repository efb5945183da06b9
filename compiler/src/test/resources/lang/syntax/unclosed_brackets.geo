// more than 100 brackets left open: one message from the bracket matcher, not the parser's recovery
// (which is quadratic in the number of open brackets)
let a = ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1;
// @error 3:161 expected ')' before the end of the file (150 brackets are still open)
// @note 3:158 the innermost open bracket
