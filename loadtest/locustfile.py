"""Locust users of the translation service over gRPC.

    python -m locust -f loadtest/locustfile.py --host 127.0.0.1:50051     # web UI on http://localhost:8089
    mt-loadtest --host 127.0.0.1:50051 --users 16 --run-time 30s           # headless, with reports

Each user holds one channel and sends the mix of loadtest/mix.py: single held-out sentences (greedy
mostly, some beam 4), small batches and short streams, after a ListModels call at its start. Extra
options (also in the web UI): --model, --deadline, --wait-min, --wait-max.
"""

from __future__ import annotations

import random

import gevent
import grpc
import grpc.experimental.gevent as grpc_gevent
from locust import User, events, task
from locust.stats import CSV_STATS_INTERVAL_SEC

from loadtest.grpc_client import CallReporter
from loadtest.mix import MixConfig, TranslatorCalls, add_mix_arguments, grpc_target, load_sentences
from proto.translate.v1 import translate_pb2_grpc as pb_grpc

# Locust runs users as greenlets; without this, a blocking gRPC call stalls every user of the process.
# It must run before any channel is made.
grpc_gevent.init_gevent()

SENTENCES = load_sentences()


@events.init_command_line_parser.add_listener
def _add_arguments(parser, **_kwargs) -> None:
    add_mix_arguments(parser)


@events.quitting.add_listener
def _let_the_csv_writer_catch_up(environment, **_kwargs) -> None:
    # Locust rewrites its CSVs once a second and not at exit: calls that ended in the last second (those that
    # --stop-timeout let finish) would be missing from them, failures included. One more write takes them in.
    if getattr(environment.parsed_options, "csv_prefix", None):
        gevent.sleep(CSV_STATS_INTERVAL_SEC + 0.2)


class TranslatorUser(User):
    host = "127.0.0.1:50051"

    def __init__(self, environment) -> None:
        super().__init__(environment)
        self.config = MixConfig.from_options(environment.parsed_options)
        self.rng = random.Random()

    def wait_time(self) -> float:
        return self.rng.uniform(self.config.wait_min, self.config.wait_max)

    def on_start(self) -> None:
        self.channel = grpc.insecure_channel(grpc_target(self.host))
        reporter = CallReporter(self.environment.events.request.fire)
        self.calls = TranslatorCalls(pb_grpc.TranslatorStub(self.channel), reporter, self.config, SENTENCES, self.rng)
        self.calls.list_models()  # as a real client would: learn the models and limits first

    def on_stop(self) -> None:
        self.channel.close()

    @task(8)
    def single_greedy(self) -> None:
        self.calls.single_greedy()

    @task(3)
    def single_beam(self) -> None:
        self.calls.single_beam()

    @task(3)
    def batch_greedy(self) -> None:
        self.calls.batch_greedy()

    @task(1)
    def stream_greedy(self) -> None:
        self.calls.stream_greedy()

    @task(4)
    def single_control(self) -> None:
        self.calls.single_control()
