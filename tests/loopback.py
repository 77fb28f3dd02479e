"""Helpers for tests that run real processes on 127.0.0.1: free ports and the deploy/ loopback templates
(bench/edge.py holds them, for the benchmarks too)."""

from bench.edge import free_port, render_template  # noqa: F401
