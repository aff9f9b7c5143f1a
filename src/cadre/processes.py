"""Worker processes die with the `cadre` process that started them, however it dies.

A pool worker (the PDFs are rendered in parallel processes) waits for work from its parent; if the parent is
killed outright (SIGKILL, the OOM killer), nothing tells the worker, which would live on. On Linux the kernel can:
`prctl(PR_SET_PDEATHSIG, SIGKILL)` asks it to kill the worker when its parent ends. Elsewhere this is a no-op.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Pool initializer: this process gets SIGKILL when its parent ends (Linux)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request was made: nobody waits for this worker
        os._exit(1)
