import "lib/util.geo";
let two = 3;
// @error 1:8 "lib/util.geo" defines 'two', which is already defined in this file
// @note 2:5 'two' is defined here
// @note lib/util.geo:2:5 the imported 'two' is defined here
