// @error 3:14 undefined name 'nope'

let broken = nope;
