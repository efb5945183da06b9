param A[512, 512] = 0;
param B[512, 512] = 0;
param C[16, 16] = 0;
manifold M {
  coords x[2];
  let p = A * B;
  let q = inv(A);
  let r = det(A[0:128, 0:128]);
  let s = C * C;
  metric g = eye(2);
}
// @error 6:13 this product of a 512×512 matrix and a 512×512 matrix costs 134,217,728 multiplications; one operation may cost at most 4,194,304
// @error 7:11 inv of a 512×512 matrix costs 134,217,728 multiplications; one operation may cost at most 4,194,304
