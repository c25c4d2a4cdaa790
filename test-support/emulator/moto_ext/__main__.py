"""`python3 -m moto_ext -H 127.0.0.1 -p PORT`: moto's server with the extensions loaded."""

import ctypes
import signal

import moto_ext  # noqa: F401  (applies the extensions)
from moto.server import main

# Linux: end with the test process that started us, even when it is killed without a chance to
# stop us (prctl PR_SET_PDEATHSIG), so no emulator outlives its suite.
try:
    ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)
except OSError:
    pass

main()
