"""A model version as the front-end processes see it: text in, token ids out, and back.

    model = TextModel.load(ModelStore("model_store").open("ko-en"))
    sources, fills = model.prepare(["어제 카페에 갔어."])

It loads the manifest and the tokenizers only (no ONNX Runtime session): fronts hold one per served
version, the engine one per loaded engine (for its placeholder ids).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from model_store import Manifest, ModelVersion
from service.text.glossary import Glossary, GlossaryError
from service.text.markup import Document, Fragment
from service.text.placeholders import NO_MASKING, SYMBOLS, Restoring, encode_protected, has_placeholders, masking_of
from service.text.tokenizers import SENTENCEPIECE, load_tokenizers


class TextModel:
    def __init__(self, path: Path, manifest: Manifest, cover_placeholders: bool = True) -> None:
        self.path, self.manifest = path, manifest
        self.name, self.version = manifest.name, manifest.version
        tokens = manifest.special_tokens
        # The manifest's tokenizer kind decides (SentencePiece processors for our own models); the
        # servicer and the streaming detokenizer know them by their SentencePiece-era names.
        self.source_tokenizer, self.target_tokenizer = load_tokenizers(path, manifest.tokenizer, tokens)
        # Numbers, Latin-script words and names go through as placeholders when the model was trained
        # so (service/placeholders.py); its SentencePiece models say so.
        self.placeholders = masking_of(self.source_tokenizer) \
            if manifest.tokenizer.get("kind", SENTENCEPIECE) == SENTENCEPIECE else NO_MASKING
        # Placeholder i: its source id and its target id (RunningBatch keeps outputs to the source's count).
        self.placeholder_ids = (np.array([self.source_tokenizer.piece_to_id(p) for p in SYMBOLS]),
                                [self.target_tokenizer.piece_to_id(p) for p in SYMBOLS]) \
            if self.placeholders and cover_placeholders and has_placeholders(self.target_tokenizer) else None
        self.max_source_tokens = int(manifest.model["max_positions"])  # source EOS included
        self.max_target_tokens = int(manifest.model["max_positions"])  # one position per generated token

    @classmethod
    def load(cls, version: ModelVersion, cover_placeholders: bool = True) -> TextModel:
        return cls(version.path, version.manifest, cover_placeholders)

    def prepare(self, texts: Sequence[str], glossary: Glossary | None = None,
                markers: Sequence[Mapping[str, str]] | None = None) -> tuple[list[list[int]], list[tuple[str, ...]]]:
        """Source ids of each text, and the spans its placeholders stand for (`detokenizer` puts them back);
        a glossary's terms go through as placeholders too, and so do the markup markers of each text
        (`markers[i]`: marker character → fill; service/text/markup.py). Both need `takes_glossaries`."""
        if glossary and not self.takes_glossaries:
            raise GlossaryError(f"model {self.name} was not trained with placeholders: it cannot take a glossary")
        if markers and not self.takes_glossaries:
            raise ValueError(f"model {self.name} was not trained with placeholders: it cannot take markup")
        return encode_protected(self.source_tokenizer, texts, self.placeholders, glossary, markers)

    @property
    def takes_glossaries(self) -> bool:
        """Glossary terms ride on the placeholders a model copies (numbers, Latin words)."""
        return self.placeholders.copies

    def encode(self, texts: Sequence[str]) -> list[list[int]]:
        """Source ids of each text (`prepare` without the spans)."""
        return self.prepare(texts)[0]

    def encode_target(self, text: str) -> list[int]:
        """Target ids of a text taken literally (a target prefix): no placeholders."""
        return list(self.target_tokenizer.encode(text))

    def detokenizer(self, fills: Sequence[str] = (), markup: str | None = None):
        """Target ids → text for a segment whose placeholders stand for `fills`; `markup` (a format of
        service/text/markup.py): the text escaped for it, and its markup fills put in as they are."""
        if markup:
            return Restoring(self.target_tokenizer, fills, escape=Document(markup).escape,
                             is_markup=lambda f: isinstance(f, Fragment))
        return Restoring(self.target_tokenizer, fills) if fills else self.target_tokenizer

    def covers(self, fills: Sequence[str]) -> bool:
        """Whether a segment with these placeholder spans decodes under the placeholder quota (a wider beam)."""
        return bool(fills) and self.placeholder_ids is not None
