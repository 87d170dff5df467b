package dev.kernelkit.io;

import dev.kernelkit.DType;
import java.nio.ByteOrder;

/**
 * Maps an {@code .npy} header's {@code 'descr'} to a {@link DType}, or explains in plain words what the unsupported
 * type is ({@code '<i4'} is int32, {@code '>f8'} big-endian float64, {@code '|O'} pickled Python objects).
 *
 * <p>A descr is a NumPy array-protocol type string: an optional byte-order character ({@code <} little, {@code >}
 * big, {@code =} native, {@code |} not applicable), a kind letter and an item size in bytes (for {@code U}, in
 * characters), with a unit in brackets for datetimes. Structured dtypes are lists, subarray dtypes tuples.
 */
final class NpyDescr {
    static final String SUPPORTED = "supported: '<f4' float32, '<f8' float64";

    private static final boolean NATIVE_LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private NpyDescr() {
    }

    /** The dtype the descr names, or a {@link NpyFormatException} saying what it is and what is supported. */
    static DType toDType(Object descr) throws NpyFormatException {
        if (descr instanceof PyLiteral.PyList) {
            throw unsupported("structured dtype " + Strings.clip(PyLiteral.repr(descr), 80));
        }
        if (descr instanceof PyLiteral.Tuple) {
            throw unsupported("subarray dtype " + Strings.clip(PyLiteral.repr(descr), 80));
        }
        if (!(descr instanceof String s)) {
            throw new NpyFormatException("corrupt header: 'descr' must be a str, found " + PyLiteral.typeName(descr)
                    + " " + Strings.clip(PyLiteral.repr(descr), 40));
        }
        TypeString t = TypeString.parse(s);
        if (t == null) {
            throw unsupported("dtype '" + Strings.printable(s) + "' (not a NumPy type string)");
        }
        if (t.kind == 'f' && (t.size == 4 || t.size == 8)) {
            boolean little = t.order == '<' || ((t.order == '=' || t.order == 0) && NATIVE_LITTLE);
            if (little) {
                return t.size == 4 ? DType.F32 : DType.F64;
            }
        }
        throw unsupported("dtype '" + Strings.printable(s) + "' (" + t.describe() + ")");
    }

    private static NpyFormatException unsupported(String what) {
        return new NpyFormatException("unsupported " + what + "; " + SUPPORTED);
    }

    /** The parts of an array-protocol type string such as {@code <f8}, {@code |S10} or {@code <M8[ns]}. */
    private record TypeString(char order, char kind, long size, String unit) {
        /** Parses {@code [<>=|]? kind digits* ([unit])?}; null when the text does not have that form. */
        static TypeString parse(String s) {
            int i = 0;
            char order = 0;
            if (i < s.length() && "<>=|".indexOf(s.charAt(i)) >= 0) {
                order = s.charAt(i++);
            }
            if (i >= s.length() || !Character.isLetter(s.charAt(i)) && s.charAt(i) != '?') {
                return null;
            }
            char kind = s.charAt(i++);
            int digitsStart = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - digitsStart < 12) {
                i++;
            }
            long size = i == digitsStart ? -1 : Long.parseLong(s.substring(digitsStart, i));
            String unit = "";
            if (i < s.length() && s.charAt(i) == '[' && s.endsWith("]")) {
                unit = s.substring(i);
                i = s.length();
            }
            return i == s.length() ? new TypeString(order, kind, size, unit) : null;
        }

        String describe() {
            String base = switch (kind) {
                case 'b', '?' -> "bool";
                case 'i' -> sized("int");
                case 'u' -> sized("uint");
                case 'f' -> sized("float");
                case 'c' -> sized("complex");
                case 'S', 'a' -> "bytes" + (size >= 0 ? ", " + size + " per element" : "");
                case 'U' -> "str" + (size >= 0 ? ", " + size + " characters" : "");
                case 'V' -> "raw void" + (size >= 0 ? ", " + size + " bytes" : "");
                case 'O' -> "Python objects, stored pickled";
                case 'M' -> "datetime64" + unit;
                case 'm' -> "timedelta64" + unit;
                default -> "unknown kind '" + Strings.printable(String.valueOf(kind)) + "'";
            };
            boolean multiByte = size > 1 && kind != 'S' && kind != 'a' && kind != 'V' && kind != 'O';
            return switch (order) {
                case '>' -> multiByte ? "big-endian " + base : base;
                case '=', 0 -> multiByte && !NATIVE_LITTLE ? "big-endian " + base + ", native order here" : base;
                case '|' -> multiByte ? base + " without a byte order" : base;
                default -> base;
            };
        }

        private String sized(String name) {
            return size > 0 ? name + (size * 8) : name + " of unknown size";
        }
    }
}
