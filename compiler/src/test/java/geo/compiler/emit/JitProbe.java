package geo.compiler.emit;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run in a child JVM by {@link LargeKernelTest}: loads a generated class and calls its kernel until it is hot. */
public final class JitProbe {

    private JitProbe() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of(args[0]));
        String name = args[1];
        int calls = Integer.parseInt(args[2]);
        ClassLoader loader = new ClassLoader(JitProbe.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String n) throws ClassNotFoundException {
                if (!n.equals(name)) {
                    throw new ClassNotFoundException(n);
                }
                return defineClass(n, bytes, 0, bytes.length);
            }
        };
        Class<?> type = loader.loadClass(name);
        Object instance = type.getDeclaredConstructor().newInstance();
        Method kernel = type.getMethod("kernel", double[].class, double[].class, double[].class);
        double[] x = {0.3, 0.7};
        double[] theta = new double[Integer.parseInt(args[3])];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = 0.001 * (i % 7);
        }
        double[] out = new double[1];
        double sum = 0;
        for (int i = 0; i < calls; i++) {
            x[0] = 0.3 + 1e-9 * i;
            kernel.invoke(instance, x, theta, out);
            sum += out[0];
        }
        System.out.println("PROBE-DONE " + sum);
    }
}
