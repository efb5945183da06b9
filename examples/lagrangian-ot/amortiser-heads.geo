// A multi-hypothesis spline amortiser (session 12): the 2 x 64 network of amortiser-small.geo with
// K = 2 heads, 72 outputs — head h's 36 values are added to the straight line bent by its own anchor
// arc, above and below (Networks). Behind the box or the slit the minimal path goes above OR below;
// one regression predicts their average, through the obstacle. The heads are fitted winner-takes-all
// ("multiple choice learning", Guzman-Rivera et al. 2012; AmortiserFit) and the benchmark evaluates
// both heads' paths in one batched call and keeps the lower action. Used from saved dual networks:
// `geo lot --load DIR --fresh-amortiser --amortiser-fit 8000 --amortiser amortiser-heads.geo` (README).
param aW1[64, 2] ~ normal(0, 0.5);  param aV1[64, 2] ~ normal(0, 0.5);  param ab1[64] = zeros;
param aW2[64, 64] ~ normal(0, 0.1); param ab2[64] = zeros;
param aW3[72, 64] ~ normal(0, 0.1); param ab3[72] = zeros;

fn path(x[2], y[2]) = aW3 * relu(aW2 * relu(aW1 * x + aV1 * y + ab1) + ab2) + ab3;
