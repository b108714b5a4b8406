"""Run a command with the network off: every connection beyond the loopback interface is refused.

Where the kernel allows it (``unshare -rn``), the command runs in a new user and network
namespace that holds only a loopback interface, so no process of any kind can reach the
network. Everywhere, a socket guard is loaded into every Python process the command starts
(the build and each notebook kernel, through ``sitecustomize`` on ``PYTHONPATH``): it refuses
connections to non-loopback addresses and logs each process it guards and each connection it
refuses. The log becomes a JSON record of the run, which the tests read.

    python -m factbook.offline --record _build/network-off.json -- jupyter-book build .

The module imports only the standard library, so the guard costs each process almost nothing.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOG_VARIABLE = "FACTBOOK_NETWORK_LOG"
NAMESPACE = ["unshare", "--user", "--map-root-user", "--net"]
# The namespace starts with its loopback interface down; the kernels talk to the build over it.
LOOPBACK_UP = 'ip link set lo up && exec "$@"'
SITE = "from factbook.offline import install_guard\ninstall_guard()\n"


class NetworkRefused(ConnectionRefusedError):
    """A connection the guard refused because it would leave the machine."""


def namespace_available() -> bool:
    """True when this user may create a network namespace and bring its loopback up."""
    if not (shutil.which("unshare") and shutil.which("ip")):
        return False
    probe = subprocess.run([*NAMESPACE, "sh", "-c", LOOPBACK_UP, "sh", "true"], capture_output=True)
    return probe.returncode == 0


def _loopback(address) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _log(entry: dict) -> None:
    with open(os.environ[LOG_VARIABLE], "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")


def _interfaces() -> list[str]:
    """The network interfaces this process sees (Linux); empty where /proc/net/dev is absent."""
    dev = Path("/proc/net/dev")
    return [line.split(":")[0].strip() for line in dev.read_text().splitlines()[2:]] if dev.is_file() else []


def _namespace() -> str:
    path = Path("/proc/self/ns/net")
    return os.readlink(path) if path.exists() else ""


def install_guard() -> None:
    """Refuse and log non-loopback connections in this process; log that the process is guarded."""
    if LOG_VARIABLE not in os.environ:
        return
    _log({"process": os.getpid(), "argv": sys.orig_argv, "namespace": _namespace(), "interfaces": _interfaces()})
    original = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex")}

    def guarded(name):
        def call(sock, address, *args):
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(address):
                _log({"refused": repr(address), "process": os.getpid(), "argv": sys.orig_argv})
                raise NetworkRefused(f"factbook.offline: network off, connection to {address!r} refused")
            return original[name](sock, address, *args)

        return call

    for name in original:
        setattr(socket.socket, name, guarded(name))


def run(command: list[str], record: Path) -> int:
    """Run ``command`` with the network off and write the record of the run to ``record``; its return code."""
    record.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="factbook-offline-") as folder:
        site, log = Path(folder) / "sitecustomize.py", Path(folder) / "network.log"
        site.write_text(SITE, encoding="utf-8")
        log.touch()
        path = os.pathsep.join(p for p in (folder, os.environ.get("PYTHONPATH")) if p)
        env = {**os.environ, "PYTHONPATH": path, LOG_VARIABLE: str(log)}
        mode = "namespace" if namespace_available() else "socket guard"
        wrapped = [*NAMESPACE, "sh", "-c", LOOPBACK_UP, "sh", *command] if mode == "namespace" else command
        started = time.time()
        returncode = subprocess.run(wrapped, env=env).returncode
        entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    summary = {
        "mode": mode,
        "command": command,
        "returncode": returncode,
        "started": started,
        "finished": time.time(),
        "host_namespace": _namespace(),
        "processes": [e for e in entries if "refused" not in e],
        "refused": [e for e in entries if "refused" in e],
    }
    record.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", type=Path, required=True, help="where to write the JSON record of the run")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command to run after --")
    returncode = run(command, args.record)
    summary = json.loads(args.record.read_text(encoding="utf-8"))
    print(f"network off ({summary['mode']}): {len(summary['refused'])} connection(s) refused; record in {args.record}")
    return returncode


if __name__ == "__main__":
    sys.exit(main())
