"""A Marian (OPUS-MT-shaped) checkpoint with random weights, built locally: what the tests and the
benchmark import, since nothing may be downloaded.

    build_random_marian(Path("tiny-marian"), sentences, MarianShape(d_model=32, ...))

The folder is what `save_pretrained` of transformers' MarianMTModel and MarianTokenizer writes for an
OPUS-MT model: config.json, generation_config.json, model.safetensors, source.spm, target.spm,
vocab.json, tokenizer_config.json. As in OPUS-MT, vocab.json is one vocabulary over the pieces of
both SentencePiece models, so the model's ids are not SentencePiece's: "</s>" is 0, "<unk>" 1, "<pad>"
the last id, and decoding starts from pad, which generate() never produces (bad_words_ids).
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sentencepiece as spm
import torch


@dataclass(frozen=True)
class MarianShape:
    d_model: int = 512  # transformer-base, as OPUS-MT
    heads: int = 8
    encoder_layers: int = 6
    decoder_layers: int = 6
    ffn: int = 2048
    spm_vocab: int = 8000  # pieces per SentencePiece model (a small corpus may give fewer)
    vocab_size: int = 0  # vocab.json padded with pieces SentencePiece never produces up to this size (0: none)
    max_positions: int = 512
    activation: str = "swish"
    eos_bias: float = 0.0  # final_logits_bias of EOS: a random model ends its outputs more often when > 0
    separate_vocabs: bool = False  # a vocabulary and an embedding matrix per side (target_vocab.json)
    seed: int = 0


def _train_spm(sentences: Sequence[str], vocab_size: int) -> bytes:
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(sentences), model_writer=model, vocab_size=vocab_size,
                                   model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
                                   num_threads=1, minloglevel=2)
    return model.getvalue()


def shared_vocab(*models: bytes, size: int = 0) -> dict[str, int]:
    """OPUS-MT's vocab.json: "</s>" 0, "<unk>" 1, then every ordinary piece of the SentencePiece
    models (target first), then filler pieces up to `size` (a real model's vocabulary size, for
    benchmarks), then "<pad>"."""
    vocab = {"</s>": 0, "<unk>": 1}
    for model in models:
        processor = spm.SentencePieceProcessor(model_proto=model)
        for i in range(processor.get_piece_size()):
            if not (processor.is_control(i) or processor.is_unknown(i)):
                vocab.setdefault(processor.id_to_piece(i), len(vocab))
    while len(vocab) < size - 1:
        vocab[f"<filler{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    return vocab


def build_random_marian(folder: Path, source_sentences: Sequence[str], target_sentences: Sequence[str],
                        shape: MarianShape = MarianShape()) -> Path:
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    source, target = _train_spm(source_sentences, shape.spm_vocab), _train_spm(target_sentences, shape.spm_vocab)
    (folder / "source.spm").write_bytes(source)
    (folder / "target.spm").write_bytes(target)
    if shape.separate_vocabs:  # one size for both, so that "<pad>" (the last id) is the same id on both sides
        size = max(shape.vocab_size, len(shared_vocab(source)), len(shared_vocab(target)))
        vocab, target_vocab = shared_vocab(source, size=size), shared_vocab(target, size=size)
        (folder / "target_vocab.json").write_text(json.dumps(target_vocab, ensure_ascii=False), encoding="utf-8")
    else:
        vocab = target_vocab = shared_vocab(target, source, size=shape.vocab_size)
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), decoder_vocab_size=len(target_vocab), d_model=shape.d_model,
        encoder_layers=shape.encoder_layers, decoder_layers=shape.decoder_layers,
        encoder_attention_heads=shape.heads, decoder_attention_heads=shape.heads,
        encoder_ffn_dim=shape.ffn, decoder_ffn_dim=shape.ffn, max_position_embeddings=shape.max_positions,
        activation_function=shape.activation, scale_embedding=True, share_encoder_decoder_embeddings=not shape.separate_vocabs,
        pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad, forced_eos_token_id=0,
        init_std=shape.d_model ** -0.5, architectures=["MarianMTModel"])  # varied outputs, not one token
    torch.manual_seed(shape.seed)
    model = MarianMTModel(config).eval()
    with torch.no_grad():
        for p in model.parameters():  # trained biases and norms are not zeros and ones: every one is checked
            if p.dim() == 1:
                p.add_(0.1 * torch.randn_like(p))
        model.final_logits_bias.normal_(0.0, 0.5)
        model.final_logits_bias[0, 0] += shape.eos_bias
        # OPUS-MT's pad row is zeros (transformers' conversion adds it so): decoding starts from a zero
        # embedding, which is what CTranslate2's converter assumes (start_from_zero_embedding).
        model.model.encoder.embed_tokens.weight[pad].zero_()
        model.model.decoder.embed_tokens.weight[pad].zero_()
        model.final_logits_bias[0, pad] = 0.0
    # OPUS-MT's generation settings: the pad token (decoding's start) is never generated.
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]], bos_token_id=0, decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0,
        max_length=shape.max_positions, num_beams=4, pad_token_id=pad)
    model.save_pretrained(folder)
    separate = {"target_vocab_file": str(folder / "target_vocab.json"), "separate_vocabs": True}
    MarianTokenizer(str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json"),
                    **(separate if shape.separate_vocabs else {})).save_pretrained(folder)
    return folder
