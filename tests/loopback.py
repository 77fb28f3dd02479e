"""Helpers for tests that run real processes on 127.0.0.1: free ports and the deploy/ loopback templates."""

import socket
import string
from pathlib import Path


def free_port() -> int:
    """A port that was free a moment ago (the process given it binds it soon after)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def render_template(path: Path, **values) -> str:
    """A deploy/*.template with its ${NAME} placeholders filled; a missing value raises KeyError."""
    return string.Template(path.read_text()).substitute(**values)
