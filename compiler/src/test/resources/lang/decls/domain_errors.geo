manifold A {
  coords x[2] in ball(-1);
  metric g = eye(2);
}
manifold B {
  coords x[2] in cube(1);
  metric g = eye(2);
}
manifold C {
  coords x[2] in box([0, 0], [1, -1]);
  metric g = eye(2);
}
manifold D {
  coords x[2] in box([0, 0, 0], 1);
  metric g = eye(2);
}
// @error 2:23 the radius of a ball must be a positive number
// @error 6:18 unknown domain 'cube'; use ball(r) or box(lo, hi)
// @error 10:18 box is empty: its lower corner must be below its upper corner in every coordinate
// @error 14:22 a corner of a box must be a number or a vector of length 2, but it is a vector of length 3
