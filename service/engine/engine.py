"""The translation engine: one verified model version from the store; text in, text out.

    engine = Engine.from_store("model_store", "ko-en")
    engine.translate(["어제 카페에 갔어."], DecodingOptions(beam_size=4, n_best=2))
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from model_store import ModelStore, ModelVersion
from service.config import DecodingOptions, EngineConfig
from service.engine.decoding import Hypothesis, SpecialTokens
from service.engine.onnx_model import OnnxModel
from service.engine.running_batch import RunningBatch, compiled_step_built
from service.engine.sequence import Sequence as DecodingSequence
from service.text.documents import assemble, segment
from service.text.glossary import Glossary
from service.text.markup import parse
from service.text.model import TextModel

log = logging.getLogger(__name__)


class InputTooLong(ValueError):
    """A text whose tokens exceed what the model's position table covers."""


class InvalidPrefix(InputTooLong):
    """A target prefix that leaves no room for the output."""


@dataclass(frozen=True)
class Translation:
    text: str
    tokens: list[int]  # target ids without BOS / EOS
    score: float  # log_prob / length ** length_penalty
    log_prob: float
    finished: bool  # False when the output was cut by the length limit


class Engine:
    def __init__(self, version: ModelVersion, config: EngineConfig = EngineConfig()) -> None:
        started = time.monotonic()
        manifest = version.manifest
        self.name, self.version, self.config = manifest.name, manifest.version, config
        self.manifest = manifest
        self.model = OnnxModel.load(version.path, manifest.model, config.device, config.intra_op_threads,
                                    config.spin)
        self.text = TextModel(version.path, manifest, config.cover_placeholders)
        self.source_tokenizer, self.target_tokenizer = self.text.source_tokenizer, self.text.target_tokenizer
        self.source_spm, self.target_spm = self.source_tokenizer, self.target_tokenizer
        self.placeholders = self.text.placeholders
        tokens = manifest.special_tokens
        self.special = SpecialTokens(pad=tokens["pad"], bos=tokens["bos"], eos=tokens["eos"])
        self._placeholders = self.text.placeholder_ids
        self.max_source_tokens, self.max_target_tokens = self.text.max_source_tokens, self.text.max_target_tokens
        # SentencePiece's bare word boundary: no alternative may be just that (its text is the next piece's)
        self._bare = [i for i in (getattr(self.target_tokenizer, "piece_to_id", lambda p: None)("\u2581"),)
                      if i is not None and i != getattr(self.target_tokenizer, "unk_id", lambda: -1)()]
        loaded = time.monotonic()
        if config.warmup:
            self.warm_up()
        log.info("engine %s/%s (%s) on %s, %s intra-op threads, %s: loaded in %.2f s, warm-up %.2f s",
                 self.name, self.version, manifest.variant, self.model.provider, config.intra_op_threads or "all",
                 "compiled step" if compiled_step_built() else "numpy step (the compiled one is not built: "
                 "pip install -e . with a C compiler)", loaded - started, time.monotonic() - loaded)

    @classmethod
    def from_store(cls, root: str | Path, name: str, version: int | None = None,
                   config: EngineConfig = EngineConfig()) -> Engine:
        return cls(ModelStore(root).open(name, version), config)

    def warm_up(self) -> None:
        """Decode a few dummy batches so that ONNX Runtime's allocations and kernel choices happen
        now, not on the first request."""
        # An ordinary piece: a placeholder would give the texts a quota and a wider beam, and the
        # greedy and beam-2 shapes would go unwarmed.
        vocab = int(self.manifest.model["src_vocab_size"])
        ordinary = set(range(4, vocab)) - set(self._placeholders[0].tolist() if self._placeholders else ())
        token = min(ordinary, default=vocab - 1)
        for beam in (1, 2):
            self.translate_ids([[token] * 3, [token] * 12], DecodingOptions(beam_size=beam, max_length=4))

    def translate(self, texts: Sequence[str], options: DecodingOptions = DecodingOptions()) -> list[list[Translation]]:
        """Per text, its `options.n_best` translations, best first, in the caller's order."""
        sources, fills = self.prepare(texts)
        return [[Translation(self.detokenizer(f).decode(h.tokens), h.tokens, h.score, h.log_prob, h.finished)
                 for h in hyps] for hyps, f in zip(self.translate_ids(sources, options), fills)]

    def translate_markup(self, texts: Sequence[str], format: str, options: DecodingOptions = DecodingOptions(),
                         glossary: Glossary | None = None) -> list[str]:
        """Per text with markup (service/text/markup.py: "html" or "markdown"), its translation with the
        markup around the words it enclosed: the best hypothesis of each unit, sentence by sentence (raises
        MarkupError, or ValueError for a sentence with more inline elements than placeholders)."""

        def translate(texts: list[str], fills: list[dict]) -> list[str]:
            segments, layouts = segment(texts, False, self.max_source_tokens * 16)
            owner = [i for i, layout in enumerate(layouts) for _ in range(layout.count)]
            sources, spans = self.text.prepare(segments, glossary, [fills[i] for i in owner])
            results = self.translate_ids(sources, options)
            return [assemble(layout, results, lambda k, ids: self.text.detokenizer(spans[k], format).decode(ids))[0].text
                    for layout in layouts]

        def batch(asked: list[list[tuple[str, dict]]]) -> list[list[str]]:  # one batch for all the documents
            flat = [item for items in asked for item in items]
            done = iter(translate([text for text, _ in flat], [fills for _, fills in flat]) if flat else [])
            return [[next(done) for _ in items] for items in asked]

        docs = [parse(text, format) for text in texts]
        first = batch([doc.to_translate() for doc in docs])
        second = batch([doc.to_ablate(got) for doc, got in zip(docs, first)])
        return [doc.render(a, b) for doc, a, b in zip(docs, first, second)]

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Source ids of each text (`prepare` without the spans)."""
        return self.text.encode(texts)

    def prepare(self, texts: Sequence[str]) -> tuple[list[list[int]], list[tuple[str, ...]]]:
        """Source ids of each text, and the spans its placeholders stand for (`detokenizer` puts them back)."""
        return self.text.prepare(texts)

    def detokenizer(self, fills: Sequence[str] = ()):
        """Target ids → text for a segment whose placeholders stand for `fills`."""
        return self.text.detokenizer(fills)

    def translate_ids(self, sources: Sequence[Sequence[int]], options: DecodingOptions = DecodingOptions(),
                      prefixes: Sequence[Sequence[int]] | None = None, draws: Sequence[int] | None = None
                      ) -> list[list[Hypothesis]]:
        """Source token ids (without EOS) → hypotheses. An empty source gives one empty hypothesis
        without running the model. `prefixes`: per source, target ids its output must start with;
        `draws`: per source, its index for a seeded sampling draw (default: its position here)."""
        options = self.clamp(options)
        results: list[list[Hypothesis] | None] = [None] * len(sources)
        pending = []
        for i, ids in enumerate(sources):
            if not ids:
                results[i] = [Hypothesis([], 0.0, 0.0, True)]
            elif len(ids) + 1 > self.max_source_tokens:
                raise InputTooLong(f"text {i} has {len(ids) + 1} tokens (with EOS); the model accepts at most "
                                   f"{self.max_source_tokens}")
            else:
                pending.append(i)
        made = {i: self._sequence(sources[i], options, prefix=prefixes[i] if prefixes else (),
                                  draw=draws[i] if draws else i) for i in pending}
        for batch in self.sub_batches(pending, sources, {i: s.beam_size for i, s in made.items()}):
            # A fixed batch decoded to the end: the running batch with nobody joining (the same step
            # and cache layout as the iteration-level scheduler, so the two differ only in scheduling).
            running = self.running_batch()
            sequences = [made[i] for i in batch]
            running.join(sequences)
            while running.sequences:
                running.leave(running.step().finished)
            for i, s in zip(batch, sequences):
                results[i] = s.result()
        return results  # type: ignore[return-value]

    def clamp(self, options: DecodingOptions) -> DecodingOptions:
        """The options within what the model's position table covers."""
        return replace(options, max_length=min(options.max_length, self.max_target_tokens),
                       min_length=min(options.min_length, self.max_target_tokens))

    def sequence(self, ids: Sequence[int], options: DecodingOptions = DecodingOptions(), owner: object = None,
                 prefix: Sequence[int] = (), draw: int = 0) -> DecodingSequence:
        """A text's decoding state, ready to join a running batch of this engine's. `prefix`: target ids the
        output must start with; `draw`: the text's index in its request (a seeded sample draws from
        (seed, draw), so each text of a request has its own reproducible draws)."""
        if len(ids) + 1 > self.max_source_tokens:
            raise InputTooLong(f"the text has {len(ids) + 1} tokens (with EOS); the model accepts at most "
                               f"{self.max_source_tokens}")
        return self._sequence(ids, self.clamp(options), owner, prefix, draw)

    def _sequence(self, ids: Sequence[int], options: DecodingOptions, owner: object = None,
                  prefix: Sequence[int] = (), draw: int = 0) -> DecodingSequence:
        counts = (np.asarray(ids)[:, None] == self._placeholders[0]).sum(axis=0) \
            if self._placeholders is not None and ids else None
        quota = counts if counts is not None and counts.any() else None
        # Sampling and alternatives fix their own beams (one; one per alternative).
        if quota is not None and options.beam_size < self.config.placeholder_beam \
                and not (options.sampling or options.alternatives):
            options = replace(options, beam_size=self.config.placeholder_beam)
        if len(prefix) >= options.max_length:
            raise InvalidPrefix(f"the target prefix has {len(prefix)} tokens; the output may have at most "
                                f"{options.max_length} (EOS included)")
        # The prefix does not count against the length allowed for the source (a·src + b); max_length still caps.
        limit = min(options.max_length, options.length_limit(len(ids) + 1) + len(prefix))
        sequence = DecodingSequence(list(ids), options, limit, owner)
        sequence.quota = quota
        sequence.prefix = tuple(int(t) for t in prefix)
        if options.sampling:
            sequence.rng = np.random.default_rng(None if options.seed is None else (options.seed, draw))
        return sequence

    def running_batch(self, compiled: bool | None = None) -> RunningBatch:
        """An empty running batch over this engine's model (iteration-level batching). compiled: the
        step's bookkeeping in compiled code (None: when it is built; False: the numpy reference)."""
        return RunningBatch(self.model, self.special, self.max_target_tokens,
                            self._placeholders[1] if self._placeholders is not None else (), self._bare, compiled)

    def sub_batches(self, indices: list[int], sources: Sequence[Sequence[int]],
                    beam_size: int | Mapping[int, int]) -> list[list[int]]:
        """Sort by length (little padding) and cut where rows (sentences × beam) × longest source
        would pass the token budget or the sentence cap. `beam_size`: one for all, or each index's own
        (a text with placeholders decodes with a wider beam)."""
        beams = beam_size if isinstance(beam_size, Mapping) else dict.fromkeys(indices, beam_size)
        batches: list[list[int]] = []
        current: list[int] = []
        rows = 0
        for i in sorted(indices, key=lambda i: len(sources[i])):
            longest = len(sources[i]) + 1  # sorted: the newcomer is the longest
            if current and (len(current) + 1 > self.config.max_batch_sentences
                            or (rows + beams[i]) * longest > self.config.max_batch_tokens):
                batches.append(current)
                current, rows = [], 0
            current.append(i)
            rows += beams[i]
        if current:
            batches.append(current)
        return batches
