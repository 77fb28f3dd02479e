"""The messages between front-end processes and the engine process, and their codec.

Fronts send token ids, options, deadlines and owners (a request id the front chose); the engine sends back
per-step progress and results as token ids and scores, or a failure with its gRPC code name. Never text
or protobuf: the engine loads no tokenizer into its loop and parses nothing but these.

The codec is msgpack through msgspec: typed structs decoded straight into objects, array-like (no field
names on the wire), ~1 µs a message for a one-sentence request (`python -m bench.ipc_codec`).
"""

from __future__ import annotations

import msgspec

from service.config import DecodingOptions


class Options(msgspec.Struct, array_like=True, frozen=True):
    """service.config.DecodingOptions on the wire (the engine builds and checks the real one)."""

    beam_size: int
    n_best: int
    length_penalty: float
    max_length: int
    no_repeat_ngram_size: int = 0
    repetition_penalty: float = 1.0
    sampling_topk: int = 1
    sampling_topp: float = 1.0
    sampling_temperature: float = 1.0
    seed: int | None = None
    alternatives: bool = False

    @classmethod
    def of(cls, o: DecodingOptions) -> Options:
        return cls(o.beam_size, o.n_best, o.length_penalty, o.max_length, o.no_repeat_ngram_size,
                   o.repetition_penalty, o.sampling_topk, o.sampling_topp, o.sampling_temperature, o.seed,
                   o.alternatives)

    def decoding_options(self) -> DecodingOptions:
        """The engine's options (raises ValueError out of range)."""
        return DecodingOptions(**msgspec.structs.asdict(self))


class Submit(msgspec.Struct, tag=1, array_like=True):
    id: int  # chosen by the front, unique per front; the engine answers to (front, id)
    model: str
    version: int
    sources: list[list[int]]  # token ids of each segment, without EOS
    options: Options
    deadline: float | None  # time.monotonic() (one clock per machine: ipc:// is local) after which it is of no use
    enqueued: float  # time.monotonic() when the front received the call (queue-time metrics)
    stream: bool = False  # send Progress after every step
    priority: int = 0  # service.work.Priority (the front resolved PRIORITY_AUTO)
    client: str = ""  # the caller's x-client-id, "" for none: the flow its fair share is counted for
    prefixes: list[list[int]] = []  # per segment, target ids its output must start with; [] for none at all


class Cancel(msgspec.Struct, tag=2, array_like=True):
    """The caller went away: its rows leave the running batch at the next step."""

    id: int


class Hyp(msgspec.Struct, array_like=True):
    tokens: list[int]
    score: float
    log_prob: float
    finished: bool


class Result(msgspec.Struct, tag=3, array_like=True):
    id: int
    hypotheses: list[list[Hyp]]  # per segment, n_best, best first


class Failure(msgspec.Struct, tag=4, array_like=True):
    id: int
    code: str  # a grpc.StatusCode name: the front raises the matching service error
    message: str
    retry_after: float | None = None


class Progress(msgspec.Struct, tag=5, array_like=True):
    """A streaming request's latest tokens after a step, per segment that moved: (index, tokens, final)."""

    id: int
    updates: list[tuple[int, list[int], bool]]


ToEngine = Submit | Cancel
FromEngine = Result | Failure | Progress

_encoder = msgspec.msgpack.Encoder()
encode = _encoder.encode
_to_engine = msgspec.msgpack.Decoder(ToEngine)
_from_engine = msgspec.msgpack.Decoder(FromEngine)


def decode_to_engine(data: bytes) -> Submit | Cancel:
    return _to_engine.decode(data)


def decode_from_engine(data: bytes) -> Result | Failure | Progress:
    return _from_engine.decode(data)
