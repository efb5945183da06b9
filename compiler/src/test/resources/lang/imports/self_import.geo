import "self_import.geo";
// @error 1:8 import cycle: self_import.geo -> self_import.geo
