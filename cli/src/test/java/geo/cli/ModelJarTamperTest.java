package geo.cli;

import static geo.cli.Geo.example;
import static geo.cli.Geo.geo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.cli.Geo.Outcome;
import geo.compiler.driver.BuildId;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.load.JarBuild;
import geo.runtime.load.ModelLoadException;
import geo.runtime.load.ModelSet;
import geo.runtime.load.Models;
import geo.runtime.load.RuntimeApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13, item 9: a model jar changed after {@code geo compile} — an edited default, source or
 * descriptor, a planted, replaced or removed class, another jar format or runtime API, a malformed
 * index — is refused by {@link Models#load} with a message that names the entry or field, before
 * any of its classes is defined or initialised; {@code geo dist} then exits 64 with that message.
 * The reproducer: examples/spd.geo with the defaults of A edited to the identity gave
 * {@code dist = 1.0} (instead of √2) with exit 0.
 */
class ModelJarTamperTest {

    private static final String INDEX = Models.INDEX;
    private static final String DIGESTS = Models.DIGESTS;
    private static final String SOURCE = "META-INF/geo/source/spd.geo";
    private static final String CLASS = "geo/models/ConstantSPD.class";
    private static final String DEFAULTS = "\"defaults\":[2.0,0.5,0.0,0.5,1.0,0.2,0.0,0.2,1.5]";
    private static final String IDENTITY = "\"defaults\":[1.0,0.0,0.0,0.0,1.0,0.0,0.0,0.0,1.0]";

    @TempDir
    Path dir;

    private Path jar;

    @BeforeEach
    void compileSpd() throws IOException {
        System.clearProperty(JarEdit.PLANTED);
        jar = dir.resolve("spd.jar");
        Outcome o = geo("compile", example("spd.geo"), "-o", jar.toString());
        assertEquals(0, o.exit(), o.err());
    }

    @Test
    void anUntamperedJarLoadsAndGivesTheDistance() throws IOException {
        ModelSet set = Models.load(jar);
        JarBuild build = set.build().orElseThrow();
        assertEquals(new JarBuild(Models.FORMAT, Models.runtimeVersion(), BuildId.current(), RuntimeApi.fingerprint()),
                build);
        assertArrayEquals(new double[] {2, 0.5, 0, 0.5, 1, 0.2, 0, 0.2, 1.5}, set.only().defaultParameters(), 0);
        Outcome o = dist(jar);
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("dist = " + Math.sqrt(2) + "\n"), o.out());
        assertEquals("", o.err());
    }

    /** The reproducer: A's defaults set to the identity in models.json. */
    @Test
    void editedDefaultsAreRefused() throws IOException {
        Path t = JarEdit.of(jar).replace(INDEX, DEFAULTS, IDENTITY).write(dir.resolve("identity.jar"));
        assertRefused(t, "entry META-INF/geo/models.json was modified after 'geo compile' (its SHA-256 is ");
    }

    @Test
    void editedSourceIsRefused() throws IOException {
        Path t = JarEdit.of(jar).replace(SOURCE, "[[2.0, 0.5, 0.0]", "[[1.0, 0.0, 0.0]").write(dir.resolve("src.jar"));
        assertRefused(t, "entry META-INF/geo/source/spd.geo was modified after 'geo compile'");
    }

    @Test
    void editedDescriptorIsRefusedAlsoWhenResealed() throws IOException {
        JarEdit edit = JarEdit.of(jar).replace(INDEX, "\"name\":\"ConstantSPD\"", "\"name\":\"Other\"");
        assertRefused(edit.write(dir.resolve("desc.jar")), "entry META-INF/geo/models.json was modified");
        assertRefused(edit.reseal().write(dir.resolve("desc-resealed.jar")),
                "class geo.models.ConstantSPD does not match its descriptor in META-INF/geo/models.json");
    }

    /** The planted class really sets the property when initialised, so the assertions that it did not mean something. */
    @Test
    void thePlantedClassRunsItsInitialiserWhenLoadedByAnyOtherMeans() throws Exception {
        byte[] bytes = JarEdit.planted("geo/models/Planted");
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) {
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        Class.forName("geo.models.Planted", true, loader);
        assertEquals("geo/models/Planted", System.getProperty(JarEdit.PLANTED));
    }

    @Test
    void aPlantedClassIsRefusedAndNeverInitialised() throws IOException {
        JarEdit added = JarEdit.of(jar).put("geo/models/Planted.class", JarEdit.planted("geo/models/Planted"));
        assertRefused(added.write(dir.resolve("planted.jar")), "class file geo/models/Planted.class is not listed in "
                + "META-INF/geo/digests.json: it was added after 'geo compile'; nothing of the jar was loaded");
        // The index pointed at the planted class: on the old loader its static initialiser ran.
        added.replace(INDEX, "\"class\":\"geo.models.ConstantSPD\"", "\"class\":\"geo.models.Planted\"");
        assertRefused(added.write(dir.resolve("pointed.jar")), "entry META-INF/geo/models.json was modified");
        // Even with digests recomputed, a class that is not a model is refused before it is initialised.
        assertRefused(added.reseal().write(dir.resolve("resealed.jar")), "geo.models.Planted is not a compiled model");
    }

    @Test
    void aReplacedClassIsRefusedAndNeverInitialised() throws IOException {
        Path t = JarEdit.of(jar).put(CLASS, JarEdit.planted("geo/models/ConstantSPD")).write(dir.resolve("repl.jar"));
        assertRefused(t, "entry geo/models/ConstantSPD.class was modified after 'geo compile'");
    }

    @Test
    void removedEntriesAreRefused() throws IOException {
        assertRefused(JarEdit.of(jar).remove(SOURCE).write(dir.resolve("nosrc.jar")),
                "entry META-INF/geo/source/spd.geo, listed in META-INF/geo/digests.json, is missing: it was removed");
        assertRefused(JarEdit.of(jar).remove(CLASS).write(dir.resolve("nocls.jar")),
                "entry geo/models/ConstantSPD.class, listed in META-INF/geo/digests.json, is missing");
        assertRefused(JarEdit.of(jar).remove(SOURCE).reseal().write(dir.resolve("nosrc2.jar")),
                "malformed META-INF/geo/models.json: source names META-INF/geo/source/spd.geo, which the jar does "
                        + "not contain");
        assertRefused(JarEdit.of(jar).remove(CLASS).reseal().write(dir.resolve("nocls2.jar")),
                "malformed META-INF/geo/models.json: models[0].class names geo.models.ConstantSPD, whose class file "
                        + "is not there");
    }

    @Test
    void otherFormatsAndRuntimeApisAreRefused() throws IOException {
        assertRefused(JarEdit.of(jar).replace(DIGESTS, "\"format\": 2", "\"format\": 3").write(dir.resolve("f3.jar")),
                "jar format 3 (written by " + Models.runtimeVersion() + " build " + BuildId.currentShort()
                        + "), but this runtime reads only format 2; recompile the model");
        assertRefused(JarEdit.of(jar).remove(DIGESTS).write(dir.resolve("f1.jar")),
                "written by an older Geo compiler (jar format 1, without META-INF/geo/digests.json); recompile");
        Path api = JarEdit.of(jar).replace(DIGESTS, RuntimeApi.fingerprint(), "0".repeat(64)).write(dir.resolve("api.jar"));
        assertRefused(api, "against another runtime API (fingerprint 000000000000; this runtime's is "
                + RuntimeApi.fingerprint().substring(0, 12) + "), so its classes may not link");
    }

    /** Another compiler build of the same format and runtime API loads; the CLI says which build wrote it. */
    @Test
    void anotherCompilerBuildLoadsAndIsReported() throws IOException {
        String other = "ab".repeat(32);
        Path t = JarEdit.of(jar).replace(DIGESTS, BuildId.current(), other).replace(DIGESTS, "\"version\": \""
                + Models.runtimeVersion() + "\"", "\"version\": \"0.0.9\"").write(dir.resolve("other.jar"));
        JarBuild build = Models.load(t).build().orElseThrow();
        assertEquals(other, build.compilerBuild());
        assertEquals("0.0.9", build.compilerVersion());
        Outcome o = dist(t);
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().startsWith("dist = " + Math.sqrt(2) + "\n"), o.out());
        assertEquals("geo: note: " + t + " was compiled by another build of Geo: Geo 0.0.9 (build abababababab, jar "
                + "format 2); this is Geo " + Models.runtimeVersion() + " (build " + BuildId.currentShort() + ")\n",
                o.err());
    }

    /** Malformed indexes whose digests were recomputed: each message names the file and the field. */
    @Test
    void malformedIndexesNameTheField() throws IOException {
        malformedIndex("\"dimension\":3.0", "\"dimension\":\"3\"",
                "models[0].descriptor.dimension must be an integer in [0, 1000000], got the string \"3\"");
        malformedIndex("\"shape\":[3.0,3.0]", "\"shape\":[-3.0,3.0]",
                "models[0].descriptor.parameters[0].shape[0] must be an integer in [0, 100000000], got -3");
        malformedIndex("\"shape\":[3.0,3.0]", "\"shape\":[3.0,[3.0]]",
                "models[0].descriptor.parameters[0].shape[1] must be an integer in [0, 100000000], got an array of 1");
        malformedIndex("\"shape\":[3.0,3.0]", "\"shape\":[1000000.0,1000000.0]",
                "models[0].descriptor.parameters[0].shape makes 1000000000000 parameter values; at most 100000000");
        malformedIndex(DEFAULTS, "\"defaults\":[1.0]",
                "models[0].defaults has 1 values but model ConstantSPD has 9 parameters");
        malformedIndex(DEFAULTS, "\"defaults\":[\"2\",0.5,0.0,0.5,1.0,0.2,0.0,0.2,1.5]",
                "models[0].defaults[0] must be a finite number, got the string \"2\"");
        malformedIndex(DEFAULTS, "\"defaults\":null", "models[0].defaults must be an array, got null");
        malformedIndex("\"parameters\":[{", "\"parameters\":[7,{", "models[0].descriptor.parameters[0] must be an "
                + "object, got 7");
        malformedIndex(",\"domain\":{\"kind\":\"none\",\"radius\":0.0,\"lo\":[],\"hi\":[]}", "",
                "models[0].descriptor lacks the field 'domain'");
        malformedIndex("\"models\":[", "\"models\":{\"x\":[", "JSON at offset");
        malformedIndex("\"models\":[{", "\"models\":[\"x\",{", "models[0] must be an object, got the string \"x\"");
        malformedIndex("\"models\":[", "\"models\":" + "[".repeat(5000) + "[",
                "arrays and objects nested more than 256 deep");
        malformedIndex("\"models\":[", "\"modelz\":[", "the document lacks the field 'models'");
        Path t = JarEdit.of(jar).edit(INDEX, s -> "[" + s + "]").reseal().write(dir.resolve("array.jar"));
        assertRefused(t, "malformed META-INF/geo/models.json: the document must be an object, got an array of 1");
    }

    @Test
    void malformedDigestListsAreRefused() throws IOException {
        assertRefused(JarEdit.of(jar).edit(DIGESTS, s -> s.substring(0, 40)).write(dir.resolve("d1.jar")),
                "malformed META-INF/geo/digests.json: JSON at offset");
        assertRefused(JarEdit.of(jar).replace(DIGESTS, "\"format\": 2", "\"format\": \"2\"").write(dir.resolve("d2.jar")),
                "malformed META-INF/geo/digests.json: format must be an integer in [0, 2147483647], got the string "
                        + "\"2\"");
        assertRefused(JarEdit.of(jar).edit(DIGESTS, s -> s.replaceAll("\"META-INF/MANIFEST.MF\": \"[0-9a-f]*\"",
                "\"META-INF/MANIFEST.MF\": 5")).write(dir.resolve("d3.jar")),
                "malformed META-INF/geo/digests.json: entries.META-INF/MANIFEST.MF must be a string, got 5");
        assertRefused(JarEdit.of(jar).edit(DIGESTS, s -> s.replaceAll("\"META-INF/MANIFEST.MF\": \"[0-9a-f]*\"",
                "\"META-INF/MANIFEST.MF\": \"abc\"")).write(dir.resolve("d4.jar")),
                "malformed META-INF/geo/digests.json: entries.META-INF/MANIFEST.MF must be 64 lower-case hex digits");
        assertRefused(JarEdit.of(jar).replace(DIGESTS, BuildId.current(), "\\u001b[2J").write(dir.resolve("d6.jar")),
                "malformed META-INF/geo/digests.json: compiler.build must be 1 to 100 printable ASCII characters, got "
                        + "the string \"\\\\u001b[2J\"");
        assertRefused(JarEdit.of(jar).put("geo/\u001b[2J.txt", new byte[0]).write(dir.resolve("d7.jar")),
                "entry geo/\\u001b[2J.txt is not listed in META-INF/geo/digests.json");
        assertRefused(JarEdit.of(jar).edit(DIGESTS, s -> s.replace("\"compiler\"", "\"compilr\""))
                .write(dir.resolve("d5.jar")), "malformed META-INF/geo/digests.json: the document lacks the field "
                + "'compiler'");
    }

    @Test
    void aFileThatIsNotAJarIsRefused() throws IOException {
        Path t = dir.resolve("text.jar");
        Files.writeString(t, "manifold M {}\n", StandardCharsets.UTF_8);
        assertRefused(t, "not a readable jar (zip) file");
        Path plain = JarEdit.of(jar).remove(DIGESTS).remove(INDEX).write(dir.resolve("plain.jar"));
        assertRefused(plain, "not a Geo model jar (it has no META-INF/geo/models.json)");
    }

    /** A jar unpacked and packed again (which adds folder entries) is the same jar. */
    @Test
    void folderEntriesAreIgnored() throws IOException {
        Path t = JarEdit.of(jar).put("geo/", new byte[0]).put("geo/models/", new byte[0]).write(dir.resolve("dirs.jar"));
        assertEquals("ConstantSPD", Models.load(t).only().name());
    }

    /**
     * 1,500 random mutants of spd's models.json (characters deleted, duplicated or replaced by JSON
     * punctuation and digits; seed 9), defined in process as a resealed jar's would be: each loads
     * or is a ModelLoadException about the index or the class, never another exception.
     */
    @Test
    void indexMutantsGiveOnlyLoadErrors() throws IOException {
        SourceFile source = SourceFile.read(Path.of(example("spd.geo")));
        Compiler.Compiled compiled = Compiler.compile(Frontend.check(source).program(), source);
        String index = compiled.indexJson();
        Random random = new Random(9);
        String alphabet = "{}[],:\"-0123456789.eE tnfx";
        int loaded = 0;
        for (int n = 0; n < 1500; n++) {
            StringBuilder s = new StringBuilder(index);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, s.charAt(at));
                    default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            try {
                Models.define(s.toString(), compiled.classFiles(), source.text(), "spd");
                loaded++;
            } catch (ModelLoadException e) {
                assertTrue(e.getMessage().startsWith("spd: malformed META-INF/geo/models.json: ")
                        || e.getMessage().startsWith("spd: class geo.models.ConstantSPD does not match its descriptor"),
                        e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + n + " gave " + e + ": " + s, e);
            }
        }
        assertTrue(loaded > 0 && loaded < 1500, loaded + " mutants loaded");
    }

    private void malformedIndex(String from, String to, String message) throws IOException {
        Path t = JarEdit.of(jar).replace(INDEX, from, to).reseal().write(dir.resolve("malformed.jar"));
        assertRefused(t, message);
        assertRefused(t, t + ": malformed META-INF/geo/models.json: ");
    }

    private static Outcome dist(Path jar) {
        return geo("dist", jar.toString(), "--x", "0,0,0", "--y", "1,0,0");
    }

    /**
     * {@code tampered} is refused by the loader with {@code message} after its path, no planted
     * class ran, and {@code geo dist} exits 64 with the same message and prints no result.
     */
    private static void assertRefused(Path tampered, String message) {
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Models.load(tampered));
        assertTrue(e.getMessage().startsWith(tampered + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
        Outcome o = dist(tampered);
        assertEquals(64, o.exit(), o.err());
        assertEquals("", o.out());
        assertEquals("geo dist: cannot load " + e.getMessage() + "\n", o.err());
        assertNull(System.getProperty(JarEdit.PLANTED), "a planted class's static initialiser ran");
    }
}
