"""Train the Transformer offline.

    mt-train                                   # the default Korean→English model, bundled corpus
    mt-train --train corpus.tsv --out runs/mine  # a user's corpus (TSV, or two aligned files)
    mt-train --out runs/ko-en --resume         # go on from runs/ko-en/last.pt
    mt-train --average-last 5                  # best.pt may be the mean of the last 5 validations' weights

Writes to --out: last.pt (resumable), best.pt (best dev BLEU), history.json, curves.png,
results.json (held-out scores of best.pt) and the two SentencePiece models; with --average-last,
snapshots/ (the weights of the last N validations).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import random
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import sentencepiece as spm
import torch
import torch.nn.functional as F
from tqdm import tqdm

from export.batching import Example, collate, make_example, token_budget_batches
from export.checkpoint import average_weights, read_checkpoint, save_checkpoint
from export.config import ModelConfig, TrainConfig
from export.corpus import (DEFAULT_GRAMMAR_VERSION, EVERYDAY_REVISION, EVERYDAY_REVISION_UNRECORDED,
                           FIRST_GRAMMAR_SHARE, FIRST_GRAMMAR_SHARE_UNRECORDED, GRAMMAR_VERSIONS, CorpusError,
                           ParallelCorpus, bundled_corpus_from_summary, everyday_dev, everyday_heldout, user_corpus)
from export.evaluate import score, translate
from export.grammar.everyday_corpus import EVERYDAY_REVISIONS
from export.model import Transformer, count_parameters, make_model
from export.plots import plot_training_curves
from export.name_variants import with_full_names
from export.noun_variants import with_english_nouns
from export.tokenizer import load_sentencepiece, train_sentencepiece
from service.text.placeholders import NO_MASKING, Masking, masking_of, protect_pair

log = logging.getLogger("mt-train")


def learning_rate(step: int, d_model: int, warmup: int, factor: float) -> float:
    """The paper's schedule: linear warm-up, then decay with the inverse square root of the step."""
    step = max(step, 1)
    return factor * d_model ** -0.5 * min(step ** -0.5, step * warmup ** -1.5)


@dataclass
class Progress:
    """Where a run stands; saved in last.pt so that --resume continues exactly."""

    step: int = 0
    epoch: int = 0
    batch_in_epoch: int = 0  # batches of `epoch` already trained on
    best_bleu: float = -1.0
    best_dev_loss: float = math.inf
    evals_since_best: int = 0
    elapsed: float = 0.0  # seconds of training, summed over resumed runs
    history: dict = field(default_factory=lambda: {"train": [], "eval": []})


@dataclass
class Data:
    corpus: ParallelCorpus
    source_spm: bytes  # serialized, for checkpoints
    target_spm: bytes
    source_sp: spm.SentencePieceProcessor  # loaded once, for validation
    target_sp: spm.SentencePieceProcessor
    train: list[Example]
    dev: list[Example]


@dataclass
class TimeBudget:
    """The command's time limit. Training stops while there is still time for what the command does after
    it: a last validation and the final scoring, estimated from the last validation's duration (decoding
    dominates both, so they scale with their sentence counts). A slower machine stops earlier, not later."""
    limit_seconds: float                 # 0: no limit
    spent_seconds: float = 0.0           # what this command spent before training (data preparation)
    final_per_validation: float = 0.0    # the final scoring's sentences over one validation's
    validation_seconds: float = 0.0      # the last validation's duration (0 until the first)
    extra_validations: int = 0           # after the last one (the averaged checkpoint's)

    def reserve(self) -> float:
        return self.validation_seconds * (1.0 + self.extra_validations + self.final_per_validation)

    def out_of_time(self, training_seconds: float) -> bool:
        return self.limit_seconds > 0 and \
            self.spent_seconds + training_seconds + self.reserve() > self.limit_seconds


def prepare_data(corpus: ParallelCorpus, source_spm: bytes | None, target_spm: bytes | None,
                 src_vocab: int, tgt_vocab: int, seed: int, placeholders: bool = True,
                 noun_share: float = 0.0) -> Data:
    """Tokenizers (trained here unless given) and the encoded train and dev pairs. With `placeholders`
    (a new run's choice; a resumed run follows its tokenizers), numbers, Latin-script words and Korean
    names that a pair copies (a name: romanizes) become placeholders on both sides
    (service/text/placeholders.py), as they will at serving; a corpus with nothing to mask trains without
    them, and one without names without the names' mark. `noun_share`: that share of the pairs with a lexicon
    noun get it as an English placeholder too (export/noun_variants.py)."""
    def masked(pairs: list, masking: Masking) -> list:
        return [protect_pair(s, t, masking) for s, t in pairs]

    train_pairs, dev_pairs = corpus.splits["train"], corpus.splits["dev"]
    resumed = source_spm is not None and target_spm is not None
    if not resumed:
        masking = NO_MASKING
        if placeholders:  # only where the corpus has something to mask: the symbols cost 11 pieces
            variants = with_english_nouns(with_full_names(train_pairs, seed), seed, noun_share)  # export/*_variants.py
            protected, copies = masked(variants, Masking()), masked(variants, Masking(names=False))
            masking = Masking(copies=protected != variants, names=protected != copies)
            if masking and not masking.names:  # no names to mask: the corpus as it was
                protected = masked(train_pairs, masking)
            train_pairs = protected if masking else train_pairs
        log.info("training SentencePiece models on %d pairs", len(train_pairs))
        # The everyday grammar (version 2) cannot list every syllable people type: bytes, not <unk>.
        byte_fallback = corpus.description.get("grammar", {}).get("version", 1) >= 2
        source_spm = train_sentencepiece((s for s, _ in train_pairs), src_vocab, seed, byte_fallback=byte_fallback,
                                         placeholders=bool(masking), names=masking.names)
        target_spm = train_sentencepiece((t for _, t in train_pairs), tgt_vocab, seed, placeholders=bool(masking))
    src_sp, tgt_sp = load_sentencepiece(source_spm), load_sentencepiece(target_spm)
    masking = masking_of(src_sp)
    if masking:
        if resumed:  # masked as the run began (a new run masked its training pairs above)
            variants = with_full_names(train_pairs, seed) if masking.names else train_pairs
            train_pairs = masked(with_english_nouns(variants, seed, noun_share), masking)
        dev_pairs = masked(dev_pairs, masking)

    def encode(pairs):
        srcs = src_sp.encode([s for s, _ in pairs])
        tgts = tgt_sp.encode([t for _, t in pairs])
        return [make_example(s, t) for s, t in zip(srcs, tgts)]

    return Data(corpus, source_spm, target_spm, src_sp, tgt_sp, encode(train_pairs), encode(dev_pairs))


def batch_loss(model: Transformer, src: torch.Tensor, tgt: torch.Tensor, smoothing: float) -> tuple[torch.Tensor, int]:
    """Mean cross-entropy per real target token (teacher forcing) and the number of such tokens."""
    logits = model(src, tgt[:, :-1]).float()  # predict tgt[1:] from tgt[:-1]; loss in fp32 under autocast
    gold = tgt[:, 1:]
    loss = F.cross_entropy(logits.reshape(-1, logits.size(-1)), gold.reshape(-1),
                           ignore_index=model.config.pad_id, label_smoothing=smoothing)
    return loss, int((gold != model.config.pad_id).sum())


@torch.no_grad()
def dev_loss(model: Transformer, examples: list[Example], max_tokens: int) -> float:
    model.eval()
    total, tokens = 0.0, 0
    for batch in token_budget_batches(examples, max_tokens, rng=None):
        src, tgt = collate([examples[i] for i in batch])
        loss, n = batch_loss(model, src, tgt, smoothing=0.0)
        total, tokens = total + float(loss) * n, tokens + n
    model.train()
    return total / max(tokens, 1)


def selection_pairs(data: Data, cfg: TrainConfig) -> dict[str, list]:
    """What validation decodes: the first `eval_sentences` dev pairs and, for the everyday corpus
    (bundled grammar version 2 on), the hand-written everyday development set, so that the kept
    checkpoint is the one that translates everyday sentences best, not only the grammar's."""
    pairs = {"dev": data.corpus.splits["dev"][: cfg.eval_sentences]}
    if data.corpus.description.get("grammar", {}).get("version", 1) >= 2:
        pairs["everyday_dev"] = everyday_dev()
    return pairs


def validate(model: Transformer, data: Data, cfg: TrainConfig) -> tuple[float, float, dict[str, float]]:
    """Dev loss (plain NLL), greedy BLEU over every selection pair (the checkpoint's score) and BLEU
    of each part."""
    loss = dev_loss(model, data.dev, cfg.max_tokens)
    parts = selection_pairs(data, cfg)
    pairs = [pair for part in parts.values() for pair in part]
    hyps = translate(model, data.source_sp, data.target_sp, [s for s, _ in pairs])
    model.train()
    by_part, start = {}, 0
    for name, part in parts.items():
        by_part[name] = score(hyps[start: start + len(part)], [t for _, t in part])["bleu"]
        start += len(part)
    return loss, score(hyps, [t for _, t in pairs])["bleu"], by_part


def train(model_cfg: ModelConfig, cfg: TrainConfig, data: Data, out: Path, resume: bool = False,
          spent_seconds: float = 0.0) -> Progress:
    """The training loop. Every `eval_every` steps: validate, save last.pt, keep best.pt, plot.
    `spent_seconds`: what the command spent before training, which its time limit counts too."""
    torch.manual_seed(cfg.seed)
    model = make_model(model_cfg)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.0, betas=cfg.adam_betas, eps=cfg.adam_eps)
    progress = Progress()
    if resume:
        state = read_checkpoint(out / "last.pt")
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        progress = Progress(**state["progress"])
        torch.set_rng_state(state["torch_rng"])
        log.info("resumed from %s at step %d", out / "last.pt", progress.step)
    model.train()
    log.info("model: %s parameters, %s", f"{count_parameters(model):,}", model_cfg)
    log.info("training: %s", cfg)

    def checkpoint(name: str, with_optimizer: bool) -> None:
        extra = {"optimizer": optimizer.state_dict(), "torch_rng": torch.get_rng_state()} if with_optimizer else {}
        save_checkpoint(out / name, model, data.source_spm, data.target_spm, train_config=cfg.to_dict(),
                        progress=progress.__dict__, data=data.corpus.summary(), **extra)

    # In a log file (no terminal) a bar redrawn many times a second is noise: redraw every 30 s.
    bar = tqdm(total=cfg.max_steps, initial=progress.step, desc="training", unit="step", dynamic_ncols=True,
               mininterval=0.5 if sys.stderr.isatty() else 30.0)
    selection = sum(len(pairs) for pairs in selection_pairs(data, cfg).values())
    budget = TimeBudget(cfg.time_limit_minutes * 60, spent_seconds,
                        sum(len(pairs) for pairs in final_sets(data).values()) / max(selection, 1),
                        extra_validations=1 if cfg.average_last else 0)
    started = time.monotonic() - progress.elapsed
    resumed_at = progress.elapsed  # the time limit is this command's: a resumed run's earlier minutes do not count
    window_loss, window_tokens, window_start = 0.0, 0, time.monotonic()
    stop = False
    while not stop and progress.step < cfg.max_steps:
        batches = token_budget_batches(data.train, cfg.max_tokens, random.Random(f"{cfg.seed}/{progress.epoch}"))
        for batch in batches[progress.batch_in_epoch:]:
            progress.step += 1
            progress.batch_in_epoch += 1
            lr = learning_rate(progress.step, model_cfg.d_model, cfg.warmup_steps, cfg.lr_factor)
            for group in optimizer.param_groups:
                group["lr"] = lr
            src, tgt = collate([data.train[i] for i in batch])
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=cfg.precision == "bf16"):
                loss, n_tokens = batch_loss(model, src, tgt, cfg.label_smoothing)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.clip_norm)
            optimizer.step()

            window_loss, window_tokens = window_loss + loss.item() * n_tokens, window_tokens + n_tokens
            bar.update(1)
            if progress.step % 50 == 0:
                rate = window_tokens / max(time.monotonic() - window_start, 1e-9)
                progress.history["train"].append({"step": progress.step, "loss": window_loss / window_tokens,
                                                  "lr": lr, "target_tokens_per_s": rate})
                bar.set_postfix(loss=f"{window_loss / window_tokens:.3f}", lr=f"{lr:.2e}", tgt_tok_s=f"{rate:.0f}")
                window_loss, window_tokens, window_start = 0.0, 0, time.monotonic()

            progress.elapsed = time.monotonic() - started
            out_of_time = budget.out_of_time(progress.elapsed - resumed_at)
            last_step = progress.step >= cfg.max_steps
            if progress.step % cfg.eval_every == 0 or last_step or out_of_time:
                validation_started = time.monotonic()
                stop = _evaluate_and_save(model, data, cfg, progress, checkpoint, out) or last_step or out_of_time
                budget.validation_seconds = time.monotonic() - validation_started
                if out_of_time:
                    log.warning("time limit of %.1f minutes reached at step %d (%.1f min of training, %.1f kept "
                                "for the last validation and the final scores)", cfg.time_limit_minutes,
                                progress.step, (progress.elapsed - resumed_at) / 60, budget.reserve() / 60)
            if stop:
                break
        else:
            progress.epoch += 1
            progress.batch_in_epoch = 0
    bar.close()
    if cfg.average_last:
        _validate_average(model, data, cfg, progress, checkpoint, out)
    return progress


def _snapshot(model, cfg: TrainConfig, progress: Progress, out: Path) -> None:
    """This validation's weights in OUT/snapshots/, keeping the newest `average_last`."""
    folder = out / "snapshots"
    folder.mkdir(exist_ok=True)
    path = folder / f"step-{progress.step:07d}.pt"
    tmp = path.with_suffix(".tmp")
    torch.save(model.state_dict(), tmp)
    tmp.replace(path)
    for old in sorted(folder.glob("step-*.pt"))[: -cfg.average_last]:
        old.unlink()


def _validate_average(model, data: Data, cfg: TrainConfig, progress: Progress, checkpoint, out: Path) -> None:
    """Validate the mean of the last `average_last` validations' weights; it becomes best.pt when it scores
    higher than every checkpoint validated alone. last.pt keeps the last weights, for --resume."""
    paths = sorted((out / "snapshots").glob("step-*.pt"))
    if len(paths) < 2:
        log.info("checkpoint averaging: %d snapshot(s) of the last validations, nothing to average", len(paths))
        return
    last = {name: t.clone() for name, t in model.state_dict().items()}
    model.load_state_dict(average_weights(paths))
    loss, bleu, parts = validate(model, data, cfg)
    steps = [int(p.stem.split("-")[1]) for p in paths]
    better = bleu > progress.best_bleu
    progress.history["averaged"] = {"steps": steps, "dev_loss": loss, "dev_bleu": bleu, "parts_bleu": parts,
                                    "kept": better}
    tqdm.write(f"average of steps {', '.join(map(str, steps))}: dev loss {loss:.4f}, dev BLEU {bleu:.2f} "
               f"({'best: it is best.pt now' if better else f'the best single checkpoint scored {progress.best_bleu:.2f}'})")
    if better:
        progress.best_bleu, progress.best_dev_loss = bleu, loss
        checkpoint("best.pt", with_optimizer=False)
    model.load_state_dict(last)
    (out / "history.json").write_text(json.dumps(progress.history, indent=1))


def _evaluate_and_save(model, data: Data, cfg: TrainConfig, progress: Progress, checkpoint, out: Path) -> bool:
    """Validate, keep the best checkpoint, save the resumable one; True when patience ran out."""
    loss, bleu, parts = validate(model, data, cfg)
    improved = bleu > progress.best_bleu or (bleu == progress.best_bleu and loss < progress.best_dev_loss)
    record = {"step": progress.step, "dev_loss": loss, "dev_bleu": bleu, "elapsed": round(progress.elapsed, 1)}
    if len(parts) > 1:
        record["parts_bleu"] = parts  # e.g. {"dev": grammar dev split, "everyday_dev": hand-written set}
    progress.history["eval"].append(record)
    detail = f" ({', '.join(f'{name} {value:.2f}' for name, value in parts.items())})" if len(parts) > 1 else ""
    tqdm.write(f"step {progress.step}: dev loss {loss:.4f}, dev BLEU {bleu:.2f}{detail}{' (best)' if improved else ''}, "
               f"{progress.elapsed / 60:.1f} min")
    if improved:
        progress.best_bleu, progress.best_dev_loss, progress.evals_since_best = bleu, loss, 0
        checkpoint("best.pt", with_optimizer=False)
    else:
        progress.evals_since_best += 1
    checkpoint("last.pt", with_optimizer=True)
    if cfg.average_last:
        _snapshot(model, cfg, progress, out)
    (out / "history.json").write_text(json.dumps(progress.history, indent=1))
    plot_training_curves(progress.history, out / "curves.png", title=f"training: {out.name}")
    return cfg.patience > 0 and progress.evals_since_best >= cfg.patience


def final_sets(data: Data) -> dict[str, list]:
    """What the final scoring decodes: the held-out test split (when the corpus has one) and, for the
    bundled Korean→English corpus, the hand-written everyday set."""
    test = data.corpus.splits.get("test")
    if not test:
        return {}
    scored = {"test": test}
    if "grammar" in data.corpus.description:
        scored["everyday"] = everyday_heldout()
    return scored


def final_scores(out: Path, data: Data) -> dict:
    """Greedy BLEU and chrF of best.pt on the held-out test split (when the corpus has one)."""
    from export.checkpoint import load_model

    scored = final_sets(data)
    if not scored:
        return {}
    loaded = load_model(out / "best.pt")
    out_scores = {}
    for name, pairs in scored.items():
        hyps = translate(loaded.model, loaded.source_spm, loaded.target_spm, [s for s, _ in pairs], progress=True)
        out_scores[name] = {**score(hyps, [t for _, t in pairs]), "sentences": len(pairs), "beam": 1}
    return out_scores


def build_parser() -> argparse.ArgumentParser:
    d_model = ModelConfig(src_vocab_size=1, tgt_vocab_size=1)  # only for the defaults shown in --help
    d_train = TrainConfig()
    p = argparse.ArgumentParser(prog="mt-train", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    g = p.add_argument_group("data")
    g.add_argument("--out", type=Path, default=Path("runs/ko-en"), help="run directory (default: %(default)s)")
    g.add_argument("--train", nargs="+", metavar="PATH",
                   help="training pairs: one TSV file (source<TAB>target) or two aligned files "
                        "(default: the bundled Korean→English grammar corpus)")
    g.add_argument("--dev", nargs="+", metavar="PATH", help="dev pairs, same forms (default: 1%% of --train)")
    g.add_argument("--test", nargs="+", metavar="PATH", help="held-out pairs scored at the end (optional)")
    g.add_argument("--corpus-seed", type=int, default=13, help="bundled corpus seed (default: %(default)s)")
    g.add_argument("--corpus-size", type=int, default=200_000,
                   help="bundled corpus training pairs (default: %(default)s)")
    g.add_argument("--grammar-version", type=int, choices=GRAMMAR_VERSIONS, default=DEFAULT_GRAMMAR_VERSION,
                   help="bundled corpus grammar: 1 the first grammar alone (model_store/ko-en/1), 2 with the "
                        "everyday grammar (default: %(default)s)")
    g.add_argument("--everyday-revision", type=int, choices=EVERYDAY_REVISIONS, default=EVERYDAY_REVISION,
                   help="revision of the everyday grammar (grammar version 2; default: %(default)s, the bundled "
                        "model's; 4 and 5 add constructions but scored lower on the development set)")
    g.add_argument("--first-grammar-share", type=float, default=FIRST_GRAMMAR_SHARE,
                   help="grammar version 2: the share of training pairs from the first grammar, the rest being "
                        "the everyday grammar's (default: %(default)s)")
    # 4000: the everyday corpus (grammar version 2) has ≈ 950 distinct Korean characters, and SentencePiece
    # needs one piece per character before any longer piece (1000 would leave ≈ 60; 15 pieces a sentence, not 9.5).
    g.add_argument("--src-vocab", type=int, default=4000, help="source SentencePiece size (default: %(default)s)")
    g.add_argument("--tgt-vocab", type=int, default=1000, help="target SentencePiece size (default: %(default)s)")
    g.add_argument("--resume", action="store_true", help="continue from OUT/last.pt")
    g.add_argument("--noun-placeholders", type=float, default=TrainConfig.noun_placeholders, metavar="SHARE",
                   help="share of the training pairs with a lexicon noun that get it written in English, so that it "
                        "trains as a placeholder: what glossary terms become at serving (export/noun_variants.py; "
                        "default: %(default)s, off)")
    g.add_argument("--no-placeholders", action="store_true",
                   help="train on numbers, Latin-script words and names as text, not as placeholders that the "
                        "translation copies or romanizes (service/text/placeholders.py; the recipe of model_store/ko-en/1)")

    g = p.add_argument_group("model")
    g.add_argument("--d-model", type=int, default=d_model.d_model, help="model width (default: %(default)s)")
    g.add_argument("--heads", type=int, default=d_model.n_heads, help="attention heads (default: %(default)s)")
    g.add_argument("--encoder-layers", type=int, default=d_model.n_encoder_layers, help="(default: %(default)s)")
    g.add_argument("--decoder-layers", type=int, default=d_model.n_decoder_layers, help="(default: %(default)s)")
    g.add_argument("--ff", type=int, default=d_model.d_ff, help="feed-forward width (default: %(default)s)")
    g.add_argument("--dropout", type=float, default=d_model.dropout, help="(default: %(default)s)")
    g.add_argument("--max-positions", type=int, default=d_model.max_positions,
                   help="longest sequence the model accepts (default: %(default)s)")
    g.add_argument("--positional", choices=["sinusoidal", "learned"], default=d_model.positional,
                   help="position encoding (default: %(default)s)")
    # pre-LN learned faster at every step on the bundled corpus (docs/training.md, issue 26) and made ko-en/5;
    # ModelConfig keeps post as its default, which is what checkpoints and manifests without a norm were.
    g.add_argument("--norm", choices=["post", "pre"], default="pre",
                   help="LayerNorm after the residual (post, the paper and ko-en/1-4) or before the sub-layer "
                        "(default: %(default)s)")
    g.add_argument("--no-tie", action="store_true", help="do not tie the output projection to the target embedding")

    g = p.add_argument_group("optimisation")
    g.add_argument("--seed", type=int, default=d_train.seed, help="seed for weights, batches and dropout (default: %(default)s)")
    g.add_argument("--max-steps", type=int, default=d_train.max_steps, help="(default: %(default)s)")
    g.add_argument("--max-tokens", type=int, default=d_train.max_tokens,
                   help="tokens per batch, padding included (default: %(default)s)")
    g.add_argument("--warmup", type=int, default=d_train.warmup_steps, help="warm-up steps (default: %(default)s)")
    g.add_argument("--lr-factor", type=float, default=d_train.lr_factor,
                   help="multiplies d_model^-0.5·min(step^-0.5, step·warmup^-1.5) (default: %(default)s)")
    g.add_argument("--label-smoothing", type=float, default=d_train.label_smoothing, help="(default: %(default)s)")
    g.add_argument("--clip-norm", type=float, default=d_train.clip_norm, help="gradient norm clip (default: %(default)s)")
    g.add_argument("--eval-every", type=int, default=d_train.eval_every, help="steps between validations (default: %(default)s)")
    g.add_argument("--eval-sentences", type=int, default=d_train.eval_sentences,
                   help="dev sentences decoded for BLEU (default: %(default)s)")
    g.add_argument("--patience", type=int, default=d_train.patience,
                   help="stop after N validations without a better BLEU; 0 never (default: %(default)s)")
    g.add_argument("--average-last", type=int, default=d_train.average_last, metavar="N",
                   help="keep the weights of the last N validations (OUT/snapshots/) and, at the end, validate "
                        "their average: it becomes best.pt when it scores higher than every single checkpoint; "
                        "0 for off (default: %(default)s)")
    g.add_argument("--time-limit", type=float, default=d_train.time_limit_minutes,
                   help="the command ends within this many minutes: training stops early enough for the data "
                        "preparation before it and the last validation and final scores after it; 0 for no "
                        "limit (default: %(default)s)")
    g.add_argument("--threads", type=int, default=d_train.threads, help="torch threads; 0 for torch's choice")
    g.add_argument("--precision", choices=["auto", "fp32", "bf16"], default="auto",
                   help="bf16 autocasts the matrix products (fp32 weights and loss); auto picks bf16 where the "
                        "CPU has native bf16 (AVX-512 BF16, AMX), fp32 elsewhere (default: %(default)s)")
    return p


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX-512 BF16 or AMX); elsewhere bf16 autocast
    is emulated and slower than fp32."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def configs_from_args(args: argparse.Namespace) -> TrainConfig:
    return TrainConfig(seed=args.seed, max_steps=args.max_steps, max_tokens=args.max_tokens,
                       warmup_steps=args.warmup, lr_factor=args.lr_factor, label_smoothing=args.label_smoothing,
                       clip_norm=args.clip_norm, eval_every=args.eval_every, eval_sentences=args.eval_sentences,
                       patience=args.patience, time_limit_minutes=args.time_limit, threads=args.threads,
                       noun_placeholders=args.noun_placeholders, average_last=args.average_last,
                       precision=args.precision if args.precision != "auto" else
                       ("bf16" if native_bf16() else "fp32"))


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    log.setLevel(logging.INFO)
    args = build_parser().parse_args(argv)
    try:
        cfg = configs_from_args(args)
        if cfg.threads:
            torch.set_num_threads(cfg.threads)
        out: Path = args.out
        out.mkdir(parents=True, exist_ok=True)
        source_spm = target_spm = None
        if args.resume:
            state = read_checkpoint(out / "last.pt")
            model_cfg = ModelConfig.from_dict(state["model_config"])
            cfg = replace(cfg, **{k: (tuple(v) if isinstance(v, list) else v)
                                  for k, v in state["train_config"].items()
                                  if k not in ("max_steps", "time_limit_minutes", "patience", "threads",
                                               "average_last")})
            source_spm, target_spm = state["source_spm"], state["target_spm"]
        elif (out / "last.pt").exists():
            print(f"error: {out}/last.pt exists: pass --resume to continue it, or choose another --out",
                  file=sys.stderr)
            return 2
        start = time.monotonic()
        if args.train:
            corpus = user_corpus(args.train, args.dev, args.test, seed=args.seed)
        else:
            # a resumed run rebuilds the corpus its summary recorded; a new one takes the newest revision
            grammar = state["data"]["grammar"] if args.resume else {
                "seed": args.corpus_seed, "train_size": args.corpus_size, "dev_size": 1000, "test_size": 2000,
                "version": args.grammar_version, "everyday_revision": args.everyday_revision,
                "first_grammar_share": args.first_grammar_share}
            log.info("generating the bundled corpus (seed %d, %d training pairs, grammar version %d%s)",
                     grammar["seed"], grammar["train_size"], grammar.get("version", 1),
                     f", everyday revision {grammar.get('everyday_revision', EVERYDAY_REVISION_UNRECORDED)}, "
                     f"first grammar's share {grammar.get('first_grammar_share', FIRST_GRAMMAR_SHARE_UNRECORDED)}"
                     if grammar.get("version") == 2 else "")
            corpus = bundled_corpus_from_summary(grammar)
        data = prepare_data(corpus, source_spm, target_spm, args.src_vocab, args.tgt_vocab, cfg.seed,
                            placeholders=not args.no_placeholders, noun_share=cfg.noun_placeholders)
        if not args.resume:
            model_cfg = ModelConfig(
                src_vocab_size=data.source_sp.get_piece_size(),
                tgt_vocab_size=data.target_sp.get_piece_size(),
                d_model=args.d_model, n_heads=args.heads, n_encoder_layers=args.encoder_layers,
                n_decoder_layers=args.decoder_layers, d_ff=args.ff, dropout=args.dropout,
                max_positions=args.max_positions, positional=args.positional, norm=args.norm,
                tie_output=not args.no_tie)
        (out / "source.spm").write_bytes(data.source_spm)
        (out / "target.spm").write_bytes(data.target_spm)
        log.info("data ready in %.1f s: %d train / %d dev pairs", time.monotonic() - start,
                 len(data.train), len(data.dev))
    except (CorpusError, ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    progress = train(model_cfg, cfg, data, out, resume=args.resume, spent_seconds=time.monotonic() - start)
    results = {"best_dev_bleu": progress.best_bleu, "steps": progress.step,
               "train_minutes": round(progress.elapsed / 60, 2), **final_scores(out, data),
               "wall_minutes": round((time.monotonic() - start) / 60, 2)}
    (out / "results.json").write_text(json.dumps(results, indent=1))
    log.info("done: %s", json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
