package geo.spark.job;

import geo.runtime.load.Model;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import geo.runtime.load.ParameterFile;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

/**
 * The model a job runs, as it travels to the executors: the name under which the model jar was
 * shipped with the job ({@link org.apache.spark.SparkContext#addFile}), the SHA-256 of the jar's
 * bytes (an executor refuses a different file of the same name), the manifold and θ. Small and
 * serialisable: the jar itself goes once to each executor, not with every task.
 *
 * @param fileName the shipped jar's name ({@code geo-model-<digest prefix>.jar}, so that jobs of
 *                 one Spark context never mix two jars of the same name)
 * @param digest   SHA-256 of the jar, hex
 * @param manifold the model's name within the jar
 * @param theta    the parameters
 */
public record ModelSpec(String fileName, String digest, String manifold, double[] theta) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * A model and θ checked on the driver.
     *
     * @param spec  what the executors get
     * @param model the driver's own copy, for checks (dimension, kernels) and reference computations
     */
    public record Prepared(ModelSpec spec, Model model) {
    }

    /**
     * Loads and verifies {@code jar} on the driver (digests, runtime API: {@link Models#load}),
     * picks the manifold ({@code manifold}, or the jar's first model), applies the parameters file
     * (when given) and ships the jar with the job.
     *
     * @throws JobException when the jar cannot be read or loaded, the manifold does not exist, or
     *                      the parameters file does not fit the model
     */
    public static Prepared prepare(SparkSession spark, Path jar, Optional<String> manifold, Optional<Path> params)
            throws JobException {
        if (!Files.isRegularFile(jar)) {
            throw new JobException("cannot read " + jar + ": no such file");
        }
        ModelSet set;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jar);
            set = Models.load(jar);
        } catch (IOException e) {
            throw new JobException("cannot read " + jar + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // ModelLoadException: not a model jar, another format or runtime API, tampered with.
            throw new JobException(e.getMessage());
        }
        Model model;
        try {
            model = manifold.isPresent() ? set.model(manifold.get()) : set.models().get(0);
        } catch (RuntimeException e) {
            throw new JobException(jar + ": " + e.getMessage());
        }
        double[] theta = model.defaultParameters();
        if (params.isPresent()) {
            try {
                theta = ParameterFile.apply(params.get(), model.descriptor(), theta, false);
            } catch (ParameterFile.Invalid e) {
                throw new JobException(e.getMessage());
            }
        }
        String digest = sha256(bytes);
        String name = "geo-model-" + digest.substring(0, 16) + ".jar";
        try {
            // One staging path per jar content, added to a Spark context once (its name carries the digest).
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "geo-spark-models"));
            Path shipped = dir.resolve(name);
            if (!Files.exists(shipped) || !sha256(Files.readAllBytes(shipped)).equals(digest)) {
                Path tmp = Files.createTempFile(dir, name, ".tmp");
                Files.write(tmp, bytes);
                Files.move(tmp, shipped, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            String uri = shipped.toUri().toString();
            boolean added = scala.jdk.javaapi.CollectionConverters.asJava(spark.sparkContext().listFiles()).stream()
                    .anyMatch(f -> f.endsWith("/" + name));
            if (!added) {
                spark.sparkContext().addFile(uri);
            }
        } catch (IOException e) {
            throw new JobException("cannot stage " + jar + " for the executors: " + e.getMessage());
        }
        return new Prepared(new ModelSpec(name, digest, model.name(), theta), model);
    }

    /**
     * This spec's model on an executor (or the driver in local mode), loaded from the shipped jar;
     * see {@link ExecutorModels}.
     */
    Model load() {
        Path path = Path.of(SparkFiles.get(fileName));
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (!sha256(bytes).equals(digest)) {
                throw new IllegalStateException(path + " is not the model jar the job was submitted with (SHA-256 "
                        + sha256(bytes) + ", expected " + digest + ")");
            }
            return Models.load(path).model(manifold);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the model jar " + path + " on this executor: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
