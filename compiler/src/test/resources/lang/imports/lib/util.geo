def square(a) = a * a';
let two = 2;
param shared = 1;
