import "nowhere.geo";
// @error 1:8 cannot import "nowhere.geo": no such file
