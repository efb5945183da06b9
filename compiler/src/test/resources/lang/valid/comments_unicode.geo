/* A block comment
   spanning lines */
manifold Unicode { // a line comment
  coords θ, φ; /* inline */
  metric g = diag([1, sin(θ)^2]);
}
