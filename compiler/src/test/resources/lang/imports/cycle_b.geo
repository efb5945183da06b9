import "cycle_a.geo";
let b = 2;
// @error cycle_a.geo:1:8 import cycle: cycle_b.geo -> cycle_a.geo -> cycle_b.geo
