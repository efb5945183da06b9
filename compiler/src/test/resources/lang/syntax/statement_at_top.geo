coords x[2];
// @error 1:1 expected a declaration (import, manifold, param, let, def, loss) or end of file, found 'coords'
