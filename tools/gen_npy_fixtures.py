#!/usr/bin/python3
"""Writes the small .npy test fixtures for kernelkit's .npy reader into java/src/test/resources/npy/.

Run from anywhere (needs NumPy; Debian's python3-numpy is fine):

    /usr/bin/python3 tools/gen_npy_fixtures.py

The output is deterministic; re-running it rewrites the same files. The tests (dev.kernelkit.io.NpyFixturesTest)
rely on these naming conventions:

* Good files: ``{f4|f8}_{C|F}_{shape}_v{1|2|3}[_{tag}].npy``, e.g. ``f8_F_3x4_v2.npy``: dtype, storage order, shape
  (extents joined by ``x``), .npy format version. Their values are ``np.arange(n).reshape(shape) * 0.5 + 1`` in
  that dtype (Fortran files hold the same logical array, stored column-major). A tag marks files whose header is
  written by hand to exercise the parser (quotes, key order, spacing, 16-byte alignment, Python 2 ``L`` suffix,
  native byte order, trailing bytes, unaligned data offset).
* Bad files: ``bad_{what}.npy``; each must fail with the message the test expects.

``MANIFEST.txt`` lists every file with a one-line description.
"""

import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "java", "src", "test", "resources", "npy")
MAGIC = b"\x93NUMPY"

manifest = []


def values(dtype, shape):
    """The expected values of every good fixture."""
    n = int(np.prod(shape))
    return (np.arange(n).reshape(shape) * 0.5 + 1).astype(dtype)


def shape_name(shape):
    return "x".join(str(s) for s in shape)


def save(name, description, write):
    with open(os.path.join(OUT, name), "wb") as f:
        write(f)
    manifest.append((name, description))


def good(dtype, order, shape, version):
    a = values(dtype, shape)
    if order == "F":
        a = np.asfortranarray(a)
        assert a.flags.f_contiguous and not a.flags.c_contiguous, "F fixtures need a shape NumPy stores as F"
    name = "%s_%s_%s_v%d.npy" % (np.dtype(dtype).str[1:], order, shape_name(shape), version)
    save(name, "NumPy-written %s, %s order, shape %s, format %d.0" % (np.dtype(dtype).name, order, shape, version),
         lambda f: np.lib.format.write_array(f, a, version=(version, 0)))


def raw(header, data=b"", major=1, align=64, length_override=None, minor=0):
    """A file with a hand-written header (padded to `align` unless align is None)."""
    header = header.encode("latin-1" if major < 3 else "utf-8")
    preamble = 10 if major == 1 else 12
    if align:
        header += b" " * ((-(preamble + len(header) + 1)) % align) + b"\n"
    length = len(header) if length_override is None else length_override
    fmt = "<H" if major == 1 else "<I"
    return MAGIC + bytes([major, minor]) + struct.pack(fmt, length) + header + data


def handwritten(name, description, header, dtype, shape, order="C", align=64, extra=b""):
    a = values(dtype, shape)
    data = a.tobytes(order=order)
    save(name, description, lambda f: f.write(raw(header, data, align=align) + extra))


def numpy_bad(name, description, array, allow_pickle=False):
    save(name, description, lambda f: np.save(f, array, allow_pickle=allow_pickle))


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        if old.endswith(".npy") or old == "MANIFEST.txt":
            os.remove(os.path.join(OUT, old))

    # NumPy-written, every dtype x order x rank, format 1.0; a selection in 2.0 and 3.0.
    for dtype in ("<f8", "<f4"):
        good(dtype, "C", (6,) if dtype == "<f8" else (5,), 1)
        for shape in ((3, 4), (2, 3, 2)):
            for order in ("C", "F"):
                good(dtype, order, shape, 1)
    good("<f8", "C", (3, 4), 2)
    good("<f4", "F", (2, 3, 2), 2)
    good("<f8", "F", (3, 4), 3)
    good("<f4", "C", (6,), 3)
    good("<f8", "C", (0, 3), 1)

    # Hand-written headers NumPy also loads.
    handwritten("f8_F_3x2_v1_messy-header.npy", "double quotes, reversed keys, odd spacing, no trailing comma",
                '{ "shape" : ( 3 ,2 ) ,"fortran_order":True,\t"descr" :"<f8"}', "<f8", (3, 2), order="F")
    handwritten("f8_C_2x3_v1_align16.npy", "old NumPy style: data aligned to 16 bytes only",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", "<f8", (2, 3), align=16)
    handwritten("f8_C_4_v1_py2-long.npy", "Python 2 era header with a long suffix: (4L,)",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (4L,), }", "<f8", (4,))
    handwritten("f4_C_2x2_v1_native-order.npy", "descr '=f4' (native order, little-endian here)",
                "{'descr': '=f4', 'fortran_order': False, 'shape': (2, 2), }", "<f4", (2, 2))
    handwritten("f8_C_3_v1_trailing-bytes.npy", "17 extra bytes after the data (NumPy ignores them)",
                "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", "<f8", (3,), extra=b"trailing garbage\n")
    unaligned = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }"
    assert (10 + len(unaligned)) % 8 != 0
    handwritten("f8_C_3_v1_unaligned.npy", "no padding: data offset %d is not a multiple of 8 (readable, not "
                "mappable)" % (10 + len(unaligned)), unaligned, "<f8", (3,), align=None)

    # Files that must be rejected.
    save("bad_empty.npy", "empty file", lambda f: None)
    save("bad_magic.npy", "a text file", lambda f: f.write(b"PK\x03\x04 this is not an npy file\n"))
    save("bad_version.npy", "format version 4.0",
         lambda f: f.write(raw("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", bytes(8), major=4)))
    numpy_bad("bad_int32.npy", "int32 data", np.arange(4, dtype="<i4"))
    numpy_bad("bad_complex128.npy", "complex128 data", np.arange(3, dtype="<c16"))
    numpy_bad("bad_bigendian_f8.npy", "big-endian float64", np.arange(3, dtype=">f8"))
    numpy_bad("bad_bool.npy", "bool data", np.array([True, False]))
    numpy_bad("bad_float16.npy", "float16 data", np.arange(3, dtype="<f2"))
    numpy_bad("bad_str.npy", "unicode strings", np.array(["ab", "cd"]))
    numpy_bad("bad_object.npy", "object array (pickled)", np.array([1, "a", None], dtype=object), allow_pickle=True)
    numpy_bad("bad_structured.npy", "structured dtype", np.zeros(2, dtype=[("x", "<f8"), ("y", "<i4")]))
    numpy_bad("bad_0d.npy", "0-d float64 array", np.array(1.5))

    def truncated(f):
        np.save(f, values("<f8", (3, 4)))
        f.truncate(f.tell() - 40)
    save("bad_truncated.npy", "float64 (3, 4) with the last 40 data bytes cut off", truncated)

    def corrupt(f):
        f.write(raw("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4], }", values("<f8", (3, 4)).tobytes()))
    save("bad_corrupt_header.npy", "header with a mismatched bracket: (3, 4]", corrupt)
    save("bad_header_past_eof.npy", "header length 16384 in a 100-byte file",
         lambda f: f.write(raw("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", bytes(8),
                               length_override=16384)[:100]))
    save("bad_negative_shape.npy", "shape (3, -1)",
         lambda f: f.write(raw("{'descr': '<f8', 'fortran_order': False, 'shape': (3, -1), }")))
    save("bad_absurd_shape.npy", "shape (2**40, 2**40): more bytes than any file",
         lambda f: f.write(raw("{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }" % (2**40, 2**40))))

    with open(os.path.join(OUT, "MANIFEST.txt"), "w") as f:
        f.write("# Written by tools/gen_npy_fixtures.py (NumPy %s); see that script for the conventions.\n"
                % np.__version__)
        for name, description in sorted(manifest):
            f.write("%s\t%s\n" % (name, description))

    # Self-check: NumPy itself loads every good file, with the expected dtype, shape and values.
    for name, _ in manifest:
        if not name.startswith("bad_"):
            dtype, order, shape = name.split("_")[:3]
            shape = tuple(int(s) for s in shape.split("x"))
            loaded = np.load(os.path.join(OUT, name))
            assert loaded.dtype == np.dtype(dtype) and loaded.shape == shape, name
            assert np.array_equal(loaded, values(dtype, shape)), name
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n, _ in manifest)
    print("wrote %d files (%d bytes) to %s" % (len(manifest), total, os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
