"""Text to token ids and back, as a version's manifest says (`tokenizer`: its kind and files).

- `sentencepiece` (our own models, and manifests without the field): the SentencePiece ids are the
  model's ids; source.spm and target.spm.
- `marian` (OPUS-MT models imported by mt-import): SentencePiece cuts the text into pieces and
  vocab.json maps pieces to the model's ids (a piece missing from it is <unk>), as transformers'
  MarianTokenizer does; a leading language code such as `>>fra<<` is one piece. Target ids map back
  to pieces through the same table (or target_vocab.json for separate vocabularies), special ids are
  dropped, and SentencePiece joins the pieces into text.

Either way the source gets no EOS here: the running batch appends the manifest's EOS id.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import sentencepiece as spm

SENTENCEPIECE, MARIAN = "sentencepiece", "marian"


class SourceTokenizer(Protocol):
    def encode(self, text: str) -> list[int]: ...


class TargetDetokenizer(Protocol):
    def decode(self, ids: Sequence[int]) -> str: ...

    def encode(self, text: str) -> list[int]: ...  # a target prefix


class MarianSource:
    def __init__(self, processor: spm.SentencePieceProcessor, vocab: dict[str, int], unk_id: int) -> None:
        self.spm, self.vocab, self.unk_id = processor, vocab, unk_id

    def encode(self, text: str) -> list[int]:
        pieces: list[str] = []
        if text.startswith(">>") and (end := text.find("<<")) != -1:  # a target-language code
            pieces.append(text[: end + 2])
            text = text[end + 2:]
        pieces.extend(self.spm.encode(text, out_type=str))
        return [self.vocab.get(p, self.unk_id) for p in pieces]


class MarianTarget:
    def __init__(self, processor: spm.SentencePieceProcessor, vocab: dict[str, int], special: set[int],
                 unk_id: int) -> None:
        self.spm = processor
        self.vocab, self.pieces = vocab, {i: p for p, i in vocab.items()}
        self.special, self.unk_id = special, unk_id

    def encode(self, text: str) -> list[int]:
        return [self.vocab.get(p, self.unk_id) for p in self.spm.encode(text, out_type=str)]

    def decode(self, ids: Sequence[int]) -> str:
        pieces = [self.pieces[i] for i in ids if i not in self.special and i in self.pieces]
        return self.spm.decode_pieces(pieces).replace("\u2581", " ").strip()


def read_vocab(path: Path) -> dict[str, int]:
    vocab = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(vocab, dict) or not all(isinstance(i, int) for i in vocab.values()):
        raise ValueError("not a JSON object of piece → integer id")
    return vocab


def load_tokenizers(folder: Path, spec: dict[str, Any], special_tokens: dict[str, int]
                    ) -> tuple[SourceTokenizer, TargetDetokenizer]:
    """The source tokenizer and target detokenizer of the version in `folder`."""
    kind = spec.get("kind", SENTENCEPIECE)
    source = spm.SentencePieceProcessor(model_file=str(folder / spec.get("source", "source.spm")))
    target = spm.SentencePieceProcessor(model_file=str(folder / spec.get("target", "target.spm")))
    if kind == SENTENCEPIECE:
        return source, target
    if kind == MARIAN:
        vocab = read_vocab(folder / spec["vocab"])
        target_vocab = read_vocab(folder / spec["target_vocab"]) if spec.get("target_vocab") else vocab
        special = {special_tokens[k] for k in ("pad", "eos", "unk") if k in special_tokens}
        return (MarianSource(source, vocab, special_tokens["unk"]),
                MarianTarget(target, target_vocab, special, special_tokens["unk"]))
    raise ValueError(f"tokenizer kind {kind!r} is not supported (expected {SENTENCEPIECE!r} or {MARIAN!r})")
