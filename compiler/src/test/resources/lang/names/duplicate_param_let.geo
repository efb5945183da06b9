param w = 1;
let w = 2;
// @error 2:5 duplicate definition of 'w' in the top level of duplicate_param_let.geo
// @note 1:7 'w' is first defined here
