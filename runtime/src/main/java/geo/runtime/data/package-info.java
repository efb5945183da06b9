/**
 * Data sets that learning tasks read, one subpackage per kind ({@code graph}: graphs and their
 * shortest-path distances). Runtime library: imports no {@code learn} package.
 */
package geo.runtime.data;
