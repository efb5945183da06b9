// @error 2:8 unterminated string: missing closing '"'
import "lib.geo;
manifold M {
  coords x[2];
  metric g = eye(2);
}
