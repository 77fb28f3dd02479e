"""Load-test a running translation server headless, then write reports.

    mt-loadtest                                                   # 16 users on 127.0.0.1:50051 for 30 s
    mt-loadtest --host 127.0.0.1:50051 --users 16 --spawn-rate 8 --run-time 30s --out reports/loadtest
    mt-loadtest --run-time 2m -- --loglevel DEBUG                # words after -- go to locust as they are

Runs locust (loadtest/locustfile.py) in a child process for a bounded time, then writes to --out:
locust_stats.csv, locust_stats_history.csv, locust_failures.csv, locust_exceptions.csv (locust's CSVs),
report.html (locust's report), loadtest.png (throughput and latency percentiles over time) and summary.md.
Exits 1 if any request failed (unless --allow-failures), 2 if the server cannot be reached or locust fails.
For locust's web UI instead: python -m locust -f loadtest/locustfile.py --host 127.0.0.1:50051
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from loadtest.mix import MixConfig, add_mix_arguments, grpc_target
from loadtest.report import Results, RunInfo, plot_history, summary_markdown

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
CSV_PREFIX = "locust"  # → locust_stats.csv, locust_stats_history.csv, ...


@dataclass(frozen=True)
class LoadTestConfig:
    host: str = "127.0.0.1:50051"
    users: int = 16
    spawn_rate: float = 8.0  # users started per second
    run_time: str = "30s"  # locust's format: 30s, 5m, 1h30m
    out: Path = Path("reports/loadtest")
    mix: MixConfig = field(default_factory=MixConfig)
    allow_failures: bool = False  # exit 0 even when requests failed
    connect_timeout: float = 10.0  # seconds to wait for the server before starting; 0 skips the check
    quiet: bool = False  # no periodic stats table from locust, only its final one
    locust_args: tuple[str, ...] = ()  # passed to locust as they are

    def __post_init__(self) -> None:
        if self.users < 1 or self.spawn_rate <= 0:
            raise ValueError(f"users={self.users} must be at least 1 and spawn_rate={self.spawn_rate} positive")


def locust_command(config: LoadTestConfig) -> list[str]:
    m = config.mix
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
               "--host", config.host, "--users", str(config.users), "--spawn-rate", str(config.spawn_rate),
               "--run-time", config.run_time, "--csv", str(config.out / CSV_PREFIX), "--csv-full-history",
               "--html", str(config.out / "report.html"),
               # Failures decide our exit code, read from the CSVs; locust's own code then means locust failed.
               "--exit-code-on-error", "0",
               # Let calls in flight at the end finish (within their deadline) rather than kill them unreported.
               "--stop-timeout", f"{m.deadline:g}",
               "--model", m.model, "--deadline", str(m.deadline), "--wait-min", str(m.wait_min),
               "--wait-max", str(m.wait_max)]
    return command + (["--only-summary"] if config.quiet else []) + list(config.locust_args)


def wait_for_server(host: str, timeout: float) -> str | None:
    """None once a channel to the server is ready, else why not."""
    import grpc

    channel = grpc.insecure_channel(grpc_target(host))
    try:
        grpc.channel_ready_future(channel).result(timeout=timeout)
        return None
    except grpc.FutureTimeoutError:
        return f"no gRPC server answered at {host} within {timeout:g} s"
    finally:
        channel.close()


def child_env() -> dict[str, str]:
    """Locust imports the locustfile by path; the packages beside loadtest/ (proto/) must be importable."""
    root = str(Path(__file__).resolve().parent.parent)
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{path}" if path else root}


def write_reports(config: LoadTestConfig) -> Results:
    results = Results.read(config.out / CSV_PREFIX)
    run = RunInfo(config.host, config.users, config.spawn_rate, config.run_time)
    (config.out / "summary.md").write_text(summary_markdown(results, run), encoding="utf-8")
    plot_history(results, config.out / "loadtest.png", title=f"{config.users} users on {config.host}")
    return results


def exit_code(results: Results, allow_failures: bool) -> int:
    failed = results.total.failures + results.exceptions
    return 1 if failed and not allow_failures else 0


def build_parser() -> argparse.ArgumentParser:
    d = LoadTestConfig()
    p = argparse.ArgumentParser(prog="mt-loadtest", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--host", default=d.host, help="server address, HOST:PORT or grpc://HOST:PORT (default: %(default)s)")
    p.add_argument("-u", "--users", type=int, default=d.users, help="concurrent users at the peak (default: %(default)s)")
    p.add_argument("-r", "--spawn-rate", type=float, default=d.spawn_rate,
                   help="users started per second (default: %(default)s)")
    p.add_argument("-t", "--run-time", default=d.run_time,
                   help="how long to run, in locust's format: 30s, 5m, 1h30m (default: %(default)s)")
    p.add_argument("--out", type=Path, default=d.out, help="folder for the CSVs and reports (default: %(default)s)")
    add_mix_arguments(p)
    p.add_argument("--allow-failures", action="store_true", help="exit 0 even if requests failed")
    p.add_argument("--connect-timeout", type=float, default=d.connect_timeout,
                   help="seconds to wait for the server before starting; 0 skips the check (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="only locust's final stats table, no periodic ones")
    return p


def parse_config(argv: list[str]) -> LoadTestConfig:
    """mt-loadtest's arguments; the words after a lone `--` are kept for locust."""
    ours, locust_args = (argv[:argv.index("--")], argv[argv.index("--") + 1:]) if "--" in argv else (argv, [])
    parser = build_parser()
    args = parser.parse_args(ours)
    try:
        grpc_target(args.host)
        return LoadTestConfig(host=args.host, users=args.users, spawn_rate=args.spawn_rate, run_time=args.run_time,
                              out=args.out, mix=MixConfig.from_options(args), allow_failures=args.allow_failures,
                              connect_timeout=args.connect_timeout, quiet=args.quiet, locust_args=tuple(locust_args))
    except ValueError as exc:
        parser.error(str(exc))  # exits 2 with the usage line


def main(argv: list[str] | None = None) -> int:
    config = parse_config(list(sys.argv[1:] if argv is None else argv))
    if config.connect_timeout > 0 and (problem := wait_for_server(config.host, config.connect_timeout)):
        print(f"mt-loadtest: {problem}; start one with mt-serve, or give --host", file=sys.stderr)
        return 2
    config.out.mkdir(parents=True, exist_ok=True)
    print(f"mt-loadtest: {config.users} users (+{config.spawn_rate:g}/s) against {config.host} for {config.run_time}; "
          f"reports in {config.out}/", flush=True)
    locust = subprocess.run(locust_command(config), check=False, env=child_env())
    if locust.returncode != 0:
        print(f"mt-loadtest: locust exited with code {locust.returncode}", file=sys.stderr)
        return 2
    results = write_reports(config)
    t = results.total
    print(f"mt-loadtest: {t.requests} requests, {t.failures} failed, {results.exceptions} exceptions; "
          f"{t.rps:.1f} requests/s; p50 {t.p50:.0f} ms, p95 {t.p95:.0f} ms, p99 {t.p99:.0f} ms")
    for (name, code), n in sorted(results.failures_by_code().items()):
        print(f"mt-loadtest: failed: {name}: {code} ×{n}")
    print(f"mt-loadtest: wrote {config.out / 'summary.md'}, {config.out / 'loadtest.png'}, "
          f"{config.out / 'report.html'}", flush=True)
    return exit_code(results, config.allow_failures)


if __name__ == "__main__":
    sys.exit(main())
