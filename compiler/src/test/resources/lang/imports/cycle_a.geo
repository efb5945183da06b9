import "cycle_b.geo";
let a = 1;
// @error cycle_b.geo:1:8 import cycle: cycle_a.geo -> cycle_b.geo -> cycle_a.geo
