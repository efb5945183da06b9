manifold M {
  coords x[2];
  metric g = [[1, 0], [0, 1, 2]];
}
// @error 3:23 element 2 of this list is a vector of length 3, but element 1 is a vector of length 2; a list holds scalars (a vector) or vectors of one length (the rows of a matrix)
