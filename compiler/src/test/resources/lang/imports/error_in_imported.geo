import "lib/broken.geo";
let a = 1;
// @error lib/broken.geo:3:14 undefined name 'nope'
