"""Whether markup comes back, and around the right words (service/text/markup.py).

    python -m bench.markup                  # the bundled ko-en, bench/data/markup_snippets.tsv (104 snippets)
    python -m bench.markup --show           # and every snippet that misses

Translates each snippet (HTML or Markdown written for it) as served and counts, per format: snippets whose
tags all come back exactly once, well-formed; snippets whose tags come back in the source's order; and the
inline elements whose translated content holds the English word the snippet's annotation expects. Markdown
is compared through its HTML (markdown-it-py renders both sides).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from service.text.markup import HTML, MARKDOWN, VOID, parse

STORE = Path(__file__).resolve().parent.parent / "model_store"
DATA = Path(__file__).resolve().parent / "data" / "markup_snippets.tsv"
CHECKED = {"b", "i", "em", "strong", "a", "span", "u", "mark", "s", "del"}


class Elements(HTMLParser):
    """Start tags in order, whether every end tag closes the innermost open element, and the text inside
    each checked inline element."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.starts: list[str] = []
        self.stack: list[tuple[str, int | None]] = []
        self.contents: list[tuple[str, list[str]]] = []  # (start tag, text pieces) of each checked element
        self.well_formed = True
        self.feed(source)
        self.close()
        self.well_formed &= not self.stack

    def handle_starttag(self, tag, attrs):
        start = self.get_starttag_text() or tag
        self.starts.append(start)
        if tag in VOID:
            return
        index = None
        if tag in CHECKED:
            self.contents.append((start, []))
            index = len(self.contents) - 1
        self.stack.append((tag, index))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.well_formed = False
            return
        self.stack.pop()

    def handle_data(self, data):
        for _, index in self.stack:
            if index is not None:
                self.contents[index][1].append(data)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.markup", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", default=str(STORE), help="model store (default: the repository's)")
    p.add_argument("--model", default="ko-en", help="model name (default: %(default)s)")
    p.add_argument("--snippets", type=Path, default=DATA, help="(default: %(default)s)")
    p.add_argument("--show", action="store_true", help="print every snippet whose tags or words miss")
    args = p.parse_args(argv)

    engine = Engine.from_store(args.store, args.model, config=EngineConfig())
    options = DecodingOptions(no_repeat_ngram_size=EngineConfig().no_repeat_ngram_size)  # as served
    markdown = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    rows = []
    for line in args.snippets.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            fmt, snippet, expected = line.split("\t")
            rows.append((fmt, snippet.replace("\\n", "\n"), [alt.split("/") for alt in expected.split("|")]))
    started = time.perf_counter()
    outputs = {fmt: iter(engine.translate_markup([s for f, s, _ in rows if f == fmt], fmt, options))
               for fmt in (HTML, MARKDOWN)}
    with_markup = time.perf_counter() - started
    started = time.perf_counter()  # the same words without their markup, as plain text (for the cost)
    engine.translate([" ".join(u.text for u in parse(s, f).units) for f, s, _ in rows], options)
    plain = time.perf_counter() - started
    stats = {fmt: Counter() for fmt in (HTML, MARKDOWN)}
    for fmt, snippet, expected in rows:
        output = next(outputs[fmt])
        as_html = (lambda s: s) if fmt == HTML else markdown.render
        source, result = Elements(as_html(snippet)), Elements(as_html(output))
        back = result.well_formed and Counter(result.starts) == Counter(source.starts)
        ordered = back and result.starts == source.starts
        # the k-th checked element of the source is the output's element with the same tag and occurrence
        right = 0
        for k, (start, _) in enumerate(source.contents[: len(expected)]):
            nth = sum(1 for s, _ in source.contents[:k] if s == start)
            same = [text for s, text in result.contents if s == start]
            inside = " ".join(same[nth]).lower() if nth < len(same) else ""
            right += expected[k] == ["-"] or any(word in inside for word in expected[k])
        checked = sum(1 for e in expected[: len(source.contents)])
        s = stats[fmt]
        s.update(snippets=1, back=back, ordered=ordered, elements=checked, right=right)
        if args.show and (not back or right < checked):
            print(f"  {fmt}: {snippet!r}\n     → {output!r}", file=sys.stderr)
    print(f"## {args.model}/{engine.version}: markup on {len(rows)} snippets written for it, as served\n")
    print("| format | snippets | all tags back, well-formed | in the source's order | elements around the right "
          "words |")
    print("| --- | --- | --- | --- | --- |")
    for fmt, s in stats.items():
        print(f"| {fmt} | {s['snippets']} | {s['back']} ({100 * s['back'] / s['snippets']:.0f} %) | {s['ordered']} | "
              f"{s['right']} of {s['elements']} ({100 * s['right'] / max(s['elements'], 1):.0f} %) |")
    print(f"\nEngine time for all the snippets: {with_markup:.2f} s with their markup, {plain:.2f} s for the same "
          f"words as plain text ({with_markup / plain:.1f}×: each inline element's words are also decoded alone, and "
          "where that does not place it, its sentence again with them as a placeholder).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
