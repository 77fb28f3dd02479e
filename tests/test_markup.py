"""Texts with markup (service/text/markup.py): every tag comes back exactly once, well-formed, around the words
of its own translation; code, scripts and translate="no" go through as written; bad markup gets a clear error."""

import random
import re
from collections import Counter
from html.parser import HTMLParser

import grpc
import pytest

from service.client import TranslatorClient
from service.config import DecodingOptions, EngineConfig
from service.engine.engine import Engine
from service.text.markup import ABLATED, HTML, MARKDOWN, Element, MarkupError, Unit, escape, parse, place, translate_document
from tests.running_server import STORE, RunningServer


class StrictChecker(HTMLParser):
    """Well-formed: every end tag closes the innermost open element, and none stays open (void ones aside)."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "area", "base", "col", "embed", "param",
            "track"}

    def __init__(self) -> None:
        super().__init__()
        self.stack, self.errors, self.starts = [], [], []

    def handle_starttag(self, tag, attrs):
        self.starts.append(self.get_starttag_text())
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def check_html(output: str) -> list[str]:
    checker = StrictChecker()
    checker.feed(output)
    checker.close()
    assert not checker.errors and not checker.stack, (checker.errors, checker.stack, output)
    return checker.starts


def word_order_reversed(texts, fills):
    """A stand-in translator that moves words around (as translation does) and writes markup characters."""
    return [escape(" ".join(reversed(t.split())) + " <&>", HTML) for t in texts]


@pytest.mark.parametrize("source", [
    "<p>어제 <b>카페</b>에 갔어요.</p>",
    '<div><p>첫 <a href="/x?a=1&amp;b=2" title="a > b">링크</a>와 <i>기울임 <b>굵게 <u>밑줄</u></b></i> 끝.</p>'
    "<ul><li>하나<li>둘 <span>셋</span></ul></div>",
    "<p>열린 <b>굵게 <i>기울임</p><p>다음</p>",  # elements left open: closed where their parent closes
    "<table><tr><td>가<td><em>나</em><tr><th>다</table>",
    "<p>줄<br>바꿈<br/>또 <img src='a.png' alt='그림'> 그림 <!-- <b>주석</b> --> 뒤</p>",
    "<p>" + "<b>깊게 " * 15 + "끝" + "</b>" * 15 + "</p>",
    "텍스트만 &lt;b&gt; 그리고 &#54620;글",
    "<p>빈 <b></b> 요소 <i> </i> 그리고 <span><img src=x></span></p>",
])
def test_every_tag_comes_back_once_well_formed(source):
    output = translate_document(parse(source, HTML), word_order_reversed)
    starts = check_html(output)
    assert Counter(starts) == Counter(check_html_starts(source)), output
    assert "<&>" not in output and "&lt;&amp;&gt;" in output  # the translation's own text is escaped


def check_html_starts(source):
    checker = StrictChecker()
    checker.feed(source)
    return checker.starts


def test_kept_parts_go_through_exactly_as_written():
    source = ('<p>번역 <code>x &lt; y</code> 그리고 <kbd>Ctrl</kbd></p><pre>코드 <b>그대로</b>\n  들여쓰기</pre>'
              '<script>if (a < b) { s = "</b>"; }</script><style>p > b { color: red }</style>'
              '<p translate="no">이름 <b>그대로</b></p><span class="x notranslate">한국어</span>')
    output = translate_document(parse(source, HTML), lambda texts, fills: ["TRANSLATED"] * len(texts))
    for kept in ("<code>x &lt; y</code>", "<kbd>Ctrl</kbd>", "<pre>코드 <b>그대로</b>\n  들여쓰기</pre>",
                 '<script>if (a < b) { s = "</b>"; }</script>', "<style>p > b { color: red }</style>",
                 '<p translate="no">이름 <b>그대로</b></p>', '<span class="x notranslate">한국어</span>'):
        assert kept in output, (kept, output)
    assert "번역" not in output


@pytest.mark.parametrize("source, message", [
    ("<p>닫는 </b> 태그</p>", "the end tag </b> at line 1, column 7 closes no open element"),
    ("<p>" + "<b>" * 20 + "깊게" + "</b>" * 20 + "</p>", "nested more than 16 deep"),
    ("<p>" + "<i>x</i> " * 300 + "</p>", "more than 256 inline elements"),
])
def test_markup_that_cannot_be_handled_is_refused_with_where(source, message):
    with pytest.raises(MarkupError, match=re.escape(message)):
        parse(source, HTML)


def test_an_element_wraps_the_words_that_render_it_nested_inside_its_parent_and_apart_from_its_siblings():
    unit = Unit("오늘 날씨가 정말 좋네요 친구", [Element("<i>", "</i>", 3, 13, 0, None), Element("<b>", "</b>", 7, 9, 1, 0),
                                         Element("<u>", "</u>", 14, 16, 0, None)], [])
    output = "The weather is really good today, my friend."
    alone = ["The weather is really good.", "I am really really.", "My friend will My friend."]
    assert place(output, unit, alone) == "The <i>weather is <b>really</b> good</i> today, my <u>friend</u>."
    # The words the translation loses when the element's words become a placeholder: without their article.
    unit = Unit("어제 카페에 갔어요", [Element("<b>", "</b>", 3, 5, 0, None)], [])
    assert place("I went to the cafe yesterday.", unit, ["I did the cafe."], [f"I went to {ABLATED} yesterday."]) \
        == "I went to the <b>cafe</b> yesterday."
    assert place("I went to the cafe yesterday.", unit, ["zzz"], [f"I went to {ABLATED} yesterday."]) \
        == "I went to the <b>cafe</b> yesterday."  # the diff alone places it
    # Nothing matches: the free word nearest its place; an element with no free word left is kept, empty.
    unit = Unit("가 나", [Element("<b>", "</b>", 0, 1, 0, None), Element("<i>", "</i>", 2, 3, 0, None)], [])
    assert place("Hello world", unit, ["zzz", "qqq"]) == "<b>Hello</b> <i>world</i>"
    assert place("Hi", unit, ["zzz", "qqq"]) in ("<b>Hi</b><i></i>", "<b>Hi<i></i></b>")


MARKDOWN_SOURCE = """# 오늘의 **회의**

어제 *카페*에 갔어요. [친구](http://a.b "제목")를 만났어요.
다음 줄이에요.

- `mt-serve`를 실행해요
- <https://example.com> 자동 링크 ~~취소~~
  1. 번호 목록

> 인용문이에요.

| 가 | 나 |
|---|---|
| 셀 **하나** | ![그림](a.png) |

```python
print("코드")
```
"""


def test_markdown_keeps_its_blocks_code_and_links_and_marks_come_back():
    output = translate_document(parse(MARKDOWN_SOURCE, MARKDOWN), lambda texts, fills: [
        escape(" ".join(reversed(t.split())) + " *", MARKDOWN) for t in texts])
    for kept in ("# ", "\n- ", "`mt-serve`", "<https://example.com>", "\n  1. ", "\n> ", "\n|---|---|\n",
                 "![그림](a.png)", '```python\nprint("코드")\n```', '](http://a.b "제목")'):
        assert kept in output, (kept, output)
    assert output.count("**") == 4 and output.count("~~") == 2 and output.count("[") == output.count("]") - 0
    assert "\\*" in output  # the translation's own * is escaped
    assert parse(output, MARKDOWN).units  # and it parses again


@pytest.fixture(scope="module")
def engine():
    return Engine.from_store(STORE, "ko-en", config=EngineConfig(intra_op_threads=2))


def test_the_bundled_model_keeps_markup_and_puts_it_around_the_right_words(engine):
    options = DecodingOptions(no_repeat_ngram_size=3)
    html_out, md_out = engine.translate_markup(["<p>어제 <b>카페</b>에 갔어요.</p>"], HTML, options) + \
        engine.translate_markup(["어제 *카페*에 갔어요."], MARKDOWN, options)
    assert html_out == "<p>I went to the <b>cafe</b> yesterday.</p>"
    assert md_out == "I went to the *cafe* yesterday."
    rng = random.Random(5)
    words = ["카페", "친구", "학교", "사과", "책", "날씨"]
    for _ in range(10):  # random nesting over real sentences: well-formed, every tag once
        a, b = rng.sample(words, 2)
        source = f'<div><p><a href="#">{a}</a>에 갔어요. <i>{b}가 <b>정말</b> 좋아요</i>.</p></div>'
        (output,) = engine.translate_markup([source], HTML, options)
        assert Counter(check_html(output)) == Counter(check_html_starts(source)), output


@pytest.fixture(scope="module")
def server():
    running = RunningServer()
    yield running
    running.close()


def test_markup_over_grpc_and_its_errors(server):
    with TranslatorClient(server.address) as client:
        html_out = client.translate(["<p>어제 <b>카페</b>에 갔어요.</p>", "<p></p>"], format="html")
        assert html_out == ["<p>I went to the <b>cafe</b> yesterday.</p>", "<p></p>"]
        assert client.translate(["어제 *카페*에 갔어요."], format="markdown") == ["I went to the *cafe* yesterday."]
        (two,) = client.translate_request(["<p>저는 <b>커피</b>하고 <i>빵</i>을 샀어요.</p>"], format="html").translations
        assert two.sentences == 1 and two.hypotheses[0].finished  # the helpers that place elements are not counted
        for kwargs, message in [(dict(texts=["<p>x</b>"], format="html"), "texts[0] is not FORMAT_HTML this server can "
                                 "take: the end tag </b> at line 1, column 5 closes no open element"),
                                (dict(texts=["<p>네</p>"], format="html", beam_size=2, n_best=2),
                                 "format FORMAT_HTML returns one translation per text"),
                                (dict(texts=["<p>어제 <b>카페</b>에 갔어요.</p>", "<p>" + "가" * 5000 + "</p>"],
                                      format="html"), "texts[1] sentence 0 ('가가가")]:  # the request's text
            with pytest.raises(grpc.RpcError) as err:
                client.translate_request(**kwargs)
            assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT and message in err.value.details()
        with pytest.raises(grpc.RpcError) as err:
            list(client.translate_tokens(["<p>네</p>"], format="html"))
        assert "is answered whole" in err.value.details()


@pytest.mark.parametrize("source, kept", [
    ('<p>여기를 <a href="/x"><img src="x.png"></a> 눌러 주세요.</p>', '<a href="/x"><img src="x.png"></a>'),
    ('<p><i class="fa fa-home"></i> 회의가 열렸어요.</p>', '<i class="fa fa-home"></i>'),
    ('<p><a name="top"></a>처음이에요.</p>', '<a name="top"></a>'),
    ('<p>명령 <b><code>ls</code></b>를 써요.</p>', "<b><code>ls</code></b>"),
])
def test_an_element_with_no_words_of_its_own_goes_through_whole(source, kept):
    assert kept in translate_document(parse(source, HTML), word_order_reversed)


@pytest.mark.parametrize("source, message", [
    ("<div>" * 2000 + "회의", "elements nest more than 256 deep"),
    ("<p>회의 \ue000 열렸다</p>", "U+E000, a private-use character"),
])
def test_deep_nesting_and_private_use_characters_get_a_clear_error(source, message):
    with pytest.raises(MarkupError, match=re.escape(message)):
        parse(source, HTML)


def test_markdown_inline_html_pairs_escaped_pipes_block_starts_and_titles():
    doc = parse('저는 <b>카페</b>에 갔어요. [링크](/a "say \\"hi\\"")\n\n| x \\| y | 둘 |\n|---|---|\n| 가 | 나 |\n', MARKDOWN)
    assert [u.elements[0].open for u in doc.units if u.elements][:1] == ["<b>"]  # a pair, not two copies
    out = translate_document(doc, word_order_reversed_md)
    assert out.index("<b>") < out.index("</b>") and '](/a "say \\"hi\\"")' in out
    assert "\\|" in out  # the cell's own pipe stays escaped
    numbered = translate_document(parse("회의.", MARKDOWN), lambda texts, fills: ["2020. was the year"])
    assert numbered == "2020\\. was the year"  # not a numbered list
    heading = translate_document(parse("회의.", MARKDOWN), lambda texts, fills: ["# not a heading"])
    assert heading == "\\# not a heading"


def word_order_reversed_md(texts, fills):
    return [escape(" ".join(reversed(t.split())), MARKDOWN) for t in texts]
