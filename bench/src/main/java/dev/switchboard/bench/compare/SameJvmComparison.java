package dev.switchboard.bench.compare;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Compares the routing of two or more builds in one JVM. Each build (its {@code benchmarks.jar}, or any class path
 * with the bench's classes and the product's) gets a class loader of its own, so its classes are compiled and
 * profiled apart from the others'; all warm up on every language and kind of work, then every round measures every
 * cell of every build once, in a new random order.
 *
 * <p>Made for a small cloud machine whose speed drifts by a third within the hour: there, two JMH runs one after the
 * other differ by more than most changes do, while builds measured in alternation share the drift. What it does not
 * remove is the spread between JVMs (each compiles its own way), so run it three times or more. Not a replacement for
 * the report's JMH figures: it answers "is B faster than A here, now", nothing else.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.switchboard.bench.compare.SameJvmComparison \
 *     [--policy generated5k] [--rounds 30] [--calls 20000] [--seed 1] BUILD_A BUILD_B [BUILD ...]
 * </pre>
 */
public final class SameJvmComparison {
    private static final String PROBE = RoutingProbe.class.getName();
    private static final int WARMUP_ROUNDS = 6;

    private SameJvmComparison() {}

    /** One build: its label and the probe's {@code run} as loaded in its class loader. */
    private record Build(String label, Method run) {}

    /** Options; every build is a class path. */
    record Options(String policy, int rounds, int calls, long seed, List<String> builds) {
        static Options parse(String... args) {
            String policy = "generated5k";
            int rounds = 30;
            int calls = 20_000;
            long seed = 1;
            List<String> builds = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                if (!args[i].startsWith("--")) {
                    builds.add(args[i]);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[++i];
                switch (args[i - 1]) {
                    case "--policy" -> policy = value;
                    case "--rounds" -> rounds = Integer.parseInt(value);
                    case "--calls" -> calls = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
            if (builds.size() < 2) {
                throw new IllegalArgumentException("give two builds or more (each a jar or a class path)");
            }
            if (rounds < 1 || calls < 5) {
                throw new IllegalArgumentException("--rounds must be at least 1 and --calls at least 5");
            }
            return new Options(policy, rounds, calls, seed, builds);
        }
    }

    public static void main(String[] args) throws Exception {
        compare(Options.parse(args), System.out);
    }

    /** Runs the comparison and prints per cell each build's median, quartiles and difference from the first build. */
    static void compare(Options options, PrintStream out) throws ReflectiveOperationException, IOException {
        byte[] probe = probeBytes();
        List<ProbeLoader> loaders = new ArrayList<>();
        try {
            for (String classPath : options.builds()) {
                loaders.add(new ProbeLoader(urls(classPath), probe));
            }
            compare(options, loaders, out);
        } finally {
            for (ProbeLoader loader : loaders) {
                loader.close();
            }
        }
    }

    private static void compare(Options options, List<ProbeLoader> loaders, PrintStream out)
            throws ReflectiveOperationException {
        List<Build> builds = new ArrayList<>();
        String[] languages = null;
        for (int i = 0; i < loaders.size(); i++) {
            String classPath = options.builds().get(i);
            Class<?> probeClass = loaders.get(i).loadClass(PROBE);
            probeClass.getMethod("init", String.class).invoke(null, options.policy());
            languages = (String[]) probeClass.getMethod("languages").invoke(null);
            builds.add(new Build(
                    label(classPath, builds.size()), probeClass.getMethod("run", int.class, int.class, int.class)));
        }
        int works = RoutingProbe.WORK.length;
        List<int[]> cells = new ArrayList<>();
        for (int b = 0; b < builds.size(); b++) {
            for (int l = 0; l < languages.length; l++) {
                for (int w = 0; w < works; w++) {
                    cells.add(new int[] {b, l, w});
                }
            }
        }
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (int[] cell : cells) {
                run(builds.get(cell[0]), cell[1], cell[2], options.calls() / 10);
            }
        }
        double[][][][] times = new double[builds.size()][languages.length][works][options.rounds()];
        Random random = new Random(options.seed());
        for (int round = 0; round < options.rounds(); round++) {
            Collections.shuffle(cells, random);
            for (int[] cell : cells) {
                times[cell[0]][cell[1]][cell[2]][round] = run(builds.get(cell[0]), cell[1], cell[2], options.calls());
            }
        }
        out.printf(
                "policy %s, %d rounds of %d calls per cell; ns per call: median [p25, p75] of the rounds%n",
                options.policy(), options.rounds(), options.calls());
        for (int b = 0; b < builds.size(); b++) {
            out.printf("build %d: %s%n", b, builds.get(b).label());
        }
        for (int l = 0; l < languages.length; l++) {
            for (int w = 0; w < works; w++) {
                double first = quantile(times[0][l][w], 0.5);
                StringBuilder line = new StringBuilder(String.format("%-3s %-9s", languages[l], RoutingProbe.WORK[w]));
                for (int b = 0; b < builds.size(); b++) {
                    double median = quantile(times[b][l][w], 0.5);
                    line.append(String.format(
                            "  %d: %6.0f [%6.0f, %6.0f]",
                            b, median, quantile(times[b][l][w], 0.25), quantile(times[b][l][w], 0.75)));
                    if (b > 0) {
                        line.append(String.format(" %+4.0f %%", (median / first - 1) * 100));
                    }
                }
                out.println(line);
            }
        }
    }

    private static double run(Build build, int language, int work, int calls) throws ReflectiveOperationException {
        try {
            return (Double) build.run().invoke(null, language, work, calls);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("build " + build.label() + " failed", e.getCause());
        }
    }

    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }

    private static String label(String classPath, int index) {
        String[] entries = classPath.split(File.pathSeparator);
        return entries.length == 1 ? Path.of(entries[0]).toAbsolutePath().toString() : "class path " + index;
    }

    private static URL[] urls(String classPath) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }

    private static byte[] probeBytes() throws IOException {
        try (InputStream in = RoutingProbe.class.getResourceAsStream(RoutingProbe.class.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("the probe's class file is not on the class path");
            }
            return in.readAllBytes();
        }
    }

    /**
     * A build's classes, with the probe defined from the running build's bytes rather than looked up: a build made
     * before the probe existed has none, and one made since has its own, and both must run the same probe.
     */
    private static final class ProbeLoader extends URLClassLoader {
        private final byte[] probe;

        ProbeLoader(URL[] urls, byte[] probe) {
            super(urls, ClassLoader.getPlatformClassLoader());
            this.probe = probe;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(PROBE)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = defineClass(name, probe, 0, probe.length);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
