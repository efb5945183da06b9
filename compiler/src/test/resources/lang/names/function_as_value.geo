def f(a) = 2 * a;
manifold M {
  coords x[2];
  metric g = f * eye(2);
}
// @error 4:14 'f' is a function; call it with arguments, as in f(...)
// @note 1:5 'f' is declared here
