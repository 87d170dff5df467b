package dev.kernelkit.threads;

import dev.kernelkit.panama.PanamaBackend;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Path;

/**
 * Main class run in a child JVM by {@link ThreadGuardChildTest}: prints what ThreadGuard sees in a fresh process (the
 * list's toString, one record per pool).
 */
final class ThreadsProbe {
    private ThreadsProbe() {
    }

    @SuppressWarnings("try") // the scope is the point; its body needs no reference to it
    public static void main(String[] args) {
        switch (args[0]) {
            case "bare" -> System.out.println(ThreadGuard.info());
            case "property-then-load" -> {
                System.out.println("applied " + ThreadGuard.applySystemProperty());
                for (String name : ThreadGuard.ENVIRONMENT_VARIABLES) {
                    System.out.println(name + "=" + ThreadGuard.environmentValue(name).orElse("unset"));
                }
                new PanamaBackend();
                System.out.println(ThreadGuard.info());
            }
            case "blas" -> {
                // Loads the BLAS the way a host application would (JavaCPP, JNI), then looks.
                SymbolLookup.libraryLookup(Path.of(args[1]), Arena.global());
                System.out.println(ThreadGuard.info());
                try (ThreadLimit one = ThreadGuard.limitBlas(1)) {
                    System.out.println("inside " + ThreadGuard.info());
                }
                System.out.println("after " + ThreadGuard.info());
            }
            default -> throw new IllegalArgumentException("mode: " + args[0]);
        }
    }
}
