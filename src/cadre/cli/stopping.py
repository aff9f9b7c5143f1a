"""How `cadre` stops: SIGTERM and SIGINT become an exception, so that every `finally` runs (scratch folders,
temporary files, worker processes); a closed output pipe (`cadre diff … | head`) ends the command quietly.

Exit codes (README): 0 success, 1 data or publication refused or failed, 2 usage mistake, 128 + the signal number
when interrupted (130 for Ctrl+C, 143 for SIGTERM), as shells report it.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType


class Interrupted(BaseException):  # noqa: N818 - like KeyboardInterrupt: not an Exception, never swallowed by one
    """SIGTERM or SIGINT received; raised in the main thread where the signal arrived."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _raise(signum: int, _frame: FrameType | None) -> None:
    # the cleanup runs once: a second signal while unwinding must not cut it short
    for handled in (signal.SIGTERM, signal.SIGINT):
        signal.signal(handled, signal.SIG_IGN)
    raise Interrupted(signum)


def install() -> None:
    """Turn SIGTERM and SIGINT into `Interrupted` (main thread only; elsewhere the defaults stay)."""
    for handled in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(handled, _raise)
        except ValueError:  # not the main thread (cadre called from a test runner's worker thread)
            return


def quiet_broken_pipe() -> None:
    """The reader of our output is gone: say nothing more (not even at interpreter exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
