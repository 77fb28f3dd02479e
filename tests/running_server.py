"""A real server for the tests: `mt-serve` (supervisor, engine and fronts) on free ports, its /metrics read
over HTTP as Prometheus would."""

from pathlib import Path

from bench.server_process import ServerProcess

STORE = Path(__file__).resolve().parent.parent / "model_store"

FLAGS = {"kind": "--scheduler", "max_wait_ms": "--max-wait-ms", "max_queue_texts": "--max-queue-texts",
         "max_queue_seconds": "--max-queue-seconds", "max_rows": "--max-rows", "max_batch_sentences":
         "--max-batch-sentences", "join_max_steps": "--join-max-steps", "step_delay_ms": "--step-delay-ms",
         "frontends": "--frontends", "grace": "--grace", "glossaries": "--glossaries"}


class RunningServer:
    """`mt-serve` on 127.0.0.1:<free port> with 2 engine threads and 2 fronts, SERVING when built. Keyword
    arguments are mt-serve's flags (FLAGS)."""

    def __init__(self, store=STORE, watch_interval=0.0, **options) -> None:
        options = {"frontends": 2, **options}
        flags = ["--threads", "2", "--watch-interval", str(watch_interval)]
        for name, value in options.items():
            flags += [FLAGS[name], str(value)]
        self.process = ServerProcess(Path(store), *flags)
        self.process.wait_serving()
        self.address = self.process.address

    def metric(self, name, **labels):
        """The sum of the series `name` whose labels include `labels`, from the server's /metrics."""
        return self.process.metric(name, **labels)

    def close(self):
        self.process.stop()
