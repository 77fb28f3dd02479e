"""Reading a user's parallel corpus: good files load, broken ones are reported by file and line."""

import pytest

from export import corpus_cli
from export.corpus import CorpusError, read_aligned, read_pairs, read_tsv, user_corpus


def write(path, text: str | bytes):
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def test_tsv_and_aligned_files_give_the_same_pairs(tmp_path):
    tsv = write(tmp_path / "c.tsv", "나는 갔어.\tI went.\r\n너는 갔어?\tDid you go?\n")
    ko = write(tmp_path / "c.ko", "나는 갔어.\n너는 갔어?\n")
    en = write(tmp_path / "c.en", "I went.\nDid you go?")  # no final newline
    expected = [("나는 갔어.", "I went."), ("너는 갔어?", "Did you go?")]
    assert read_tsv(tsv) == expected
    assert read_aligned(ko, en) == expected
    assert read_pairs([str(tsv)]) == read_pairs([str(ko), str(en)]) == expected


@pytest.mark.parametrize("content, line, message", [
    ("a\tb\nno tab here\n", 2, "expected 2 tab-separated columns"),
    ("a\tb\nc\td\te\n", 2, "found 3"),
    ("a\tb\n\tonly target\n", 2, "empty source sentence"),
    ("a\tb\nc\td\nsource\t   \n", 3, "empty target sentence"),
    (b"a\tb\n\xff\xfe\tbroken\n", 2, "not valid UTF-8"),
    ("a\tb\n\n", 2, "expected 2 tab-separated columns"),
])
def test_a_broken_tsv_line_is_reported_with_file_and_line(tmp_path, content, line, message):
    path = write(tmp_path / "broken.tsv", content)
    with pytest.raises(CorpusError) as err:
        read_tsv(path)
    assert f"{path}:{line}:" in str(err.value)
    assert message in str(err.value)


def test_misaligned_files_name_the_first_line_without_a_partner(tmp_path):
    ko = write(tmp_path / "c.ko", "하나\n둘\n셋\n")
    en = write(tmp_path / "c.en", "one\ntwo\n")
    with pytest.raises(CorpusError, match=rf"{en}:3: files are not aligned: .* has 3 lines, .* has 2"):
        read_aligned(ko, en)


def test_an_empty_line_in_aligned_files_is_reported(tmp_path):
    ko = write(tmp_path / "c.ko", "하나\n\n")
    en = write(tmp_path / "c.en", "one\ntwo\n")
    with pytest.raises(CorpusError, match=rf"{ko}:2 / {en}:2: empty source sentence"):
        read_aligned(ko, en)


def test_missing_and_empty_files_are_reported(tmp_path):
    with pytest.raises(CorpusError, match="cannot read"):
        read_tsv(tmp_path / "absent.tsv")
    with pytest.raises(CorpusError, match="no sentence pairs"):
        read_tsv(write(tmp_path / "empty.tsv", ""))
    with pytest.raises(CorpusError, match="got 3 paths"):
        read_pairs(["a", "b", "c"])


def test_user_corpus_holds_out_a_seeded_dev_split(tmp_path):
    tsv = write(tmp_path / "c.tsv", "".join(f"s{i}\tt{i}\n" for i in range(200)))
    a, b = user_corpus([str(tsv)], None, None, seed=3), user_corpus([str(tsv)], None, None, seed=3)
    assert a.splits == b.splits
    assert len(a.splits["dev"]) == 2 and len(a.splits["train"]) == 198
    assert not set(a.splits["dev"]) & set(a.splits["train"])


def test_corpus_command_checks_a_file(tmp_path, capsys):
    good = write(tmp_path / "good.tsv", "a\tb\n")
    bad = write(tmp_path / "bad.tsv", "a\tb\nc\n")
    assert corpus_cli.main(["--check", str(good)]) == 0
    assert "1 sentence pairs" in capsys.readouterr().out
    assert corpus_cli.main(["--check", str(bad)]) == 2
    assert f"{bad}:2" in capsys.readouterr().err


def test_comment_lines_are_skipped_only_when_asked(tmp_path):
    tsv = write(tmp_path / "c.tsv", "# a note\n하나\tone\n")
    assert read_tsv(tsv, comments=True) == [("하나", "one")]
    with pytest.raises(CorpusError, match=rf"{tsv}:1: expected 2 tab-separated columns"):
        read_tsv(tsv)
