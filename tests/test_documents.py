"""Documents: texts cut into sentences, translated in one batch, put back with their own spacing."""

import grpc
import pytest

from service.client import TranslatorClient
from service.engine.decoding import Hypothesis
from service.text.documents import MAX_SENTENCES_PER_REQUEST, Layout, assemble, segment
from service.errors import InvalidRequest
from tests.test_service import client, server  # noqa: F401  (fixtures: a server of this module's own)

KNOWN = {  # the bundled model's translations of single sentences (tests/test_service.py and test_streaming.py)
    "어제 카페에 갔어.": "I went to the cafe yesterday.",
    "지난주에 친구와 같이 버스로 공원에 갔어.": "I went to the park by bus with my friend last week.",
    "사과 세 개를 샀어요?": "Did you buy three apples?",
}


def hyp(tokens, score):
    return Hypothesis(list(tokens), 2 * score, score, True)  # tokens, log_prob, score, finished


def test_a_document_is_cut_into_sentences_and_joined_back_with_its_separators():
    texts = ["  첫째. 둘째!\n\n셋째?  ", "하나", "   "]
    segments, layouts = segment(texts, whole=False, max_segment_chars=100)
    assert segments == ["첫째.", "둘째!", "셋째?", "하나"]
    assert [(l.start, l.count) for l in layouts] == [(0, 3), (3, 1), (4, 0)]
    results = [[hyp([i], -1.0 * (i + 1)), hyp([i, i], -5.0)] for i in range(4)]
    decode = {0: "First.", 1: "Second!", 2: "Third?", 3: "One"}.get

    def words(k, tokens):  # segment k's tokens are k's own (its placeholders' spans would be k's)
        assert set(tokens) == {k}
        return " ".join(decode(t) for t in tokens)

    first = assemble(layouts[0], results, words)
    assert [h.text for h in first] == ["  First. Second!\n\nThird?  ", "  First. First. Second! Second!\n\nThird? Third?  "]
    assert first[0].score == pytest.approx((-1 - 2 - 3) / 3) and first[0].log_prob == pytest.approx(-12.0)
    assert first[0].tokens == 3
    assert assemble(layouts[2], results, words)[0].text == "   "  # blank: unchanged, no model call


def test_a_text_sent_whole_is_one_segment():
    segments, layouts = segment(["첫째. 둘째."], whole=True, max_segment_chars=100)
    assert segments == ["첫째. 둘째."] and layouts == [Layout(0, 1, None)]


def test_too_many_sentences_in_one_request_are_refused():
    with pytest.raises(InvalidRequest, match=f"more than {MAX_SENTENCES_PER_REQUEST} sentences"):
        segment(["가. " * (MAX_SENTENCES_PER_REQUEST + 1)], whole=False, max_segment_chars=100)


def test_the_service_translates_a_document_sentence_by_sentence_keeping_its_paragraphs(client):
    source = "어제 카페에 갔어. 지난주에 친구와 같이 버스로 공원에 갔어.\n\n사과 세 개를 샀어요?\n"
    expected = f"{KNOWN['어제 카페에 갔어.']} {KNOWN['지난주에 친구와 같이 버스로 공원에 갔어.']}\n\n" \
               f"{KNOWN['사과 세 개를 샀어요?']}\n"
    response = client.translate_request([source, "어제 카페에 갔어."])
    document, single = response.translations
    assert document.hypotheses[0].text == expected
    assert document.sentences == 3 and single.sentences == 1
    assert single.hypotheses[0].text == KNOWN["어제 카페에 갔어."]
    whole = client.translate_request([source], whole_texts=True).translations[0]
    assert whole.sentences == 1


def test_a_sentence_too_long_is_named_by_its_text_and_place(client):
    with pytest.raises(grpc.RpcError) as err:
        client.translate(["어제 카페에 갔어. " + "사과 " * 300])
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "texts[0] sentence 1 ('사과 사과" in err.value.details()


def test_list_models_reports_the_text_limit(client):
    assert client.list_models().models[0].limits.max_text_characters == 20_000


def test_the_cli_sends_documents_split_and_whole_on_request(server, capsys):
    from service.client import main

    assert main(["--address", server.address, "어제 카페에 갔어. 사과 세 개를 샀어요?"]) == 0
    assert capsys.readouterr().out.strip() == f"{KNOWN['어제 카페에 갔어.']} {KNOWN['사과 세 개를 샀어요?']}"
    assert main(["--address", server.address, "--whole", "어제 카페에 갔어."]) == 0
    assert capsys.readouterr().out.strip() == KNOWN["어제 카페에 갔어."]


def test_the_request_helper_sets_whole_texts():
    assert TranslatorClient.request(["x"], whole_texts=True).whole_texts
    assert not TranslatorClient.request(["x"]).whole_texts
