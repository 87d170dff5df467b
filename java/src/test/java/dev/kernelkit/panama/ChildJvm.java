package dev.kernelkit.panama;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a JVM like this one (same java, same class path) running a main class of the tests. */
final class ChildJvm {
    private ChildJvm() {
    }

    static Process start(Class<?> mainClass, List<String> jvmOptions, String... args) throws IOException {
        return start(mainClass, Map.of(), jvmOptions, args);
    }

    /** The same, with extra environment variables for the child. */
    static Process start(Class<?> mainClass, Map<String, String> environment, List<String> jvmOptions,
                         String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits for the process and returns "exitCode\noutput". */
    static String finish(Process p) throws IOException, InterruptedException {
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return code + "\n" + output;
    }
}
