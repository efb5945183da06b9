// imports bring the definitions of the imported file, not what that file imports
import "uses_lib.geo";
let t = two;
// @error 3:9 undefined name 'two'
