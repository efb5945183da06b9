package geo.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.common.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front-end fuzz test (issue 13, "Done when"): mutants of the example models
 * ({@link SourceMutator}, seeded) go through {@code geo check} in this process, and a sample of
 * those that check cleanly through {@code geo show} and {@code geo compile}. Every run must end
 * with exit code 0, 64 or 65, print no Java stack trace and no internal error, print less than
 * 64 KB, and finish within a time limit.
 *
 * <p>The defaults run in {@code mvn verify}; a longer run takes system properties, e.g.
 * {@code -Dgeo.fuzz.mutants=50000 -Dgeo.fuzz.seed=7 -Dgeo.fuzz.sample=1000}. Failing mutants
 * are written to {@code target/fuzz-failures/}.
 */
class FrontendFuzzTest {

    private static final int MUTANTS = Integer.getInteger("geo.fuzz.mutants", 3000);
    private static final long SEED = Long.getLong("geo.fuzz.seed", 13L);
    private static final int SAMPLE = Integer.getInteger("geo.fuzz.sample", 100);
    private static final long TIME_LIMIT_MS = Long.getLong("geo.fuzz.timeLimitMs", 20_000L);
    private static final int MAX_OUTPUT = 64 * 1024;
    /** Larger models are the size-limit item's business and too slow to show and compile here. */
    private static final int MAX_SAMPLED_DIMENSION = 8;

    private static final Set<Integer> EXPECTED = Set.of(ExitCodes.OK, ExitCodes.USAGE, ExitCodes.COMPILE_ERROR);
    private static final Pattern TRACE = Pattern.compile("\tat |Exception|java\\.lang\\.|internal error");
    private static final Pattern DIMENSION = Pattern.compile("(\\d+) coordinates?");

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err, long millis) {
    }

    private record Finding(String command, int mutant, String problem) {
    }

    @Test
    void mutantsOfTheExamplesNeverCrash() throws Exception {
        Path examples = Geo.EXAMPLES;
        List<String> corpus = new ArrayList<>();
        for (Path p : list(examples)) {
            corpus.add(Files.readString(p));
        }
        Files.createDirectories(dir.resolve("lib"));
        for (Path p : list(examples.resolve("lib"))) {
            corpus.add(Files.readString(p));
            Files.copy(p, dir.resolve("lib").resolve(p.getFileName()));
        }
        assertTrue(corpus.size() >= 10, "the examples: " + corpus.size());

        SourceMutator mutator = new SourceMutator(SEED, corpus);
        // About a fifth of the mutants check cleanly: every stride-th of those goes through show and compile.
        int stride = Math.max(1, MUTANTS / (5 * SAMPLE));
        int eligible = 0;
        Path file = dir.resolve("mutant.geo");
        List<Finding> findings = new ArrayList<>();
        int[] exits = new int[3];
        int sampled = 0;
        long start = System.nanoTime();
        long checkMillis = 0;
        long slowest = 0;
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < MUTANTS && findings.size() < 20; i++) {
                String text = mutator.next();
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                if (i % 50 == 49 && bytes.length > 0) {
                    // Now and then a byte that no UTF-8 text has: a NUL, a lone continuation byte, 0xFF.
                    bytes[(int) ((i * 2654435761L) % bytes.length)] = new byte[] {0, (byte) 0x80, (byte) 0xFF}[i % 3];
                }
                Files.write(file, bytes);
                Run check = run(runner, "check", file.toString());
                checkMillis += check.millis();
                if (check.millis() > slowest) {
                    slowest = check.millis();
                    Files.createDirectories(Path.of("target", "fuzz-failures"));
                    Files.writeString(Path.of("target", "fuzz-failures", "slowest-check.geo"), text);
                }
                findings.addAll(problems("check", i, check, text));
                exits[check.exit() == 0 ? 0 : check.exit() == ExitCodes.USAGE ? 1 : 2]++;
                if (check.exit() != ExitCodes.OK || sampled >= SAMPLE) {
                    continue;
                }
                Matcher d = DIMENSION.matcher(check.out());
                boolean small = true;
                while (d.find()) {
                    small &= Integer.parseInt(d.group(1)) <= MAX_SAMPLED_DIMENSION;
                }
                if (!small || eligible++ % stride != 0) {
                    continue;
                }
                sampled++;
                Run show = run(runner, "show", file.toString());
                findings.addAll(problems("show", i, show, text));
                Run compile = run(runner, "compile", file.toString(), "-o", dir.resolve("mutant.jar").toString());
                findings.addAll(problems("compile", i, compile, text));
                if (findings.stream().anyMatch(f -> f.problem().startsWith("timeout"))) {
                    break;
                }
            }
        } finally {
            runner.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("front-end fuzz: seed %d, %d mutants (%d clean, %d usage, %d compile errors), %d through show "
                        + "and compile, %.1f s (check %.1f s, slowest check %d ms), %d findings%n",
                SEED, MUTANTS, exits[0], exits[1], exits[2], sampled, seconds, checkMillis / 1e3, slowest,
                findings.size());
        StringBuilder report = new StringBuilder();
        for (Finding f : findings) {
            report.append("\n  mutant ").append(f.mutant()).append(" (").append(f.command()).append("): ")
                    .append(f.problem());
        }
        assertTrue(findings.isEmpty(), findings.size() + " findings (seed " + SEED + ", mutants in target/fuzz-failures):"
                + report);
        assertTrue(sampled > 0 || eligible == 0, "no mutant went through show and compile");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".geo")).sorted().toList();
        }
    }

    /** Runs {@code geo args...} in this process, on the runner thread, within the time limit. */
    private static Run run(ExecutorService runner, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        Future<Integer> exit = runner.submit(() -> {
            try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                 PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                try {
                    return Main.run(args, new ByteArrayInputStream(new byte[0]), o, e);
                } catch (Throwable t) {
                    e.println("uncaught " + t);
                    return -1;
                }
            }
        });
        int code;
        try {
            code = exit.get(TIME_LIMIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exit.cancel(true);
            code = -2;
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** What is wrong with a run, if anything; the mutant is saved when something is. */
    private static List<Finding> problems(String command, int index, Run r, String text)
            throws IOException {
        List<String> problems = new ArrayList<>();
        String output = r.out() + r.err();
        if (r.exit() == -2) {
            problems.add("timeout after " + TIME_LIMIT_MS + " ms");
        } else if (!EXPECTED.contains(r.exit())) {
            problems.add("exit " + r.exit() + ": " + firstLines(r.err()));
        }
        if (TRACE.matcher(output).find()) {
            problems.add("stack trace or internal error: " + firstLines(r.err()));
        }
        if (output.length() > MAX_OUTPUT) {
            problems.add("output of " + output.length() + " characters");
        }
        List<Finding> out = new ArrayList<>();
        for (String p : problems) {
            out.add(new Finding(command, index, p));
        }
        if (!out.isEmpty()) {
            Path failures = Path.of("target", "fuzz-failures");
            Files.createDirectories(failures);
            Files.writeString(failures.resolve("seed" + SEED + "-mutant" + index + ".geo"), text);
        }
        return out;
    }

    private static String firstLines(String text) {
        String[] lines = text.split("\n", 4);
        String s = String.join(" | ", java.util.Arrays.copyOf(lines, Math.min(3, lines.length)));
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
