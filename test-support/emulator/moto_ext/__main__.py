"""`python3 -m moto_ext -H 127.0.0.1 -p PORT`: moto's server with the extensions loaded."""

import ctypes
import os
import signal
import sys

import moto_ext  # noqa: F401  (applies the extensions)
from moto.server import main

# Linux: end with the test process that started us, even when it is killed without a chance to
# stop us (prctl PR_SET_PDEATHSIG), so no emulator outlives its suite.
try:
    ctypes.CDLL("libc.so.6").prctl(1, signal.SIGTERM)
except OSError:
    pass

# How often threads switch (seconds, Python's default 0.005): the concurrency test makes it tiny,
# so requests handled at once interleave at every few bytecodes, as they rarely do otherwise.
if os.environ.get("MOTO_EXT_SWITCH_INTERVAL"):
    sys.setswitchinterval(float(os.environ["MOTO_EXT_SWITCH_INTERVAL"]))

main()
