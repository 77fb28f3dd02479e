"""Texts with markup (HTML, Markdown): the words are translated, the markup comes back around them.

A text is parsed by a real parser (the standard library's html.parser; markdown-it-py for CommonMark with
tables and strikethrough) into fixed pieces (tags, block markers, code) and *units*, runs of inline
content to translate. A unit is translated as plain sentences: the words of its inline elements
(`<b>…</b>`, `*…*`, links) read in place, so the translation is as fluent as the same text without markup.
Code, images, autolinks and elements marked `translate="no"` inside a unit go through as placeholders
(service/text/placeholders.py) that the running batch holds to exactly one use each.

Each inline element then goes back around the words of the translation that render it (`place`), nested
elements inside their parent, siblings apart. The element's own words are translated alone too; where
their content words point at one run of the sentence's translation, that run is it. Otherwise a second
round translates the sentence with the element's words replaced by a placeholder: the model puts the
placeholder where the words went, and a word diff against the first translation shows which they were.
Failing both (the model gives no attention weights to align by), the element wraps the free word nearest
its relative place. So every element comes back exactly once and the output is well-formed;
`bench.markup` counts how often the wrapped words are the right ones.

What the model writes is escaped for the format before anything goes in, so a "<" in a translation cannot
open a tag. An HTML end tag that closes nothing is refused (`MarkupError`, naming where); elements left
open are closed where their parent closes. Blocks (paragraphs, list items, cells, headings, <br>) are
separate units; scripts, styles, <pre> and fenced code are kept as they are.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt

HTML, MARKDOWN = "html", "markdown"
MARKER = 0xE000  # copy k of a unit (code, image...) is the private-use character MARKER + k in its text
MAX_COPIES = 1023
ABLATED = chr(MARKER + MAX_COPIES)  # an inline element's words taken out of its unit (see `place`)
MAX_ELEMENTS = 256  # inline elements in one unit
MAX_DEPTH = 16  # inline elements nested in each other
MAX_TREE_DEPTH = 256  # elements of any kind nested in each other
MAX_PLACED = 32  # inline elements of one unit placed by a second translation each (more: by their words alone)


class MarkupError(ValueError):
    """Markup that cannot be handled; the message says where."""


def marker(k: int) -> str:
    return chr(MARKER + k)


def is_marker(ch: str) -> bool:
    return MARKER <= ord(ch) <= MARKER + MAX_COPIES


class Fragment(str):
    """A placeholder fill already in the output's format: it goes in unescaped."""


@dataclass
class Element:
    """An inline element of a unit: `open` and `close` around the words of text[start:end]."""

    open: str
    close: str
    start: int
    end: int
    depth: int  # 0: directly in the unit
    parent: int | None  # index of the enclosing element in Unit.elements


@dataclass
class Unit:
    """A run of inline content: its words (whitespace collapsed; copies as marker characters), its inline
    elements (outer before inner), the markup of its copies, and the whitespace around it (kept)."""

    text: str
    elements: list[Element]
    copies: list[str]
    lead: str = ""
    trail: str = ""

    @property
    def fills(self) -> dict[str, Fragment]:
        """For the placeholders of its sentences: each copy's marker stands for itself until `finish`."""
        return {marker(k): Fragment(marker(k)) for k in range(len(self.copies))}

    def finish(self, text: str) -> str:
        """The copies' markup in place of their markers; a copy whose marker the translation lacks (cut by the
        length limit) goes at its end, so that none is lost."""
        missing = [copy for k, copy in enumerate(self.copies) if marker(k) not in text]
        text = "".join(self.copies[ord(ch) - MARKER] if is_marker(ch) else ch for ch in text)
        return " ".join([text, *missing]) if missing else text

    @property
    def wordless(self) -> bool:
        return not any(ch.isalnum() and not is_marker(ch) for ch in self.text)


class _UnitBuilder:
    """Collects a unit's text with whitespace collapsed as it goes, so element offsets are final."""

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.elements: list[Element] = []
        self.copies: list[str] = []
        self.raw: list[str] = []  # the run as written, for a run with nothing to translate

    def text(self, value: str, raw: str) -> None:
        self.raw.append(raw)
        for ch in value:
            if is_marker(ch):
                raise MarkupError(f"the text holds U+{ord(ch):04X}, a private-use character that markup translation "
                                  f"uses for itself (U+{MARKER:04X} to U+{MARKER + MAX_COPIES:04X})")
            if ch.isspace():
                if self.chars and self.chars[-1] != " ":
                    self.chars.append(" ")
            else:
                self.chars.append(ch)

    def copy(self, markup: str) -> None:
        if len(self.copies) >= MAX_COPIES:
            raise MarkupError(f"more than {MAX_COPIES} pieces of code or images in one run of text")
        self.raw.append(markup)
        self.chars.append(marker(len(self.copies)))
        self.copies.append(markup)

    def open(self, open_: str, depth: int, parent: int | None) -> int:
        if depth > MAX_DEPTH or len(self.elements) >= MAX_ELEMENTS:
            raise MarkupError(f"more than {MAX_ELEMENTS} inline elements in one run of text, or nested more than "
                              f"{MAX_DEPTH} deep")
        self.raw.append(open_)
        self.elements.append(Element(open_, "", len(self.chars), len(self.chars), depth, parent))
        return len(self.elements) - 1

    def close(self, index: int, close: str) -> None:
        self.raw.append(close)
        element = self.elements[index]
        element.close, element.end = close, len(self.chars)

    def unit(self) -> Unit | str:
        """The unit, or the run as written when it has no words to translate."""
        text = "".join(self.chars)
        core = text.strip(" ")
        if not any(ch.isalnum() and not is_marker(ch) for ch in core):
            return "".join(self.raw)
        cut = len(text) - len(text.lstrip(" "))
        for e in self.elements:
            e.start = min(max(e.start - cut, 0), len(core))
            e.end = min(max(e.end - cut, 0), len(core))
        raw = "".join(self.raw)
        return Unit(core, self.elements, self.copies, raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()):])


@dataclass
class Document:
    """A parsed text: the output is `pieces` joined, a piece being fixed text or the index of a unit."""

    format: str
    pieces: list[str | int] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)

    def add(self, built: _UnitBuilder) -> None:
        unit = built.unit()
        if isinstance(unit, str):
            self.pieces.append(unit)
        else:
            self.units.append(unit)
            self.pieces.append(len(self.units) - 1)

    def escape(self, text: str) -> str:
        """A translation's own words, made safe for the format."""
        return escape(text, self.format)

    def _asked(self) -> list[tuple[int, int]]:
        """(unit, element) of each text of the first round: every unit with words (element -1), and the
        words of each of its inline elements alone."""
        return [(k, i) for k, unit in enumerate(self.units) if not unit.wordless
                for i in range(-1, len(unit.elements))
                if i < 0 or unit.text[unit.elements[i].start: unit.elements[i].end].strip()]

    def is_main(self) -> list[bool]:
        """Per text of `to_translate`: whether it is a unit's own (the others only help `place`)."""
        return [i < 0 for _, i in self._asked()]

    def to_translate(self) -> list[tuple[str, dict[str, Fragment]]]:
        """The first round's texts, with the fills of their placeholders: each unit, and each inline
        element's words alone."""
        return [(self.units[k].text if i < 0 else self._words(k, i), self.units[k].fills) for k, i in self._asked()]

    def to_ablate(self, first: list[str]) -> list[tuple[str, dict[str, Fragment]]]:
        """The second round's texts, from the first round's translations: for each element whose words alone
        do not point at one run of its unit's translation, the unit with those words replaced by a
        placeholder (`place` diffs it against the unit's translation). Empty: no second round."""
        got = dict(zip(self._asked(), first))
        self._ablated = []
        for k, unit in enumerate(self.units):
            if unit.wordless or len(unit.elements) > MAX_PLACED:
                continue
            words = _words_of(got[(k, -1)])
            for i, e in enumerate(unit.elements):
                if (k, i) in got and not _one_run(words, _content(got[(k, i)])):
                    self._ablated.append((k, i))
        return [(self.units[k].text[:self.units[k].elements[i].start] + ABLATED
                 + self.units[k].text[self.units[k].elements[i].end:], {**self.units[k].fills, ABLATED: Fragment(ABLATED)})
                for k, i in self._ablated]

    def _words(self, k: int, i: int) -> str:
        e = self.units[k].elements[i]
        return self.units[k].text[e.start:e.end]

    def render(self, first: list[str], second: list[str] = ()) -> str:
        """The output, from the translations of `to_translate`'s texts and `to_ablate`'s (escaped, copy
        markers in place)."""
        got = dict(zip(self._asked(), first))
        ablated = dict(zip(getattr(self, "_ablated", []), second))
        done = {}
        for k, unit in enumerate(self.units):
            own = got.get((k, -1), unit.text)
            alone = [got.get((k, i), "") for i in range(len(unit.elements))]
            text = unit.finish(place(own, unit, alone, [ablated.get((k, i), "") for i in range(len(unit.elements))]))
            if self.format == MARKDOWN:  # "2020. …" or "# …" at a block's start must stay text
                text = _MD_BLOCK_START.sub(lambda m: m.group(1) + (f"\\{m.group(2)}" if m.group(2)
                                                                   else f"{m.group(3)}\\{m.group(4)}"), text, count=1)
            done[k] = unit.lead + text + unit.trail
        return "".join(done[p] if isinstance(p, int) else p for p in self.pieces)


_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>|]")
_MD_BLOCK_START = re.compile(r"^(\s*)(?:([#>+\-=])|(\d+)([.)]))(?=\s|$)")  # would open a heading, quote, list


def escape(text: str, format: str) -> str:
    return html.escape(text, quote=False) if format == HTML else _MD_SPECIAL.sub(r"\\\g<0>", text)


def translate_document(doc: Document, translate: Callable[[list[str], list[dict[str, Fragment]]], list[str]]) -> str:
    """The document translated: `translate(texts, fills)` gives each text's translation (sentence by sentence,
    escaped for the format, its copy markers in place); one call, and a second for elements the first
    cannot place."""
    rounds = []
    asked = doc.to_translate()
    for _ in range(2):
        rounds.append(translate([text for text, _ in asked], [fills for _, fills in asked]) if asked else [])
        asked = doc.to_ablate(rounds[0])
    return doc.render(*rounds)


# ---- putting elements back ---------------------------------------------------------------------------------

_TOKEN = re.compile(r"<[^>]*>|&#?[A-Za-z0-9]+;|[^\W_]+(?:'[^\W_]+)?")  # tags and entities are not words
STOPWORDS = frozenset("""a an the i you he she it we they me him her us them my your his its our their this that these
those is are was were am be been being do does did done have has had will would can could shall should may might must
to of in on at by for with from and or but not no so as if than then there here what which who whom whose when where
why how all any some very just also too up out about into over""".split())


def _norm(word: str) -> str:
    word = word.lower().removesuffix("'s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _content(text: str) -> set[str]:
    return {_norm(m.group()) for m in _TOKEN.finditer(text) if m.group()[0] not in "<&"} - STOPWORDS


def place(output: str, unit: Unit, alone: list[str], ablated: list[str] | None = None) -> str:
    """`output` (a unit's translation) with each of the unit's inline elements around the words that render
    it, inside its parent's words and apart from its siblings'. Which words: those the translation loses
    when the element's words are replaced by a placeholder (`ablated[i]`: the model puts the placeholder
    where the words went, and a word diff shows them); else the run of output words that shares the most
    content words with the element's words translated alone (`alone[i]`), allowing one other word inside
    (cup *of* coffee), nearest its relative place in the source; else the free word nearest that place,
    or nothing (an empty element at the parent's end)."""
    words = [(m.start(), m.end(), _norm(m.group())) for m in _TOKEN.finditer(output) if m.group()[0] not in "<&"]
    ranges: list[tuple[int, int] | None] = []  # per element: the word indices it wraps [first, last]; None: empty
    source = max(len(unit.text), 1)
    for i, e in enumerate(unit.elements):
        low, high = (0, len(words) - 1)
        if e.parent is not None:
            parent = ranges[e.parent]
            low, high = parent if parent else (1, 0)
        taken = {w for j, r in enumerate(ranges) if r and unit.elements[j].parent == e.parent
                 for w in range(r[0], r[1] + 1)}
        free = [w for w in range(low, high + 1) if w not in taken]
        lost = _lost_words(words, ablated[i]) if ablated and ablated[i] else None
        wanted = _content(alone[i])
        if lost and low <= lost[0] and lost[1] <= high and not taken.intersection(range(lost[0], lost[1] + 1)):
            ranges.append(_narrowed(words, lost, wanted))
            continue
        expected = low + (e.start + e.end) / 2 / source * max(high - low, 0)
        ranges.append(_best_run(words, free, wanted, expected))
    inserts = []
    for i, (e, r) in enumerate(zip(unit.elements, ranges)):
        if r is None:
            parent = ranges[e.parent] if e.parent is not None else None
            at = words[parent[1]][1] if parent else len(output)
            inserts.append((at, 1, e.depth, i, e.open + e.close))
        else:
            inserts.append((words[r[0]][0], 2, e.depth, i, e.open))
            inserts.append((words[r[1]][1], 0, -e.depth, -i, e.close))
    out, pos = [], 0
    for at, _, _, _, text in sorted(inserts):
        out += [output[pos:at], text]
        pos = at
    return "".join(out) + output[pos:]


def _words_of(text: str) -> list[str]:
    return [_norm(m.group()) for m in _TOKEN.finditer(text) if m.group()[0] not in "<&"]


def _one_run(words: list[str], wanted: set[str]) -> bool:
    """Whether the wanted words occur in exactly one run of `words` (gaps of one word allowed)."""
    hits = [w for w, word in enumerate(words) if word in wanted]
    return bool(hits) and all(b - a <= 2 for a, b in zip(hits, hits[1:]))


def _lost_words(words: list, ablated: str) -> tuple[int, int] | None:
    """The output words [first, last] that the translation with the element's words taken out replaces by
    its placeholder; None when it does not place the placeholder alone where words of the output were."""
    if ABLATED not in ablated:
        return None
    other: list[str | None] = []  # None: the placeholder, equal to no output word
    for k, part in enumerate(ablated.split(ABLATED)):
        other += [None] * bool(k) + [_norm(m.group()) for m in _TOKEN.finditer(part) if m.group()[0] not in "<&"]
    here = [w for _, _, w in words]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, here, other, autojunk=False).get_opcodes():
        if tag == "replace" and None in other[j1:j2] and j2 - j1 <= 2 and 0 < i2 - i1 <= 6:
            return i1, i2 - 1
    return None


ARTICLES = frozenset({"a", "an", "the"})


def _narrowed(words: list, span: tuple[int, int], wanted: set[str]) -> tuple[int, int]:
    """A lost span without its articles at either end ("the cafe": *cafe*), and, when it is longer than
    three words, only as wide as the words it shares with the element's own translation."""
    first, last = span
    while first < last and words[first][2] in ARTICLES:
        first += 1
    while last > first and words[last][2] in ARTICLES:
        last -= 1
    hits = [w for w in range(first, last + 1) if words[w][2] in wanted]
    if last - first + 1 > 3 and hits:
        return hits[0], hits[-1]
    return first, last


def _best_run(words: list, free: list[int], wanted: set[str], expected: float) -> tuple[int, int] | None:
    """The run of free word indices (gaps of one word allowed) with the most wanted words, nearest
    `expected`; else the free word nearest `expected`; None when no word is free."""
    if not free:
        return None
    hits = [w for w in free if words[w][2] in wanted]
    available = set(free)
    runs: list[list[int]] = []
    for w in hits:
        if runs and w - runs[-1][-1] <= 2 and all(x in available for x in range(runs[-1][-1], w + 1)):
            runs[-1].append(w)
        else:
            runs.append([w])
    if runs:
        best = max(runs, key=lambda run: (len({words[w][2] for w in run}), -abs((run[0] + run[-1]) / 2 - expected)))
        return best[0], best[-1]
    nearest = min(free, key=lambda w: abs(w - expected))
    return nearest, nearest


def parse(text: str, format: str) -> Document:
    if format == HTML:
        return parse_html(text)
    if format == MARKDOWN:
        return parse_markdown(text)
    raise ValueError(f"format {format!r}: expected {HTML!r} or {MARKDOWN!r}")


# ---- HTML ----------------------------------------------------------------------------------------------

VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
INLINE = frozenset("a abbr b bdi bdo cite data dfn em i mark q s small span strong sub sup time u font del ins "
                   "label".split())
KEEP = frozenset("script style code pre kbd samp var textarea math svg template noscript".split())  # not translated
KEEP_INLINE = frozenset("code kbd samp var".split())  # ... and these sit inside sentences
AUTO_CLOSE = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}, "tr": {"tr"}, "td": {"td", "th"},
              "th": {"td", "th"}, "option": {"option"}}  # a start tag that closes an open one (optional end tags)


@dataclass
class _Text:
    raw: str  # as written (entities included)
    value: str  # what it says


@dataclass
class _Element:
    tag: str
    start: str  # the start tag as written
    children: list = field(default_factory=list)
    closed_by_start: bool = False  # <br/>: no end tag

    @property
    def end(self) -> str:
        return "" if self.closed_by_start or self.tag in VOID or not self.tag else f"</{self.tag}>"

    @property
    def kept(self) -> bool:
        return self.tag in KEEP or _untranslated(self.start)

    @property
    def inline(self) -> bool:
        return self.tag in INLINE and all(not isinstance(c, _Element) or c.inline or c.tag in VOID or c.kept
                                          for c in self.children)


_NO_TRANSLATE = re.compile(r"""(?<![-\w])translate\s*=\s*["']?no\b|(?<![-\w])class\s*=\s*["'][^"']*\bnotranslate\b""",
                           re.I)


def _untranslated(start: str) -> bool:
    return bool(_NO_TRANSLATE.search(start))


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = _Element("", "")
        self.stack = [self.root]

    def _add(self, node) -> None:
        children = self.stack[-1].children
        if isinstance(node, _Text) and children and isinstance(children[-1], _Text):
            children[-1] = _Text(children[-1].raw + node.raw, children[-1].value + node.value)
        else:
            children.append(node)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in AUTO_CLOSE and self.stack[-1].tag in AUTO_CLOSE[tag]:
            self.stack.pop()
        element = _Element(tag, self.get_starttag_text() or f"<{tag}>")
        self._add(element)
        if tag not in VOID:
            if len(self.stack) > MAX_TREE_DEPTH:
                line, column = self.getpos()
                raise MarkupError(f"elements nest more than {MAX_TREE_DEPTH} deep (at line {line}, column {column + 1})")
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._add(_Element(tag, self.get_starttag_text() or f"<{tag}/>", closed_by_start=True))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return  # </br>: nothing to close
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]  # elements left open inside it close here
                return
        line, column = self.getpos()
        raise MarkupError(f"the end tag </{tag}> at line {line}, column {column + 1} closes no open element")

    def handle_data(self, data: str) -> None:
        self._add(_Text(data, data))

    def handle_entityref(self, name: str) -> None:
        raw = f"&{name};"
        self._add(_Text(raw, html.unescape(raw)))

    def handle_charref(self, name: str) -> None:
        raw = f"&#{name};"
        self._add(_Text(raw, html.unescape(raw)))

    def handle_comment(self, data: str) -> None:
        self._add(_Element("!--", f"<!--{data}-->", closed_by_start=True))

    def handle_decl(self, decl: str) -> None:
        self._add(_Element("!", f"<!{decl}>", closed_by_start=True))

    def handle_pi(self, data: str) -> None:
        self._add(_Element("?", f"<?{data}>", closed_by_start=True))

    def unknown_decl(self, data: str) -> None:
        self._add(_Element("![", f"<![{data}]>", closed_by_start=True))


def _serialize(node) -> str:
    if isinstance(node, _Text):
        return node.raw
    return node.start + "".join(map(_serialize, node.children)) + node.end


def parse_html(text: str) -> Document:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    doc = Document(HTML)
    _html_block(builder.root, doc)
    return doc


def _in_run(node) -> bool:
    """Whether a node is inline content (it stays inside a unit) rather than a boundary between units:
    text, inline elements, inline code, void elements but <br>."""
    if isinstance(node, _Text):
        return True
    if node.tag == "br" or node.tag in ("!--", "!", "?", "!["):
        return False
    if node.kept:
        return node.tag in KEEP_INLINE or node.tag in INLINE
    return node.inline or node.tag in VOID


def _html_block(element: _Element, doc: Document) -> None:
    """The element's children: runs of inline content become units, anything else is a boundary (a block
    child recurses; a kept one, code or script, goes through as written)."""
    if element.kept:
        doc.pieces.append(_serialize(element))
        return
    doc.pieces.append(element.start)
    run: list = []
    for child in element.children:
        if _in_run(child):
            run.append(child)
            continue
        if run:
            doc.add(_html_run(run))
            run = []
        if child.tag in VOID or child.closed_by_start or child.kept:
            doc.pieces.append(_serialize(child))
        else:
            _html_block(child, doc)
    if run:
        doc.add(_html_run(run))
    doc.pieces.append(element.end)


def _has_words(node) -> bool:
    """Whether a node has words to translate (outside kept elements)."""
    if isinstance(node, _Text):
        return any(ch.isalnum() for ch in node.value)
    return not node.kept and any(_has_words(child) for child in node.children)


def _html_run(nodes: list, built: _UnitBuilder | None = None, depth: int = 0, parent: int | None = None
              ) -> _UnitBuilder:
    built = built or _UnitBuilder()
    for node in nodes:
        if isinstance(node, _Text):
            built.text(node.value, node.raw)
        elif node.kept or node.tag in VOID or node.closed_by_start or not _has_words(node):
            built.copy(_serialize(node))  # a linked image, an icon, an anchor: placed as one piece
        else:
            index = built.open(node.start, depth, parent)
            _html_run(node.children, built, depth + 1, index)
            built.close(index, node.end)
    return built


# ---- Markdown ------------------------------------------------------------------------------------------

_md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
_PAIRS = {"em_open": "em_close", "strong_open": "strong_close", "s_open": "s_close", "link_open": "link_close"}


def parse_markdown(text: str) -> Document:
    """Block structure stays as written (markers, indentation, fences); the content of each paragraph,
    heading or table cell is a unit, its soft line breaks joined into one line."""
    doc = Document(MARKDOWN)
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    cursor = 0
    for token in _md.parse(text):
        if token.type != "inline" or not token.content.strip() or token.map is None:
            continue
        begin = max(cursor, starts[token.map[0]])
        found = []
        for piece in token.content.split("\n"):
            at = text.find(piece, begin)
            if at < 0 and "|" in piece:  # a table cell's \| reads as |
                piece = piece.replace("|", "\\|")
                at = text.find(piece, begin)
            if at < 0:
                raise MarkupError(f"cannot find the text {piece[:40]!r} of line {token.map[0] + 1} in the source")
            found.append(at)
            begin = at + len(piece)
        doc.pieces.append(text[cursor: found[0]])
        doc.add(_md_run(token.children or []))
        cursor = begin
    doc.pieces.append(text[cursor:])
    return doc


_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)\b[^>]*(?<!/)>$")


def _md_span(tokens: list, i: int) -> int | None:
    """Where the inline element opened at tokens[i] closes (the index of its closing token): emphasis,
    strong, strikethrough, links, and inline HTML tags with their end tag; None for anything else."""
    t = tokens[i]
    if t.type in _PAIRS and not (t.type == "link_open" and t.markup == "autolink"):
        same, closing = (lambda u: u.type == t.type), (lambda u: u.type == _PAIRS[t.type])
    elif t.type == "html_inline" and (m := _OPEN_TAG.match(t.content)) and m.group(1).lower() not in VOID:
        tag = m.group(1).lower()
        same = lambda u: u.type == "html_inline" and (o := _OPEN_TAG.match(u.content)) and o.group(1).lower() == tag  # noqa: E731
        closing = lambda u: u.type == "html_inline" and u.content.strip().lower() == f"</{tag}>"  # noqa: E731
    else:
        return None
    level = 1
    for end in range(i + 1, len(tokens)):
        level += bool(same(tokens[end])) - bool(closing(tokens[end]))
        if not level:
            return end
    return None  # an HTML tag left open: a copy


def _md_run(tokens: list, built: _UnitBuilder | None = None, depth: int = 0, parent: int | None = None
            ) -> _UnitBuilder:
    built = built or _UnitBuilder()
    i = 0
    while i < len(tokens):
        t = tokens[i]
        end = _md_span(tokens, i)
        if t.type == "text":
            built.text(t.content, escape(t.content, MARKDOWN))
        elif t.type == "softbreak":
            built.text(" ", "\n")
        elif end is not None:
            opening, closing = _md_delimiters(t, tokens[end])
            if any(u.type == "text" and any(ch.isalnum() for ch in u.content) for u in tokens[i + 1: end]):
                index = built.open(opening, depth, parent)
                _md_run(tokens[i + 1: end], built, depth + 1, index)
                built.close(index, closing)
            else:  # no words inside (a linked image): one piece, as written
                built.copy(opening + "".join(_md_raw(tokens, j) for j in range(i + 1, end)) + closing)
            i = end + 1
            continue
        else:
            built.copy(_md_raw(tokens, i))
            if t.type == "link_open":  # an autolink: <https://...> as written, its text included
                while tokens[i].type != "link_close":
                    i += 1
        i += 1
    return built


def _title(title: str | None) -> str:
    return ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"' if title else ""


def _md_delimiters(t, closing) -> tuple[str, str]:
    if t.type == "link_open":
        return "[", f"]({t.attrs.get('href', '')}{_title(t.attrs.get('title'))})"
    if t.type == "html_inline":
        return t.content, closing.content
    return t.markup, t.markup


def _md_raw(tokens: list, i: int) -> str:
    t = tokens[i]
    if t.type == "code_inline":
        fence = t.markup or "`"
        pad = " " if t.content.startswith("`") or t.content.endswith("`") else ""
        return f"{fence}{pad}{t.content}{pad}{fence}"
    if t.type == "image":
        return f"![{t.content}]({t.attrs.get('src', '')}{_title(t.attrs.get('title'))})"
    if t.type == "text":
        return escape(t.content, MARKDOWN)
    if t.type == "hardbreak":
        return "\\\n"
    if t.type == "link_open":  # autolink
        return f"<{t.attrs.get('href', '')}>"
    return t.content  # html_inline and anything else: as written


__all__ = ["HTML", "MARKDOWN", "Document", "Element", "Fragment", "MarkupError", "Unit", "escape", "is_marker",
           "marker", "parse", "place", "translate_document"]
