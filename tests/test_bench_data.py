"""The benchmarks' hand-written sentences are in the repository and fit their benchmarks: a clone once lacked
them (a bare `data/` in .gitignore), and `python -m bench.glossary` / `bench.markup` failed on every clone."""

from markdown_it import MarkdownIt

from bench.glossary import DATA as GLOSSARY_DATA
from bench.markup import DATA as MARKUP_SNIPPETS
from bench.markup import Elements
from export.corpus import read_tsv
from service.text.glossary import read_glossary
from service.text.markup import HTML, MARKDOWN


def test_every_glossary_sentence_holds_a_term_and_its_reference_the_terms_targets():
    glossary = read_glossary(GLOSSARY_DATA / "glossary_terms.tsv")
    pairs = read_tsv(GLOSSARY_DATA / "glossary_sentences.tsv", comments=True)
    assert len(glossary) == 14 and len(pairs) == 112
    occurrences = 0
    for korean, english in pairs:
        terms = [term for *_, term in glossary.find_terms(korean)]
        assert terms, korean
        occurrences += len(terms)
        assert all(t.target.lower() in english.lower() for t in terms), (korean, english)
    assert occurrences == 118


def test_every_markup_snippet_is_well_formed_with_one_expected_entry_per_checked_element():
    markdown = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    rows = [line.split("\t") for line in MARKUP_SNIPPETS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    assert len(rows) == 104 and {fmt for fmt, *_ in rows} == {HTML, MARKDOWN}
    for fmt, snippet, expected in rows:
        text = snippet.replace("\\n", "\n")
        elements = Elements(text if fmt == HTML else markdown.render(text))
        assert elements.well_formed, snippet
        entries = expected.split("|") if elements.contents else []   # a snippet with none says "-"
        assert len(entries) == len(elements.contents) and (entries or expected == "-"), snippet
