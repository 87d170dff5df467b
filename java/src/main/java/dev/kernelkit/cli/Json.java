package dev.kernelkit.cli;

/** The two JSON literals the CLI's {@code --json} output is built from (demo, threads). */
final class Json {
    private Json() {
    }

    /** A JSON number; JSON has no NaN or infinities, so those become null. */
    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    /** A JSON string literal with the escapes RFC 8259 requires; null for a null string. */
    static String string(String v) {
        if (v == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> {
                    if (c < 0x20) {
                        s.append(String.format("\\u%04x", (int) c));
                    } else {
                        s.append(c);
                    }
                }
            }
        }
        return s.append('"').toString();
    }
}
