param A[1024, 1024] = 0;
param B[1024, 1024] = 0;
param C[1024, 1024] = 0;
param D[1024, 1024] = 0;
param E = 1;
manifold M {
  coords x[2];
  metric g = eye(2);
}
// @error 5:7 parameter 'E' brings the parameters to 4,194,305 numbers; a program has at most 4,194,304
