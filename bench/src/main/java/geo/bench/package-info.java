/**
 * JMH benchmarks. Never run by {@code mvn verify}; run with
 * {@code java -jar bench/target/benchmarks.jar} after {@code mvn -B -DskipTests package}, and
 * record the results, with the machine and the date, in {@code bench/RESULTS.md}.
 */
package geo.bench;
