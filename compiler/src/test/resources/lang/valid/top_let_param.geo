param scale = 2;
let base = scale * eye(2);
manifold Scaled {
  coords x[2];
  metric g = base * (1 + dot(x, x));
}
