"""What the load test's users send: held-out sentences, alone or in small batches, greedy or beam search.

Request names (the rows of locust's tables):
    Translate/single/greedy          one sentence, greedy search (most calls)
    Translate/single/beam4           one sentence, beam search of width 4
    Translate/batch/greedy           2 to 8 sentences in one request
    TranslateStream/4xsingle/greedy  4 one-sentence requests pipelined on one stream, timed to its end
    Translate/single/<control>       one sentence with a decoding control or a glossary: glossary (inline
                                     terms), no-repeat2-beam4, penalty (repetition 2), sampling (top-k 10,
                                     seeded), prefix ("I" forced first), alternatives3, html (the first
                                     word in <b>)
    ListModels                       a client discovering the models (once per user, at its start)

No locust and no gevent here, so the mix can be driven and tested from any process.
"""

from __future__ import annotations

import argparse
import html
import random
from dataclasses import dataclass, fields
from pathlib import Path

from loadtest.grpc_client import CallReporter, GrpcStatusError, status_code
from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc

SENTENCES_FILE = Path(__file__).with_name("heldout.ko.txt")
# (request name, DecodingOptions fields, other TranslateRequest fields) of Translate/single/<control>
GLOSSARY = [pb.GlossaryTerm(source=s, target=t) for s, t in (("학교", "school building"), ("친구", "pal"),
                                                               ("회사", "firm"), ("사과", "apple fruit"))]
CONTROLS: list[tuple[str, dict, dict]] = [
    ("glossary", {}, {"glossary": GLOSSARY}),
    ("no-repeat2-beam4", {"beam_size": 4, "no_repeat_ngram_size": 2}, {}),
    ("penalty", {"repetition_penalty": 2.0}, {}),
    ("sampling", {"sampling_topk": 10, "seed": 7}, {}),
    ("prefix", {}, {"target_prefix": ["I"]}),
    ("alternatives3", {"return_alternatives": 3}, {}),
    ("html", {}, {"format": pb.FORMAT_HTML}),  # the sentence's first word in <b>, all in a <p>
]


@dataclass(frozen=True)
class MixConfig:
    model: str = ""  # "" asks for the server's default model; an unknown name makes every call NOT_FOUND
    deadline: float = 10.0  # seconds one call may take; past it the call fails as DEADLINE_EXCEEDED
    wait_min: float = 0.1  # a user's think time between calls is uniform in [wait_min, wait_max] seconds
    wait_max: float = 1.0
    beam_size: int = 4
    batch_min: int = 2
    batch_max: int = 8
    stream_size: int = 4

    def __post_init__(self) -> None:
        if self.deadline <= 0:
            raise ValueError(f"deadline={self.deadline} must be positive (seconds)")
        if not 0 <= self.wait_min <= self.wait_max:
            raise ValueError(f"wait_min={self.wait_min}, wait_max={self.wait_max}: need 0 <= wait_min <= wait_max")
        if not 1 <= self.batch_min <= self.batch_max:
            raise ValueError(f"batch_min={self.batch_min}, batch_max={self.batch_max}: need 1 <= min <= max")

    @classmethod
    def from_options(cls, options: argparse.Namespace | None) -> MixConfig:
        """From parsed command-line options (locust's or mt-loadtest's); absent ones keep their defaults."""
        values = {f.name: getattr(options, f.name) for f in fields(cls) if hasattr(options, f.name)}
        return cls(**values)


def add_mix_arguments(parser: argparse.ArgumentParser) -> None:
    """The mix's options, declared once for locust's parser (so they show in its web UI) and mt-loadtest's."""
    d = MixConfig()
    parser.add_argument("--model", default=d.model, help="model name to request; empty: the server's default")
    parser.add_argument("--deadline", type=float, default=d.deadline,
                        help=f"seconds each call may take before it fails as DEADLINE_EXCEEDED (default: {d.deadline})")
    parser.add_argument("--wait-min", type=float, default=d.wait_min,
                        help=f"shortest think time between a user's calls, seconds (default: {d.wait_min})")
    parser.add_argument("--wait-max", type=float, default=d.wait_max,
                        help=f"longest think time between a user's calls, seconds (default: {d.wait_max})")


def load_sentences(path: Path = SENTENCES_FILE) -> list[str]:
    """One sentence per line; '#' lines are the file's provenance header."""
    lines = path.read_text(encoding="utf-8").splitlines()
    sentences = [line for line in lines if line.strip() and not line.startswith("#")]
    if not sentences:
        raise ValueError(f"{path}: no sentences")
    return sentences


def grpc_target(host: str) -> str:
    """Locust's --host as a gRPC target: '127.0.0.1:50051', also written 'grpc://127.0.0.1:50051/'."""
    target = host.strip().removeprefix("grpc://").rstrip("/")
    if not target or "/" in target:
        raise ValueError(f"host {host!r} is not a gRPC address: expected HOST:PORT, e.g. 127.0.0.1:50051")
    return target


def output_chars(response: pb.TranslateResponse) -> int:
    """The response length locust records: characters of the best translations."""
    return sum(len(t.hypotheses[0].text) for t in response.translations if t.hypotheses)


class TranslatorCalls:
    """One user's calls on its own channel, each reported under its request name."""

    def __init__(self, stub: pb_grpc.TranslatorStub, reporter: CallReporter, config: MixConfig,
                 sentences: list[str], rng: random.Random) -> None:
        self.stub, self.reporter, self.config, self.sentences, self.rng = stub, reporter, config, sentences, rng

    def _request(self, texts: list[str], beam_size: int) -> pb.TranslateRequest:
        return pb.TranslateRequest(texts=texts, model=self.config.model, options=pb.DecodingOptions(beam_size=beam_size))

    def _translate(self, name: str, texts: list[str], beam_size: int) -> pb.TranslateResponse | None:
        request = self._request(texts, beam_size)
        return self.reporter.call(name, lambda: self.stub.Translate(request, timeout=self.config.deadline),
                                  output_chars)

    def single_greedy(self) -> pb.TranslateResponse | None:
        return self._translate("Translate/single/greedy", [self.rng.choice(self.sentences)], 1)

    def single_beam(self) -> pb.TranslateResponse | None:
        beam = self.config.beam_size
        return self._translate(f"Translate/single/beam{beam}", [self.rng.choice(self.sentences)], beam)

    def batch_greedy(self) -> pb.TranslateResponse | None:
        size = self.rng.randint(self.config.batch_min, self.config.batch_max)
        return self._translate("Translate/batch/greedy", self.rng.sample(self.sentences, size), 1)

    def stream_greedy(self) -> list[pb.TranslateResponse] | None:
        n = self.config.stream_size
        requests = [pb.TranslateStreamRequest(id=str(i), request=self._request([self.rng.choice(self.sentences)], 1))
                    for i in range(n)]

        def invoke() -> list[pb.TranslateResponse]:
            answers = list(self.stub.TranslateStream(iter(requests), timeout=self.config.deadline))
            failed = next((a.error for a in answers if a.HasField("error")), None)
            if failed is not None:  # one bad answer fails the stream's request, with that answer's code
                raise GrpcStatusError(status_code(failed.code), failed.message)
            return [a.response for a in answers]

        return self.reporter.call(f"TranslateStream/{n}xsingle/greedy", invoke,
                                  lambda responses: sum(output_chars(r) for r in responses))

    def single_control(self) -> pb.TranslateResponse | None:
        """One sentence with one of the controls users ask for beyond plain text (CONTROLS), each in turn."""
        # In turn from a random start: every kind shows in a short run's table, and the mix stays even.
        self._control = getattr(self, "_control", self.rng.randrange(len(CONTROLS))) + 1
        name, options, extra = CONTROLS[self._control % len(CONTROLS)]
        text = self.rng.choice(self.sentences)
        if extra.get("format") == pb.FORMAT_HTML:
            first, _, rest = html.escape(text, quote=False).partition(" ")
            text = f"<p><b>{first}</b> {rest}</p>"
        request = pb.TranslateRequest(texts=[text], model=self.config.model, options=pb.DecodingOptions(**options),
                                      **extra)
        return self.reporter.call(f"Translate/single/{name}",
                                  lambda: self.stub.Translate(request, timeout=self.config.deadline), output_chars)

    def list_models(self) -> pb.ListModelsResponse | None:
        return self.reporter.call("ListModels", lambda: self.stub.ListModels(pb.ListModelsRequest(),
                                                                             timeout=self.config.deadline),
                                  lambda response: len(response.models))
