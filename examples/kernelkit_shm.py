"""Self-describing NumPy arrays in named shared memory, the layout kernelkit reads as ``shm:NAME``.

A segment holds an .npy image: the header NumPy writes (magic, version, dict with dtype, order and shape, padded
so the data is 64-byte aligned), then the data. Arrays returned here are views of the shared memory, not copies.

Python's resource tracker (before Python 3.13) registers every SharedMemory it sees, also ones it only opened,
and unlinks them when the process exits. ``attach`` therefore unregisters opened segments, so a segment created
by kernelkit (or another process) survives this process; ``create`` keeps the registration, so a segment this
process creates is cleaned up even if it forgets to unlink it.
"""
import io
import sys

import numpy as np
from multiprocessing import resource_tracker, shared_memory


def _header(array):
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, np.lib.format.header_data_from_array_1_0(array))
    return buf.getvalue()


def create(array, name=None):
    """A new segment holding a copy of ``array`` (C order); returns (SharedMemory, view of its data)."""
    array = np.ascontiguousarray(array)
    header = _header(array)
    shm = shared_memory.SharedMemory(name=name, create=True, size=len(header) + max(array.nbytes, 1))
    shm.buf[:len(header)] = header
    view = np.ndarray(array.shape, array.dtype, buffer=shm.buf, offset=len(header))
    view[...] = array
    return shm, view


def view(shm):
    """The array in a segment, as a view of its data (no copy)."""
    preamble = bytes(shm.buf[:12])
    f = io.BytesIO(preamble)
    version = np.lib.format.read_magic(f)
    length = int.from_bytes(preamble[8:10] if version == (1, 0) else preamble[8:12], "little")
    offset = (10 if version == (1, 0) else 12) + length
    f = io.BytesIO(bytes(shm.buf[:offset]))
    np.lib.format.read_magic(f)
    read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) else np.lib.format.read_array_header_2_0
    shape, fortran, dtype = read_header(f)
    return np.ndarray(shape, dtype, buffer=shm.buf, offset=offset, order="F" if fortran else "C")


def attach(name):
    """Opens an existing segment without letting this process's resource tracker unlink it at exit."""
    if sys.version_info >= (3, 13):
        return shared_memory.SharedMemory(name=name, track=False)
    shm = shared_memory.SharedMemory(name=name)
    resource_tracker.unregister(shm._name, "shared_memory")
    return shm
