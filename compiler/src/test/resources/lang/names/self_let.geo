let a = a + 1;
// @error 1:5 cyclic definition: a -> a
