package dev.kernelkit.io;

/** Text helpers that keep error messages on one readable line whatever bytes a broken file contains. */
final class Strings {
    private Strings() {
    }

    /** Escapes control and non-ASCII characters Python-style ({@code \n}, {@code \x93}, {@code \u00e9}). */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\\') {
                sb.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else if (c <= 0xff) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /** At most {@code max} characters of {@code s}, with "..." when cut. */
    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    /** The text quoted and escaped, trailing padding dropped, clipped to {@code max} characters. */
    static String quoteClipped(String s, int max) {
        return "\"" + clip(printable(s.stripTrailing()), max) + "\"";
    }

    /** Bytes as printable text (each byte one character, escaped where needed). */
    static String printableBytes(byte[] bytes, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append((char) (bytes[i] & 0xff));
        }
        return printable(sb.toString());
    }
}
