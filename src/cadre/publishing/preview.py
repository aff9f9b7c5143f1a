"""Serving the gh-pages branch on this machine, as a static host would (every version, the version selector)."""

from __future__ import annotations

import errno
import http.server
import socket
import subprocess
import tarfile
from functools import partial
from io import BytesIO
from pathlib import Path

from cadre.publishing.ghpages import BRANCH
from cadre.publishing.git import GitError, Repository


class PortBusy(Exception):
    pass


def check_port(host: str, port: int) -> None:
    """Fail before announcing anything when the port cannot be used."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = "déjà utilisé" if error.errno == errno.EADDRINUSE else (error.strerror or "indisponible")
            raise PortBusy(f"le port {port} est {reason} : choisissez-en un autre avec --port") from None


def extract(repo: Repository, project: Path) -> Path:
    """The branch's files in .cache/apercu/<commit>/ (extracted once per commit)."""
    commit = repo.resolve(BRANCH)
    if commit is None:
        raise GitError(f"aucune branche {BRANCH} : rien n'est publié")
    target = project / ".cache" / "apercu" / commit
    if not (target / "versions.json").is_file():
        archive = subprocess.run(["git", "archive", commit], cwd=repo.root, capture_output=True, check=True).stdout
        target.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    return target


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # one line per request would drown the terminal
        pass


def bind(root: Path, host: str, port: int) -> http.server.ThreadingHTTPServer:
    """A server for `root`, its port already taken (so that the address is announced only once it works)."""
    try:
        return http.server.ThreadingHTTPServer((host, port), partial(_Quiet, directory=str(root)))
    except OSError as error:
        reason = "déjà utilisé" if error.errno == errno.EADDRINUSE else (error.strerror or "indisponible")
        raise PortBusy(f"le port {port} est {reason} : choisissez-en un autre avec --port") from None


def serve(httpd: http.server.ThreadingHTTPServer) -> None:
    """Serve until interrupted."""
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
