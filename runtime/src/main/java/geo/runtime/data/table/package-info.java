/**
 * Numeric tables for learning: CSV files read into {@link geo.runtime.data.table.Table}s with
 * line-numbered errors ({@link geo.runtime.data.table.CsvTables},
 * {@link geo.runtime.data.table.DataFormatException}), and their columns bound by header name to
 * the data inputs of a loss or function ({@link geo.runtime.data.table.Columns}), giving rows in
 * the kernels' input-slot order ({@link geo.runtime.data.table.DataSet}). Runtime library: imports
 * {@code api}, never a {@code learn} package.
 */
package geo.runtime.data.table;
