param W[2048, 1024] = 0;
param v[2000000] = 0;
param u[2048] = 0;
manifold M {
  coords x[2];
  metric g = eye(1048577)[0:2, 0:2];
  let h = u * u';
}
// @error 1:9 a parameter has at most 1,048,576 elements, but this one has 2048 × 1024 = 2,097,152
// @error 2:9 a parameter has at most 1,048,576 elements, but this one has 2000000
// @error 6:14 this value is a 1048577×1048577 matrix with 1,099,513,724,929 elements; a value has at most 1,048,576
// @error 7:11 this value is a 2048×2048 matrix with 4,194,304 elements; a value has at most 1,048,576
