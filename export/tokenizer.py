"""SentencePiece tokenizers for the source and the target side, trained on the training split.

Both models reserve the same special ids (pad 0, unk 1, bos 2, eos 3, see export.config), and are
kept as serialized bytes inside checkpoints so a checkpoint is self-contained.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import sentencepiece as spm

from export.config import BOS_ID, EOS_ID, PAD_ID, UNK_ID
from service.text.placeholders import NAMES_MARKER, SYMBOLS as PLACEHOLDERS


def train_sentencepiece(sentences: Iterable[str], vocab_size: int, seed: int = 1,
                        character_coverage: float = 1.0, byte_fallback: bool = False,
                        placeholders: bool = False, names: bool = False) -> bytes:
    """Train a unigram SentencePiece model and return its serialized bytes.

    `byte_fallback` adds the 256 UTF-8 byte pieces, so a character the training text never had (a rare
    Hangul syllable) encodes as its bytes instead of <unk>; the source side of corpus version 2 uses it.

    `placeholders` makes the placeholder symbols (service/text/placeholders.py) pieces of their own; `names`
    adds the piece that says names were masked too (a source model's mark, never in any text).

    `hard_vocab_limit=False` lets a small corpus yield fewer pieces than asked for instead of
    failing, which keeps tiny test corpora and user corpora working with the default size.
    """
    spm.set_random_generator_seed(seed)
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=character_coverage,
        pad_id=PAD_ID, unk_id=UNK_ID, bos_id=BOS_ID, eos_id=EOS_ID,
        hard_vocab_limit=False,
        byte_fallback=byte_fallback,
        user_defined_symbols=(PLACEHOLDERS if placeholders else []) + ([NAMES_MARKER] if names else []),
        num_threads=1,  # one thread keeps the result identical from run to run
        minloglevel=2,
    )
    return model.getvalue()


def load_sentencepiece(model_bytes: bytes) -> spm.SentencePieceProcessor:
    processor = spm.SentencePieceProcessor()
    processor.LoadFromSerializedProto(model_bytes)
    if (processor.pad_id(), processor.unk_id(), processor.bos_id(), processor.eos_id()) != (
            PAD_ID, UNK_ID, BOS_ID, EOS_ID):
        raise ValueError("SentencePiece model does not use the project's special ids "
                         f"(pad {PAD_ID}, unk {UNK_ID}, bos {BOS_ID}, eos {EOS_ID})")
    return processor
