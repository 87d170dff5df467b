package dev.kernelkit.panama;

import dev.kernelkit.spi.Backends;

/** Child-JVM entry point: loads the default backend and prints its name, and the library path when native. */
public final class LoadAndReport {
    private LoadAndReport() {
    }

    public static void main(String[] args) {
        String name = Backends.defaultBackend().name();
        System.out.println("backend=" + name);
        if (name.equals(PanamaBackend.NAME)) {
            System.out.println("library=" + NativeLibrary.path());
            System.out.println("version=" + new PanamaBackend().versionString());
        }
    }
}
