"""How well glossaries (service/text/glossary.py) are followed, and what they do to quality.

    python -m bench.glossary                    # the bundled ko-en, bench/data's 112 sentences and 14 terms
    python -m bench.glossary --model ko-en-int8 --show

On sentences written for it (bench/data/glossary_sentences.tsv: each has a glossary term in one of its
particle or copula forms, and a reference that uses the glossary's targets), decodes as served (the
server's default options) with and without the glossary, and prints: the term occurrences found, how
many came out as asked (the term's placeholder in the output exactly once per occurrence, and its target
in the text), how many outputs without the glossary happen to use the target word anyway, and BLEU and
chrF against the references, each way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import sacrebleu

from export.corpus import read_tsv
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from service.text.glossary import read_glossary
from service.text.placeholders import SYMBOLS

STORE = Path(__file__).resolve().parent.parent / "model_store"
DATA = Path(__file__).resolve().parent / "data"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.glossary", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", default=str(STORE), help="model store (default: the repository's)")
    p.add_argument("--model", default="ko-en", help="model name (default: %(default)s)")
    p.add_argument("--sentences", type=Path, default=DATA / "glossary_sentences.tsv", help="(default: %(default)s)")
    p.add_argument("--glossary", type=Path, default=DATA / "glossary_terms.tsv", help="(default: %(default)s)")
    p.add_argument("--show", action="store_true", help="print every sentence whose terms did not all come out")
    args = p.parse_args(argv)

    engine = Engine.from_store(args.store, args.model, config=EngineConfig())
    glossary = read_glossary(args.glossary)
    pairs = read_tsv(args.sentences, comments=True)
    sources, references = [s for s, _ in pairs], [[t for _, t in pairs]]
    options = DecodingOptions(no_repeat_ngram_size=EngineConfig().no_repeat_ngram_size)  # as served
    outputs = {}
    found = occurrences = rendered = natural = 0
    for use in (False, True):
        ids, fills = engine.text.prepare(sources, glossary if use else None)
        hyps = engine.translate_ids(ids, options)
        outputs[use] = [engine.detokenizer(f).decode(h[0].tokens) for h, f in zip(hyps, fills)]
        for text, f, h, out in zip(sources, fills, hyps, outputs[use]):
            terms = [term for *_, term in glossary.find_terms(text)]
            if not use:
                natural += sum(out.lower().count(t.target.lower()) >= 1 for t in dict.fromkeys(terms))
                continue
            raw = engine.target_tokenizer.decode(h[0].tokens)
            found += bool(terms)
            ok = True
            for term in dict.fromkeys(terms):
                n = terms.count(term)
                occurrences += n
                good = term.target in f and raw.count(SYMBOLS[f.index(term.target)]) == n \
                    and term.target.lower() in out.lower()
                rendered += n if good else 0
                ok &= good
            if args.show and not ok:
                print(f"  not all terms: {text} → {out}", file=sys.stderr)
    bleu = {use: sacrebleu.corpus_bleu(outputs[use], references).score for use in outputs}
    chrf = {use: sacrebleu.corpus_chrf(outputs[use], references).score for use in outputs}
    print(f"## {args.model}/{engine.version}: glossary of {len(glossary)} terms on {len(pairs)} sentences "
          f"({found} with a term)\n")
    print("| decoding (as served) | term occurrences rendered as asked | BLEU | chrF |")
    print("| --- | --- | --- | --- |")
    print(f"| without the glossary | {natural} of {occurrences} use the target word anyway | {bleu[False]:.2f} | "
          f"{chrf[False]:.2f} |")
    print(f"| with the glossary | {rendered} of {occurrences} ({100 * rendered / max(occurrences, 1):.1f} %) | "
          f"{bleu[True]:.2f} | {chrf[True]:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
