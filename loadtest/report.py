"""A load test's results from locust's CSV files: a markdown summary and a PNG of throughput and latency.

    results = Results.read(Path("reports/loadtest/locust"))     # locust_stats.csv, _stats_history.csv, ...
    Path("summary.md").write_text(summary_markdown(results, RunInfo("127.0.0.1:50051", 16, 8, "30s")))
    plot_history(results, Path("loadtest.png"))

Reads the files with the csv module alone: no locust (whose import monkey-patches the process), no pandas.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from pathlib import Path

AGGREGATED = "Aggregated"  # locust's name for the all-requests row
LISTED_ERRORS = 20  # distinct error messages quoted in the summary; all of them are in the failures CSV
CODE = re.compile(r"^([A-Z_]+): ")  # failures are recorded as "NOT_FOUND: details" (grpc_client.GrpcStatusError)


def _number(value: str) -> float:
    """Locust writes 'N/A' for a percentile of no requests."""
    return math.nan if value in ("", "N/A") else float(value)


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing; did locust run with --csv?")
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True)
class RequestStats:
    """One row of locust's _stats.csv: a request name over the whole run (times in ms)."""

    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float
    max: float
    avg_size: float

    @classmethod
    def from_row(cls, row: dict[str, str]) -> RequestStats:
        return cls(name=row["Name"], requests=int(row["Request Count"]), failures=int(row["Failure Count"]),
                   rps=_number(row["Requests/s"]), p50=_number(row["50%"]), p95=_number(row["95%"]),
                   p99=_number(row["99%"]), max=_number(row["Max Response Time"]),
                   avg_size=_number(row["Average Content Size"]))


@dataclass(frozen=True)
class Failure:
    """One row of _failures.csv: a request name, an error and how often it happened."""

    name: str
    error: str
    occurrences: int

    @property
    def code(self) -> str:
        match = CODE.match(self.error)
        return match.group(1) if match else "client error"


@dataclass(frozen=True)
class HistoryPoint:
    """One second of the run, all requests together: rates over locust's recent window, latencies in ms
    over its last 10 s."""

    timestamp: int
    users: int
    rps: float
    failures_per_s: float
    p50: float
    p95: float
    p99: float


@dataclass(frozen=True)
class Results:
    requests: list[RequestStats]  # one per request name, in locust's order
    total: RequestStats
    failures: list[Failure]
    exceptions: int  # Python errors raised in the users' own code (not request failures)
    history: list[HistoryPoint]

    @classmethod
    def read(cls, prefix: Path) -> Results:
        """The files `locust --csv PREFIX --csv-full-history` writes."""
        stats = [RequestStats.from_row(r) for r in _rows(Path(f"{prefix}_stats.csv"))]
        totals = [s for s in stats if s.name == AGGREGATED]
        if not totals:
            raise ValueError(f"{prefix}_stats.csv: no {AGGREGATED!r} row")
        history = [HistoryPoint(timestamp=int(r["Timestamp"]), users=int(r["User Count"]), rps=_number(r["Requests/s"]),
                                failures_per_s=_number(r["Failures/s"]), p50=_number(r["50%"]), p95=_number(r["95%"]),
                                p99=_number(r["99%"]))
                   for r in _rows(Path(f"{prefix}_stats_history.csv")) if r["Name"] == AGGREGATED]
        failures = [Failure(r["Name"], r["Error"], int(r["Occurrences"])) for r in _rows(Path(f"{prefix}_failures.csv"))]
        exceptions_path = Path(f"{prefix}_exceptions.csv")
        exceptions = sum(int(r["Count"]) for r in _rows(exceptions_path)) if exceptions_path.is_file() else 0
        return cls([s for s in stats if s.name != AGGREGATED], totals[0], failures, exceptions, history)

    @property
    def duration(self) -> float:
        """Seconds from the first history row to the last (locust writes one a second)."""
        return float(self.history[-1].timestamp - self.history[0].timestamp) if self.history else 0.0

    def failures_by_code(self) -> dict[tuple[str, str], int]:
        """(request name, gRPC code) → occurrences."""
        counts: dict[tuple[str, str], int] = {}
        for f in self.failures:
            counts[f.name, f.code] = counts.get((f.name, f.code), 0) + f.occurrences
        return counts


@dataclass(frozen=True)
class RunInfo:
    """What was asked of the run; the results say what happened."""

    host: str
    users: int
    spawn_rate: float
    run_time: str


def _ms(value: float) -> str:
    return "–" if math.isnan(value) else f"{value:.0f}"


def _request_row(s: RequestStats, label: str) -> str:
    return (f"| {label} | {s.requests} | {s.failures} | {s.rps:.2f} | {_ms(s.p50)} | {_ms(s.p95)} | {_ms(s.p99)} "
            f"| {_ms(s.max)} | {s.avg_size:.0f} |")


def summary_markdown(results: Results, run: RunInfo, plot_name: str = "loadtest.png") -> str:
    t = results.total
    share = 100 * t.failures / t.requests if t.requests else 0.0
    peak_users = max((h.users for h in results.history), default=0)
    lines = [
        f"# Load test of {run.host}",
        "",
        "| | |",
        "| --- | --- |",
        f"| users | {run.users} (spawned at {run.spawn_rate:g}/s; peak {peak_users}) |",
        f"| run time | {run.run_time} (stats history spans {results.duration:.0f} s) |",
        f"| requests | {t.requests} |",
        f"| failures | {t.failures} ({share:.2f} %) |",
        f"| throughput | {t.rps:.2f} requests/s |",
        f"| latency p50 / p95 / p99 | {_ms(t.p50)} / {_ms(t.p95)} / {_ms(t.p99)} ms |",
        "",
        "## Per request",
        "",
        ("Latencies in ms over the whole run; chars: characters of the best translations per request "
         "(models, for ListModels)."),
        "",
        "| request | requests | failures | req/s | p50 | p95 | p99 | max | chars |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *(_request_row(s, s.name) for s in results.requests),
        _request_row(t, "**all**"),
        "",
        "## Failures by request and code",
        "",
    ]
    by_code = results.failures_by_code()
    if by_code:
        lines += ["| request | code | occurrences |", "| --- | --- | ---: |"]
        lines += [f"| {name} | {code} | {n} |" for (name, code), n in sorted(by_code.items())]
        lines += ["", "Errors as the server worded them, most frequent first:", ""]
        frequent = sorted(results.failures, key=lambda f: -f.occurrences)
        lines += [f"- `{f.name}`: {f.error} (×{f.occurrences})" for f in frequent[:LISTED_ERRORS]]
        if len(frequent) > LISTED_ERRORS:
            lines.append(f"- … {len(frequent) - LISTED_ERRORS} more in locust_failures.csv")
    else:
        lines.append("None.")
    if results.exceptions:
        lines += ["", f"**{results.exceptions} exception(s) in the load test's own code**: see locust_exceptions.csv."]
    lines += ["", f"![throughput and latency over time]({plot_name})", ""]
    return "\n".join(lines)


def plot_history(results: Results, path: Path, title: str = "") -> None:
    """Two panels over the run's seconds: requests/s and failures/s (users on a second axis); p50/p95/p99."""
    import matplotlib

    matplotlib.use("Agg")  # files only: load generators have no display
    import matplotlib.pyplot as plt

    history = results.history
    start = history[0].timestamp if history else 0
    seconds = [h.timestamp - start for h in history]
    fig, (ax_rate, ax_latency) = plt.subplots(2, 1, figsize=(10, 7), sharex=True)
    ax_rate.plot(seconds, [h.rps for h in history], label="requests/s", color="tab:blue")
    ax_rate.plot(seconds, [h.failures_per_s for h in history], label="failures/s", color="tab:red")
    ax_users = ax_rate.twinx()
    ax_users.plot(seconds, [h.users for h in history], label="users", color="tab:gray", linestyle="--")
    ax_users.set_ylabel("users")
    ax_users.set_ylim(bottom=0)
    ax_rate.set(ylabel="per second", title="throughput")
    ax_rate.set_ylim(bottom=0)
    handles = ax_rate.get_legend_handles_labels()[0] + ax_users.get_legend_handles_labels()[0]
    ax_rate.legend(handles=handles, loc="upper left")
    for name, color in (("p50", "tab:green"), ("p95", "tab:orange"), ("p99", "tab:red")):
        ax_latency.plot(seconds, [getattr(h, name) for h in history], label=name, color=color)
    ax_latency.set(xlabel="seconds since start", ylabel="ms", title="latency (all requests, last 10 s)")
    ax_latency.set_ylim(bottom=0)
    ax_latency.legend(loc="upper left")
    for ax in (ax_rate, ax_latency):
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
