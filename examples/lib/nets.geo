// Building blocks shared by the network models.

// One tanh layer: tanh(W x + b). The shapes are those of the arguments at each call.
def layer(W, b, x) = tanh(W * x + b);

// A smooth positive scale.
def positive(s) = softplus(s) + 1e-6;
