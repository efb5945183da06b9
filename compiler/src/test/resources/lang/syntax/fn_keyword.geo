let fn = 2;
// @error 1:5 expected a name, found 'fn'
