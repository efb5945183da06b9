package geo.cli;

import static geo.cli.Geo.example;
import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.compiler.ir.NodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every size the command line takes has a limit checked before any work: a usage error (64)
 * for an option or a graph, a compile error (65) for a model, each at once and with a message
 * that names the limit. These inputs used to run out of memory or end in an internal error.
 */
class SizeLimitsTest {

    @TempDir
    Path dir;

    private static long millis(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** {@code coords x[100000]} ran 60 s to 5.8 GB and died with an OutOfMemoryError (exit 1). */
    @Test
    void hugeCoordinateCountIsACompileErrorAtTheDeclaration() throws IOException {
        Path file = dir.resolve("huge.geo");
        Files.writeString(file, "manifold M {\n  coords x[100000];\n  metric g = eye(100000);\n}\n");
        for (String command : new String[] {"check", "show", "compile"}) {
            Geo.Outcome o = geo(command, file.toString());
            assertEquals(65, o.exit(), command + ": " + o.err());
            assertTrue(o.err().contains("huge.geo:2:12: error: a manifold has at most 256 coordinates, but this one "
                    + "has 100000"), o.err());
            assertTrue(o.err().contains("           ^~~~~~"), "a caret under the count: " + o.err());
        }
    }

    /** {@code coords q[65536]} with a Lagrangian overflowed an int (d² entries of its velocity Hessian). */
    @Test
    void lagrangianDimensionThatOverflowedAnIntIsRefused() throws IOException {
        Path file = dir.resolve("q.geo");
        Files.writeString(file, "manifold M {\n  coords q[65536];\n  lagrangian L(v) = 0.5 * dot(v, v);\n}\n");
        Geo.Outcome o = geo("check", file.toString());
        assertEquals(65, o.exit(), o.err());
        assertTrue(o.err().contains("q.geo:2:12: error: a manifold has at most 256 coordinates"), o.err());
    }

    /** A model that passes the checks but whose derivation exceeds the node budget: exit 65 at the manifold. */
    @Test
    void derivationPastTheNodeBudgetIsACompileError() throws IOException {
        Path file = dir.resolve("dense.geo");
        Files.writeString(file, """
                manifold Dense64 {
                  coords x[64];
                  param W1[32, 64] ~ normal(0, 0.1);
                  param b1[32] = 0;
                  param W2[32, 32] ~ normal(0, 0.1);
                  param U[64, 32] ~ normal(0, 0.1);
                  let h = tanh(W1 * x + b1);
                  let s = exp(W2 * h);
                  metric g = U * diag(s) * U' + 0.01 * eye(64);
                }
                """);
        System.setProperty(NodeFactory.BUDGET_PROPERTY, "100000");
        try {
            String zero = "0" + ",0".repeat(63);
            String[][] runs = {{"compile", file.toString(), "-o", dir.resolve("d.jar").toString()},
                {"show", file.toString()}, {"exp", file.toString(), "--x", zero, "--v", zero}};
            for (String[] args : runs) {
                Geo.Outcome o = geo(args);
                assertEquals(65, o.exit(), args[0] + ": " + o.err());
                assertTrue(o.err().startsWith(file + ":1:10: error: manifold 'Dense64' is too large to compile: its "),
                        args[0] + ": " + o.err());
                assertTrue(o.err().contains("100,000 expression nodes"), o.err());
            }
            // The REPL prints the diagnostic and goes on.
            Geo.Outcome repl = Geo.run(":load " + file + "\nexp(" + "[" + zero + "], [" + zero + "])\n:model\n", "repl");
            assertEquals(0, repl.exit(), repl.err());
            assertTrue(repl.err().contains("manifold 'Dense64' is too large to compile"), repl.err());
            assertTrue(repl.out().contains("manifold Dense64 {"), "the session went on: " + repl.out());
        } finally {
            System.clearProperty(NodeFactory.BUDGET_PROPERTY);
        }
    }

    /** {@code geodesic --n 100000000} died with an OutOfMemoryError. */
    @Test
    void geodesicIntervalsAreBounded() {
        Geo.Outcome o = geo("geodesic", example("sphere.geo"), "--x", "1,0", "--v", "0,1", "--n", "100000000");
        assertEquals(64, o.exit(), o.err());
        assertEquals("geo geodesic: --n must be at most 100000, got 100000000\n", o.err());
        Geo.Outcome fine = geo("geodesic", example("sphere.geo"), "--x", "1,0", "--v", "0,1", "--n", "100000",
                "--csv", dir.resolve("g.csv").toString());
        assertEquals(0, fine.exit(), fine.err());
    }

    /** {@code log --method rk4 --steps 100000000} died with an OutOfMemoryError (every step is recorded). */
    @Test
    void rk4StepsAreBounded() {
        for (String command : new String[] {"exp", "log", "dist"}) {
            Geo.Outcome o = geo(command, example("sphere.geo"), "--x", "1,0", command.equals("exp") ? "--v" : "--y",
                    "1.2,0.3", "--method", "rk4", "--steps", "100000000");
            assertEquals(64, o.exit(), command + ": " + o.err());
            assertEquals("geo " + command + ": --steps must be at most 100000 for 2 coordinates (steps·d at most "
                    + "2000000), got 100000000\n", o.err());
        }
        Geo.Outcome spd = geo("log", example("spd.geo"), "--x", "0,0,0", "--y", "1,0,0", "--method", "rk4", "--steps",
                "700000");
        assertEquals(64, spd.exit(), spd.err());
        assertTrue(spd.err().contains("--steps must be at most 100000 for 3 coordinates"), spd.err());
    }

    /** The table's size (n + 1)·d is bounded too: a 30-dimensional ball allows n up to 66,665. */
    @Test
    void geodesicTableSizeIsBounded() throws IOException {
        Path file = dir.resolve("ball30.geo");
        Files.writeString(file, "manifold B {\n  coords x[30] in ball(1);\n  metric g = (2 / (1 - dot(x, x)))^2 * eye(30);\n}\n");
        String zero = "0" + ",0".repeat(29);
        Geo.Outcome o = geo("geodesic", file.toString(), "--x", zero, "--v", "1" + ",0".repeat(29), "--n", "100000");
        assertEquals(64, o.exit(), o.err());
        assertEquals("geo geodesic: --n 100000 with 30 coordinates samples (n + 1)·d = 3000030 coordinates; at most "
                + "2000000 (use --n 66665 or less)\n", o.err());
    }

    /** {@code icosphere:9} was an internal error after 17.6 s, while {@code tree:10,10} was refused at once. */
    @Test
    void generatedGraphsAreRefusedBeforeTheyAreGenerated() {
        for (String graph : new String[] {"icosphere:9", "icosphere:5", "tree:10,10", "tree:2,2000000000", "cycle:5001",
            "grid:100,100", "grid:100000,100000,100000"}) {
            Geo.Outcome[] o = new Geo.Outcome[1];
            long ms = millis(() -> o[0] = geo("embed", graph, "--space", "euclidean", "--dim", "2"));
            assertEquals(64, o[0].exit(), graph + ": " + o[0].err());
            assertEquals("geo embed: " + graph + ": more than 5000 nodes; geo embed takes graphs of at most 5000 nodes "
                    + "(it keeps all n(n - 1)/2 pairs)\n", o[0].err());
            assertTrue(ms < 5_000, graph + " took " + ms + " ms");
        }
    }

    /** An edge list naming a node past the limit is refused at that line. */
    @Test
    void edgeListPastTheNodeLimitNamesTheLine() throws IOException {
        Path edges = dir.resolve("big.edges");
        Files.writeString(edges, "0 1\n1 2\n2 5000\n");
        Geo.Outcome o = geo("embed", edges.toString(), "--space", "euclidean", "--dim", "2");
        assertEquals(64, o.exit(), o.err());
        assertEquals("geo embed: " + edges + ":3: node id 5000 is not below 5000 (a graph has at most 5000 nodes here)\n",
                o.err());
    }

    /** A pairs file is read whole: one past 256 MiB is refused before reading (a sparse file here). */
    @Test
    void pairsFileSizeIsBounded() throws IOException {
        Path pairs = dir.resolve("pairs.csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(pairs.toFile(), "rw")) {
            f.setLength((256L << 20) + 1); // one past geo.cli.solve.DistanceBatch.MAX_FILE_BYTES
        }
        Geo.Outcome o = geo("dist", example("sphere.geo"), "--pairs", pairs.toString());
        assertEquals(64, o.exit(), o.err());
        assertTrue(o.err().contains(pairs + ": 268435457 bytes; a pairs file has at most 268435456 (256 MiB)"), o.err());
    }

    /** {@code --threads 100000000} was an internal error (a thread pool cannot be that large). */
    @Test
    void pairsThreadsAreBounded() throws IOException {
        Path pairs = dir.resolve("pairs.csv");
        Files.writeString(pairs, "1,0,1.2,0.3\n");
        Geo.Outcome o = geo("dist", example("sphere.geo"), "--pairs", pairs.toString(), "--threads", "100000000");
        assertEquals(64, o.exit(), o.err());
        assertEquals("geo dist: --threads must be at most 256, got 100000000\n", o.err());
    }

    /** {@code embed --threads 100000000} ran out of memory (each worker keeps its own arrays). */
    @Test
    void embeddingThreadsAreBounded() {
        Geo.Outcome o = geo("embed", "cycle:5", "--space", "euclidean", "--dim", "2", "--threads", "100000000");
        assertEquals(64, o.exit(), o.err());
        assertEquals("geo embed: --threads must be at most 256, got 100000000\n", o.err());
    }

    @Test
    void embeddingDimensionIsBounded() {
        Geo.Outcome o = geo("embed", "cycle:5", "--space", "euclidean", "--dim", "1000000000");
        assertEquals(64, o.exit(), o.err());
        assertEquals("geo embed: --dim must be from 1 to 256 (the most coordinates a manifold may have), got 1000000000\n",
                o.err());
    }
}
