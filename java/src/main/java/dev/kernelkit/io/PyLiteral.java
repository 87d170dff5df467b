package dev.kernelkit.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parser for the subset of Python literal syntax that {@code .npy} headers use: dicts, tuples, lists, strings
 * (single or double quotes, escapes, optional {@code u}/{@code b} prefix), integers (with Python 2's {@code L} suffix),
 * floats, {@code True}, {@code False} and {@code None}, with any whitespace and trailing commas.
 *
 * <p>NumPy evaluates the header with {@code ast.literal_eval}; this accepts the same literals that can occur in a
 * header. Values map to Java as: dict → {@code Map<Object, Object>} (insertion order), tuple → {@link Tuple},
 * list → {@link PyList}, str/bytes → {@code String}, int → {@link BigInteger} (never overflows), float →
 * {@code Double}, bool → {@code Boolean}, None → {@link #NONE}. Every syntax error is a {@link NpyFormatException}
 * naming the position, never a runtime exception.
 */
final class PyLiteral {
    /** A Python tuple. */
    record Tuple(List<Object> items) {
    }

    /** A Python list. */
    record PyList(List<Object> items) {
    }

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** Deep nesting never occurs in a real header; the limit keeps a hostile file from overflowing the stack. */
    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** Parses one literal that spans the whole text (surrounding whitespace allowed). */
    static Object parse(String text) throws NpyFormatException {
        PyLiteral p = new PyLiteral(text);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.describeHere() + " after the end of the literal");
        }
        return value;
    }

    private Object value(int depth) throws NpyFormatException {
        if (depth > MAX_DEPTH) {
            throw error("literal nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of header");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict(depth);
            case '(':
                return parenthesised(depth);
            case '[':
                return new PyList(sequence(']', depth));
            case '\'':
            case '"':
                return string();
            default:
                break;
        }
        if (c == '-' || c == '+' || isDigit(c)) {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            return name();
        }
        throw error("unexpected " + describeHere());
    }

    private Map<Object, Object> dict(int depth) throws NpyFormatException {
        pos++; // '{'
        Map<Object, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        while (!tryConsume('}')) {
            int keyPos = pos;
            Object key = value(depth + 1);
            if (!(key instanceof String || key instanceof BigInteger || key instanceof Boolean)) {
                pos = keyPos;
                throw error("dict key must be a string or number");
            }
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                pos = keyPos;
                throw error("duplicate key " + repr(key));
            }
            map.put(key, v);
            skipWhitespace();
            if (!tryConsume(',')) {
                expectEither('}');
                break;
            }
            skipWhitespace();
        }
        return map;
    }

    /** {@code ()} and {@code (a,)} and {@code (a, b)} are tuples; {@code (a)} is just {@code a}, as in Python. */
    private Object parenthesised(int depth) throws NpyFormatException {
        pos++; // '('
        skipWhitespace();
        if (tryConsume(')')) {
            return new Tuple(List.of());
        }
        Object first = value(depth + 1);
        skipWhitespace();
        if (tryConsume(')')) {
            return first;
        }
        if (!tryConsume(',')) {
            throw error("expected ',' or ')' but found " + describeHere());
        }
        List<Object> items = new ArrayList<>();
        items.add(first);
        items.addAll(items(')', depth));
        return new Tuple(List.copyOf(items));
    }

    private List<Object> sequence(char close, int depth) throws NpyFormatException {
        pos++; // opening bracket
        return items(close, depth);
    }

    /** Items separated by commas up to and including {@code close}; a trailing comma is allowed. */
    private List<Object> items(char close, int depth) throws NpyFormatException {
        List<Object> items = new ArrayList<>();
        skipWhitespace();
        while (!tryConsume(close)) {
            items.add(value(depth + 1));
            skipWhitespace();
            if (!tryConsume(',')) {
                expectEither(close);
                break;
            }
            skipWhitespace();
        }
        return List.copyOf(items);
    }

    private String string() throws NpyFormatException {
        int start = pos;
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c == '\n') {
                pos = start;
                throw error("unterminated string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0' -> sb.append('\0');
                case 'x' -> sb.append((char) hexEscape(2));
                case 'u' -> sb.append((char) hexEscape(4));
                case '\n' -> {
                    // line continuation inside a string: nothing
                }
                default -> sb.append('\\').append(e); // Python keeps unknown escapes verbatim
            }
        }
    }

    private int hexEscape(int digits) throws NpyFormatException {
        if (pos + digits > text.length()) {
            throw error("truncated \\x or \\u escape");
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(text.charAt(pos + i), 16);
            if (d < 0) {
                throw error("bad hexadecimal digit in a string escape");
            }
            v = v * 16 + d;
        }
        pos += digits;
        return v;
    }

    private Object number() throws NpyFormatException {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
            skipWhitespace(); // Python allows "- 3"
        }
        int digitsStart = pos;
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        boolean isFloat = false;
        if (pos < text.length() && text.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            isFloat = true;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
                pos++;
            }
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        String token = text.substring(start, pos).replaceAll("\\s", "");
        if (pos == digitsStart) {
            pos = start;
            throw error("malformed number");
        }
        try {
            if (isFloat) {
                return Double.parseDouble(token);
            }
            if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
                pos++; // Python 2 long suffix, found in old files
            }
            return new BigInteger(token);
        } catch (NumberFormatException e) {
            pos = start;
            throw error("malformed number");
        }
    }

    private Object name() throws NpyFormatException {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        String name = text.substring(start, pos);
        switch (name) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return NONE;
            case "u", "b", "U", "B":
                // string prefixes (Python 2 unicode, bytes)
                if (pos < text.length() && (text.charAt(pos) == '\'' || text.charAt(pos) == '"')) {
                    return string();
                }
                break;
            default:
                break;
        }
        pos = start;
        throw error("unexpected name '" + Strings.clip(name, 20) + "'");
    }

    // ---------------------------------------------------------------- helpers

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                pos++;
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2; // explicit line continuation
            } else {
                return;
            }
        }
    }

    private boolean tryConsume(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws NpyFormatException {
        if (!tryConsume(c)) {
            throw error("expected '" + c + "' but found " + describeHere());
        }
    }

    /** After an item: either the closing bracket or a comma (which the caller has already tried). */
    private void expectEither(char close) throws NpyFormatException {
        if (!tryConsume(close)) {
            throw error("expected ',' or '" + close + "' but found " + describeHere());
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describeHere() {
        if (pos >= text.length()) {
            return "the end of the header";
        }
        return "'" + Strings.printable(String.valueOf(text.charAt(pos))) + "'";
    }

    /** The position is counted from 1, as an editor shows columns. */
    private NpyFormatException error(String what) {
        return new NpyFormatException("corrupt header: " + what + " at character " + (pos + 1) + " of "
                + Strings.quoteClipped(text, 100));
    }

    /** Python-like repr of a parsed value, for messages. */
    static String repr(Object v) {
        return switch (v) {
            case String s -> "'" + Strings.printable(s) + "'";
            case Boolean b -> b ? "True" : "False";
            case Tuple t -> reprItems(t.items(), "(", t.items().size() == 1 ? ",)" : ")");
            case PyList l -> reprItems(l.items(), "[", "]");
            case Map<?, ?> m -> m.entrySet().stream().map(e -> repr(e.getKey()) + ": " + repr(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
            case null, default -> String.valueOf(v);
        };
    }

    private static String reprItems(List<Object> items, String open, String close) {
        return items.stream().map(PyLiteral::repr).collect(Collectors.joining(", ", open, close));
    }

    /** Python's type name of a parsed value, for messages. */
    static String typeName(Object v) {
        return switch (v) {
            case String _ -> "str";
            case Boolean _ -> "bool";
            case BigInteger _ -> "int";
            case Double _ -> "float";
            case Tuple _ -> "tuple";
            case PyList _ -> "list";
            case Map<?, ?> _ -> "dict";
            default -> v == NONE ? "NoneType" : v.getClass().getSimpleName();
        };
    }
}
