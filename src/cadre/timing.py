"""The processor time of this process and of the children it waited for (Graphviz, PDF workers), for the build
log: on a busy machine the clock says how long a stage waited, the processor how much work it was."""

from __future__ import annotations

import os


def processor_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system
