"""Token streaming: TranslateTokens' updates grow into exactly what Translate returns, the incremental
detokenizer never shows a broken piece, and `mt-translate --stream` prints the same final text."""

import asyncio
import time
from types import SimpleNamespace

import grpc
import pytest
import sentencepiece as spm

from service.client import TranslatorClient
from service.client import main as translate_cli
from service.engine.iteration_scheduler import ProgressRelay
from service.text.streaming import REPLACEMENT, DocumentDetokenizer
from tests.running_server import RunningServer
from tests.test_service import client, server  # noqa: F401  (fixtures: a server of this module's own)

TEXTS = ["지난주에 친구와 같이 버스로 공원에 갔어.", "사과 세 개를 샀어요?", "", "우산을 잃어버렸어."]


def assert_same_response(streamed, unary):
    """Equal but for the scores' last bits: the two calls decode in differently composed batches."""
    assert [[(h.text, h.finished) for h in t.hypotheses] for t in streamed.translations] == \
        [[(h.text, h.finished) for h in t.hypotheses] for t in unary.translations]
    for a, b in zip(streamed.translations, unary.translations):
        assert (a.source_tokens, a.sentences) == (b.source_tokens, b.sentences)
        for x, y in zip(a.hypotheses, b.hypotheses):
            assert x.score == pytest.approx(y.score, abs=1e-4) and x.log_prob == pytest.approx(y.log_prob, abs=1e-4)


def stream(client, texts, **options):
    messages = list(client.translate_tokens(texts, **options))
    assert messages[-1].HasField("response") and not any(m.HasField("response") for m in messages[:-1])
    return [m.update for m in messages[:-1]], messages[-1].response


@pytest.fixture(scope="module")
def paced_client():
    """A server whose every decoder step takes 20 ms more (`--step-delay-ms`), so the engine sends the
    progress of every step. Unpaced, a busy machine may let the engine's event loop fall behind its decode
    thread, and ProgressRelay then coalesces (rightly) a short text's whole progress into one update."""
    running = RunningServer(step_delay_ms=20)
    with TranslatorClient(running.address) as c:
        yield c
    running.close()


def test_greedy_updates_grow_token_by_token_into_the_unary_translation(paced_client):
    updates, response = stream(paced_client, TEXTS)
    assert_same_response(response, paced_client.translate_request(TEXTS))
    finals = [t.hypotheses[0].text for t in response.translations]
    for index, final in enumerate(finals):
        mine = [u for u in updates if u.index == index]
        if not final:
            assert not mine
            continue
        assert len(mine) >= len(final.split()) // 2, f"text {index} came in {len(mine)} updates: {final!r}"
        assert not any(u.revised for u in mine)
        assert "".join(u.appended for u in mine) == mine[-1].text
        assert all(final.startswith(u.text) for u in mine)
        assert mine[-1].text == final


def test_progress_relay_delivers_each_step_when_the_loop_keeps_up_and_the_latest_when_it_falls_behind():
    loop = asyncio.new_event_loop()
    delivered = []
    relay = ProgressRelay(loop, lambda index, tokens, final: delivered.append((index, list(tokens), final)))
    first, second = relay.reporter(0), relay.reporter(1)

    def live(prefix):
        return SimpleNamespace(done=False, best_prefix=prefix)

    def run_pending():  # one turn of the loop: the callbacks call_soon_threadsafe scheduled
        loop.call_soon(loop.stop)
        loop.run_forever()
    try:
        for n in range(1, 4):  # the loop keeps up: one delivery a step
            first(live([7] * n))
            run_pending()
        assert delivered == [(0, [7], False), (0, [7, 7], False), (0, [7, 7, 7], False)]
        delivered.clear()
        for n in range(1, 4):  # the loop falls behind: each text's latest, in one flush
            second(live([5] * n))
            first(live([7] * (3 + n)))
        finished = SimpleNamespace(done=True, result=lambda: [SimpleNamespace(tokens=[5, 5, 5, 2])])
        second(finished)
        run_pending()
        assert delivered == [(0, [7] * 6, False), (1, [5, 5, 5, 2], True)]
        run_pending()
        assert len(delivered) == 2, "a flush delivers each report once"
    finally:
        loop.close()


def test_beam_search_streams_its_best_beam_and_ends_with_the_unary_translation(client):
    updates, response = stream(client, TEXTS[:2], beam_size=4, n_best=2)
    assert_same_response(response, client.translate_request(TEXTS[:2], beam_size=4, n_best=2))
    assert {u.index for u in updates} == {0, 1}
    for u in updates:
        assert u.revised or u.appended


def test_a_bad_streaming_request_gets_its_code_and_message(client):
    with pytest.raises(grpc.RpcError) as err:
        stream(client, ["네."], beam_size=99)
    assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "beam_size=99" in err.value.details()


def test_the_cli_streams_the_same_final_text(server, client, capsys):
    assert translate_cli(["--address", server.address, "--stream", *TEXTS]) == 0
    assert capsys.readouterr().out.splitlines() == client.translate(TEXTS)


@pytest.fixture(scope="module")
def byte_fallback_spm(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spm")
    corpus = folder / "corpus.txt"
    corpus.write_text("\n".join(["the cat sat on the mat", "a dog ran in the park", "we went home"] * 50))
    spm.SentencePieceTrainer.train(input=str(corpus), model_prefix=str(folder / "m"), vocab_size=279,
                                   byte_fallback=True, character_coverage=1.0, minloglevel=2)
    return spm.SentencePieceProcessor(model_file=str(folder / "m.model"))


def test_streaming_detokenization_never_shows_a_partial_piece(byte_fallback_spm):
    text = "the café sat 한국어 at home 🙂 now"  # é, Hangul and the emoji are byte-fallback pieces here
    ids = byte_fallback_spm.encode(text)
    assert sum(byte_fallback_spm.is_byte(i) for i in ids) >= 10, "the test needs multi-byte fallback pieces"
    detokenizer = DocumentDetokenizer([byte_fallback_spm], ["", ""])  # a text sent whole: one segment
    shown = []
    for n in range(1, len(ids) + 1):
        update = detokenizer.update(0, ids[:n], n == len(ids))
        if update is not None:
            assert REPLACEMENT not in update.text and not update.revised
            shown.append(update)
    final = byte_fallback_spm.decode(ids)
    assert "".join(u.appended for u in shown) == final
    assert all(final.startswith(u.text) for u in shown)


class Words:
    """A detokenizer of word ids (1 → "one", ...), for documents whose sentences decode side by side."""

    WORDS = {1: "One", 2: "two.", 3: "Three", 4: "four.", 5: "Five"}

    def decode(self, ids):
        return " ".join(self.WORDS[i] for i in ids)


def test_a_documents_stream_shows_finished_sentences_then_the_first_unfinished_one():
    stream = DocumentDetokenizer([Words(), Words(), Words()], ["  ", " ", "\n\n", "\n"])
    steps = [(1, [3], False), (0, [1], False), (2, [5], False), (1, [3, 4], False), (1, [3, 4], True),
             (0, [1, 2], False), (0, [1, 2], True), (2, [5], True)]
    shown = [u for u in (stream.update(*step) for step in steps) if u is not None]
    assert [u.text for u in shown] == ["  One", "  One two.", "  One two. Three four.\n\nFive",
                                       "  One two. Three four.\n\nFive\n"]
    assert not any(u.revised for u in shown)  # sentence 2 and 3 waited for those before them
    assert "".join(u.appended for u in shown) == shown[-1].text


def test_a_final_text_shorter_than_what_was_shown_comes_as_a_revised_update():
    """A best beam, or placeholder coverage's held-back ending, can end before what was streamed: before the end
    a shorter text is held (a beam may fall back for a step), but the final one is always sent."""
    stream = DocumentDetokenizer([Words()], ["", ""])
    shown = [stream.update(0, [1, 2, 3], False), stream.update(0, [1, 2], False), stream.update(0, [1], True)]
    assert shown[1] is None  # held: the text may grow again
    assert (shown[2].text, shown[2].revised, shown[2].appended) == ("One", True, "")
    assert stream.update(0, [1], True) is None  # nothing new


def test_a_document_streams_every_sentence_into_the_unary_translation(client):
    document = "어제 카페에 갔어. 사과 세 개를 샀어요?\n\n우산을 잃어버렸어."
    updates, response = stream(client, [document])
    unary = client.translate_request([document])
    assert_same_response(response, unary)
    final = response.translations[0].hypotheses[0].text
    assert final.count("\n\n") == 1 and response.translations[0].sentences == 3
    assert updates and not any(u.revised for u in updates)
    assert all(final.startswith(u.text) for u in updates) and updates[-1].text == final
    whole_updates, whole = stream(client, [document], whole_texts=True)  # on request: one segment
    assert whole.translations[0].sentences == 1
