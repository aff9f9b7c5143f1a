"""`python audited_build.py <mkdocs arguments>`: the real `mkdocs` command under a Python audit hook.

The hook (PEP 578) records, into the file named by CADRE_AUDIT_LOG, every network access of the build (socket
connections, name lookups, urllib requests) and every opening of a file named in CADRE_AUDIT_FILES (the targets
of the hostile data's file:// links and images). Processes forked by the build (the PDF workers) inherit it.
The record is written with os.write on a descriptor opened before the hook: writing it raises no event itself.
"""

from __future__ import annotations

import os
import runpy
import sys

NETWORK = ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "socket.sendto", "urllib.Request")


def install(log_path: str, watched: tuple[str, ...]) -> None:
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)

    def hook(event: str, args: tuple) -> None:
        if event in NETWORK:
            os.write(log, f"{event} {args!r:.300}\n".encode())
        elif event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
            path = os.fsdecode(args[0])
            if any(path == target or path.startswith(target + "/") for target in watched):
                os.write(log, f"open {path}\n".encode())

    sys.addaudithook(hook)


if __name__ == "__main__":
    install(os.environ["CADRE_AUDIT_LOG"], tuple(filter(None, os.environ["CADRE_AUDIT_FILES"].split(os.pathsep))))
    sys.argv = ["mkdocs", *sys.argv[1:]]
    runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
