"""Rebuild the load test's sentences (loadtest/heldout.ko.txt) from the bundled corpus's held-out split.

    python -m loadtest.make_sentences            # rewrite the file from the default model's training data
    python -m loadtest.make_sentences --check    # exit 1 if the shipped file differs from what it would write

The load test runs where neither torch nor export/ is installed, so it reads a shipped file; this command
is how that file is made. The split comes from the model's own manifest, so the sentences are held out
from exactly the data the served model was trained on.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from loadtest.mix import SENTENCES_FILE

HEADER = "# {count} Korean sentences, 1 in {every} of the held-out test split of {source} (model {model}/{version})"


@dataclass(frozen=True)
class SentencesConfig:
    store: Path = Path(__file__).resolve().parent.parent / "model_store"
    model: str = "ko-en"
    every: int = 5  # 2000 test pairs / 5 = 400 sentences: enough variety, small enough to ship
    out: Path = SENTENCES_FILE


def heldout_sentences_text(config: SentencesConfig) -> str:
    """The file's content: a provenance header, then one Korean sentence per line."""
    from export.corpus import bundled_corpus_from_summary  # torch-free, but only this command needs export/
    from model_store import MANIFEST, Manifest, ModelStore

    store = ModelStore(config.store)
    version = store.latest(config.model)
    manifest = Manifest.read(config.store / config.model / str(version) / MANIFEST)
    grammar = manifest.training_data.get("grammar")
    if not grammar:
        raise ValueError(f"{config.model}/{version} was not trained on the bundled corpus "
                         f"(its training_data has no 'grammar' entry): no held-out split to take sentences from")
    corpus = bundled_corpus_from_summary(grammar)
    sentences = [source for source, _ in corpus.splits["test"][::config.every]]
    header = HEADER.format(count=len(sentences), every=config.every, source=corpus.source, model=config.model,
                           version=version)
    return "\n".join([header, *sentences]) + "\n"


def main(argv: list[str] | None = None) -> int:
    d = SentencesConfig()
    p = argparse.ArgumentParser(prog="python -m loadtest.make_sentences", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=d.store, help="model store root (default: %(default)s)")
    p.add_argument("--model", default=d.model, help="model whose held-out split to use (default: %(default)s)")
    p.add_argument("--every", type=int, default=d.every, help="keep every Nth test sentence (default: %(default)s)")
    p.add_argument("--out", type=Path, default=d.out, help="file to write or check (default: %(default)s)")
    p.add_argument("--check", action="store_true", help="only compare with the file; exit 1 if it differs")
    args = p.parse_args(argv)
    config = SentencesConfig(store=args.store, model=args.model, every=args.every, out=args.out)
    text = heldout_sentences_text(config)
    if args.check:
        same = config.out.is_file() and config.out.read_text(encoding="utf-8") == text
        print(f"{config.out}: {'up to date' if same else 'differs from the held-out split; rebuild it'}")
        return 0 if same else 1
    config.out.write_text(text, encoding="utf-8")
    print(f"{config.out}: {text.count(chr(10)) - 1} sentences")
    return 0


if __name__ == "__main__":
    sys.exit(main())
