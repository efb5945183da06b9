// The isotropic baseline: the identity metric, whose eigenvectors are taken to be the standard basis
// (numpy.linalg.eigh's order), as in the papers' 0.648 / 0.707 / 0.707.
manifold Flat {
  coords x[2];
  metric g = eye(2);
}
