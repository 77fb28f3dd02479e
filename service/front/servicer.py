"""The gRPC servicer (in each front process): parse and validate, segment and tokenize, hand the token ids
to the engine (EngineClient), map results and errors to proto.

Domain errors (service/errors.py) become gRPC statuses here and nowhere else; every message names the
value and the limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import AsyncIterator

import grpc

from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc
from service.config import MAX_BEAM_SIZE, DecodingOptions
from service.text.documents import (MAX_SENTENCES_PER_REQUEST, MAX_TEXT_CHARS, Layout, assemble, check_lengths,
                                    segment, where)
from service.errors import BrokenGlossary, InvalidRequest, QueueFull, ServiceError, UnknownGlossary
from service.front.memory import MemoryReleaser
from service.metrics import ServiceMetrics
from service.front.catalog import FrontCatalog
from service.front.engine_client import EngineClient
from service.messages import Hyp
from service.text.glossary import MAX_REQUEST_TERMS, Glossaries, Glossary, GlossaryError, Term
from service.text.markup import HTML, MARKDOWN, Document, MarkupError, parse
from service.text.model import TextModel
from service.text.placeholders import CLOSE, OPEN, SYMBOLS, whole_word
from service.work import Priority, WorkItem
from service.text.streaming import DocumentDetokenizer
from service.front.wire import Undecodable

log = logging.getLogger(__name__)

MAX_TEXTS_PER_REQUEST = 64
MAX_CHARS_PER_TOKEN = 16  # SentencePiece's default max_piece_length: no piece is longer
# Large requests tokenized at once at most: each holds ~15x its message size while it is (texts, token
# lists), so this bounds what a flood of them can take (docs/reliability.md).
MAX_LARGE_IN_FLIGHT = 8
INLINE_TOKENIZE_CHARS = 2000  # requests with more characters are tokenized off the event loop (~20 µs per 100)


class LargeRequests:
    """One server's large requests (over INLINE_TOKENIZE_CHARS): how many are being tokenized (on the
    event loop only), and the memory they leave behind, given back after a burst."""

    def __init__(self) -> None:
        self.in_flight = 0
        self.releaser = MemoryReleaser()


def decoding_options(request: pb.TranslateRequest, engine: TextModel, no_repeat_ngram_size: int = 0
                     ) -> DecodingOptions:
    """The request's options with the wire defaults (0 / unset) filled in, and the server's own default
    `no_repeat_ngram_size` where the request leaves it unset; DecodingOptions itself checks every range,
    and only the model's own output limit is checked here."""
    o = request.options
    if o.max_length > engine.max_target_tokens:
        raise InvalidRequest(f"options.max_length={o.max_length} is out of range: 1 to {engine.max_target_tokens} "
                             f"for model {engine.name}")
    beam_size, n_best = o.beam_size or 1, o.n_best or 1
    if o.return_alternatives:
        if not 2 <= o.return_alternatives <= MAX_BEAM_SIZE:
            raise InvalidRequest(f"options.return_alternatives={o.return_alternatives} must be between 2 and "
                                 f"{MAX_BEAM_SIZE}")
        if o.beam_size not in (0, o.return_alternatives) or o.n_best not in (0, o.return_alternatives):
            raise InvalidRequest(f"options.return_alternatives={o.return_alternatives} returns that many hypotheses: "
                                 f"leave beam_size ({o.beam_size}) and n_best ({o.n_best}) unset")
        beam_size = n_best = o.return_alternatives

    def given(name: str, default: float) -> float:
        return getattr(o, name) if o.HasField(name) else default

    try:
        return DecodingOptions(beam_size=beam_size, n_best=n_best, length_penalty=given("length_penalty", 1.0),
                               max_length=o.max_length or engine.max_target_tokens,
                               no_repeat_ngram_size=int(given("no_repeat_ngram_size", no_repeat_ngram_size)),
                               repetition_penalty=given("repetition_penalty", 1.0),
                               sampling_topk=int(given("sampling_topk", 1)), sampling_topp=given("sampling_topp", 1.0),
                               sampling_temperature=given("sampling_temperature", 1.0),
                               seed=o.seed if o.HasField("seed") else None, alternatives=bool(o.return_alternatives))
    except ValueError as exc:
        raise InvalidRequest(f"options.{exc}") from exc


def target_prefixes(request: pb.TranslateRequest, engine: TextModel, options: DecodingOptions,
                    layouts: list[Layout], sources: list[list[int]], fills: list[tuple[str, ...]]) -> list[list[int]]:
    """Per segment, the target ids its output must start with (a text's prefix goes to its first segment);
    [] when the request has none. A span of the segment's placeholders (a number, a name, a glossary term)
    written in the prefix becomes that placeholder, so the output does not carry it twice."""
    if not request.target_prefix:
        return []
    if len(request.target_prefix) != len(layouts):
        raise InvalidRequest(f"target_prefix has {len(request.target_prefix)} entries for {len(layouts)} texts: "
                             "send none, or one per text")
    prefixes: list[list[int]] = [[] for _ in range(len(sources))]
    for i, (text, layout) in enumerate(zip(request.target_prefix, layouts)):
        if not text:
            continue
        if not layout.count or not sources[layout.start]:
            raise InvalidRequest(f"text {i} is blank but has a target prefix: there is nothing to translate after it")
        if OPEN in text or CLOSE in text:
            raise InvalidRequest(f"target_prefix[{i}] holds a placeholder bracket ({OPEN} {CLOSE})")
        for j, fill in enumerate(fills[layout.start] if fills else ()):
            text = whole_word(fill).sub(SYMBOLS[j], text)
        ids = engine.encode_target(text)
        if len(ids) >= options.max_length:
            raise InvalidRequest(f"target_prefix[{i}] has {len(ids)} target tokens; with max_length="
                                 f"{options.max_length} it may have at most {options.max_length - 1}")
        prefixes[layout.start] = ids
    return prefixes


async def encode_texts(texts: list[str], engine: TextModel, whole: bool, large_requests: LargeRequests,
                       glossary: Glossary | None = None, markup: list[Document] | None = None
                       ) -> tuple[list[list[int]], list[tuple[str, ...]], list[Layout], list[list[Term]]]:
    """SentencePiece ids of each segment (each sentence, or each text sent whole), the spans its
    placeholders stand for (service/text/placeholders.py) and each text's layout,
    after the checks that cost nothing: counts and characters (a SentencePiece piece spans at most
    MAX_CHARS_PER_TOKEN characters, so a longer segment cannot fit the model). Large requests are split
    and tokenized on a worker thread, so one of them does not stall the event loop that every other
    call goes through (a 5 MB text tokenized inline stalled every call by 120-450 ms). With `markup` (one
    parsed document per text, service/text/markup.py), what is translated is each document's words
    (`Document.to_translate`), and the layouts are theirs."""
    if markup is not None:
        return await _encode_markup(texts, markup, engine, whole, large_requests, glossary)
    check_count(texts)
    return await _encode(texts, engine, whole, large_requests, glossary)


def check_count(texts) -> None:
    if not texts:
        raise InvalidRequest(f"texts is empty: send 1 to {MAX_TEXTS_PER_REQUEST} texts")
    if len(texts) > MAX_TEXTS_PER_REQUEST:
        raise InvalidRequest(f"{len(texts)} texts in one request; the limit is {MAX_TEXTS_PER_REQUEST}")


async def _encode_markup(texts: list[str], docs: list[Document], engine: TextModel, whole: bool,
                         large_requests: LargeRequests, glossary: Glossary | None
                         ) -> tuple[list[list[int]], list[tuple[str, ...]], list[Layout], list[list[Term]]]:
    asked = [item for doc in docs for item in doc.to_translate()]
    if len(asked) > MAX_SENTENCES_PER_REQUEST:
        raise InvalidRequest(f"the texts hold more than {MAX_SENTENCES_PER_REQUEST} runs of text and inline elements; "
                             "send fewer per request")
    if not asked:
        return [], [], [], []
    owner = [i for i, doc in enumerate(docs) for _ in doc.to_translate()]
    try:
        return await _encode([text for text, _ in asked], engine, whole, large_requests, glossary,
                             [fills for _, fills in asked])
    except InvalidRequest as exc:  # it names a run of words: say which request text holds it
        raise InvalidRequest(re.sub(r"texts\[(\d+)\]", lambda m: f"texts[{owner[int(m.group(1))]}]", str(exc),
                                    count=1)) from exc


async def _encode(texts: list[str], engine: TextModel, whole: bool, large_requests: LargeRequests,
                  glossary: Glossary | None, markers: list[dict] | None = None
                  ) -> tuple[list[list[int]], list[tuple[str, ...]], list[Layout], list[list[Term]]]:
    large = sum(map(len, texts)) > INLINE_TOKENIZE_CHARS
    if large:
        large_requests.releaser.after_large_request()  # what it allocates goes back once the burst is over
    max_chars = engine.max_source_tokens * MAX_CHARS_PER_TOKEN
    check_lengths(texts, whole, max_chars)

    def tokenize() -> tuple[list[str], list[Layout], tuple[list[list[int]], list[tuple[str, ...]]]]:
        segments, layouts = segment(texts, whole, max_chars)
        if not markers:
            return segments, layouts, engine.prepare(segments, glossary)
        owner = [i for i, layout in enumerate(layouts) for _ in range(layout.count)]
        try:
            return segments, layouts, engine.prepare(segments, glossary, [markers[i] for i in owner])
        except ValueError as exc:
            raise InvalidRequest(str(exc)) from exc

    if large:
        if large_requests.in_flight >= MAX_LARGE_IN_FLIGHT:
            raise QueueFull(f"{large_requests.in_flight} large requests (over {INLINE_TOKENIZE_CHARS} characters) "
                            "are being tokenized; retry shortly", retry_after=0.1)
        large_requests.in_flight += 1
        try:
            segments, layouts, (sources, fills) = await asyncio.to_thread(tokenize)
        finally:
            large_requests.in_flight -= 1
    else:
        segments, layouts, (sources, fills) = tokenize()
    for k, ids in enumerate(sources):
        if len(ids) + 1 > engine.max_source_tokens:
            raise InvalidRequest(f"{where(layouts, segments, k)} has {len(ids) + 1} tokens (with EOS); model "
                                 f"{engine.name} accepts at most {engine.max_source_tokens}")
    found = [[term for _, _, term in glossary.find_terms(text)] for text in segments] if glossary else []
    return sources, fills, layouts, found


FORMATS = {pb.FORMAT_TEXT: None, pb.FORMAT_HTML: HTML, pb.FORMAT_MARKDOWN: MARKDOWN}
MARKUP_INLINE_SEGMENTS = 64  # a markup request decoded in more segments is rendered off the event loop
MAX_MARKUP_CHARS = 5 * MAX_TEXT_CHARS  # a text with markup: its words are held to MAX_TEXT_CHARS per run


async def parse_markup(request: pb.TranslateRequest, engine: TextModel, options: DecodingOptions
                       ) -> list[Document] | None:
    """Each text parsed for its format, or None for plain text; INVALID_ARGUMENT for what markup cannot take."""
    if request.format not in FORMATS:
        raise InvalidRequest(f"format {request.format} is not one of {sorted(FORMATS)} (FORMAT_TEXT, FORMAT_HTML, "
                             "FORMAT_MARKDOWN)")
    fmt = FORMATS[request.format]
    if fmt is None:
        return None
    name = pb.Format.Name(request.format)
    if options.n_best > 1 or options.alternatives or request.target_prefix:
        raise InvalidRequest(f"format {name} returns one translation per text: n_best, return_alternatives and "
                             "target_prefix are for plain text")
    if not engine.takes_glossaries:
        raise InvalidRequest(f"model {engine.name} was not trained with placeholders: it cannot take format {name}")
    check_count(request.texts)
    for i, text in enumerate(request.texts):
        if len(text) > MAX_MARKUP_CHARS:
            raise InvalidRequest(f"texts[{i}] has {len(text)} characters; a text with markup may have at most "
                                 f"{MAX_MARKUP_CHARS}")

    def parse_all() -> list[Document]:
        docs = []
        for i, text in enumerate(request.texts):
            try:
                docs.append(parse(text, fmt))
            except MarkupError as exc:
                raise InvalidRequest(f"texts[{i}] is not {name} this server can take: {exc}") from exc
        return docs

    # a large document is parsed off the event loop, as large plain texts are tokenized
    large = sum(map(len, request.texts)) > INLINE_TOKENIZE_CHARS
    return await asyncio.to_thread(parse_all) if large else parse_all()


def request_glossary(request: pb.TranslateRequest, engine: TextModel, glossaries: Glossaries) -> Glossary | None:
    """The request's own terms with the named glossary's (its own win), or None."""
    named = own = None
    if request.glossary_name:
        try:
            named = glossaries.get(request.glossary_name)
        except KeyError:
            held = ", ".join(glossaries.names()) or "none"
            raise UnknownGlossary(f"glossary {request.glossary_name[:64]!r} not found; this server holds: {held}") from None
        except GlossaryError as exc:
            raise BrokenGlossary(str(exc)) from exc
    if request.glossary:
        if len(request.glossary) > MAX_REQUEST_TERMS:
            raise InvalidRequest(f"glossary has {len(request.glossary)} terms; a request may carry at most "
                                 f"{MAX_REQUEST_TERMS} (more go in a server glossary, glossary_name)")
        try:
            own = Glossary.of((Term(t.source, t.target) for t in request.glossary), "request", MAX_REQUEST_TERMS)
        except GlossaryError as exc:
            raise InvalidRequest(str(exc)) from exc
    glossary = named.merged(own) if named and own else named or own
    if glossary and not engine.takes_glossaries:
        raise InvalidRequest(f"model {engine.name} was not trained with placeholders: it cannot take a glossary")
    return glossary


def applied_terms(found: list[Term], fills: tuple[str, ...], output: str) -> list[str]:
    """The source phrases of `found` (one segment's occurrences) whose every occurrence the output (target
    text before its placeholders are filled) renders: its placeholder as often as the phrase occurs."""
    applied = []
    for term in dict.fromkeys(found):
        if term.target in fills and output.count(SYMBOLS[fills.index(term.target)]) >= found.count(term):
            applied.append(term.source)
    return applied


def retry_hint(exc: ServiceError) -> tuple[tuple[str, str], ...]:
    """gRPC's retry hint for a refusal that says when to come back: clients with a retry policy for the
    code wait that long before their next attempt (instead of their own backoff)."""
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is None:
        return ()
    return (("grpc-retry-pushback-ms", str(max(1, round(retry_after * 1000)))),)


# TranslateRequest.priority -> the engine's class; None: PRIORITY_AUTO, decided by the request's rows
PRIORITIES: dict[int, Priority | None] = {pb.PRIORITY_AUTO: None, pb.PRIORITY_INTERACTIVE: Priority.INTERACTIVE,
                                          pb.PRIORITY_BATCH: Priority.BATCH}
CLIENT_ID_KEY = "x-client-id"
MAX_CLIENT_ID = 128


def client_id(context: grpc.aio.ServicerContext) -> str:
    """The caller's `x-client-id` metadata (its requests share one fair share of decoding), or ""."""
    for key, value in context.invocation_metadata() or ():
        if key == CLIENT_ID_KEY:
            if not isinstance(value, str) or not 0 < len(value) <= MAX_CLIENT_ID or not value.isprintable():
                raise InvalidRequest(f"metadata {CLIENT_ID_KEY} must be 1 to {MAX_CLIENT_ID} printable characters")
            return value
    return ""


class TranslatorServicer(pb_grpc.TranslatorServicer):
    def __init__(self, registry: FrontCatalog, scheduler: EngineClient, metrics: ServiceMetrics,
                 no_repeat_ngram_size: int = 0, glossaries: Glossaries | None = None) -> None:
        self.registry, self.scheduler, self.metrics = registry, scheduler, metrics
        self.no_repeat_ngram_size = no_repeat_ngram_size  # for requests that leave it unset
        self.glossaries = glossaries or Glossaries(None)
        self.large_requests = LargeRequests()
        self.in_flight = 0  # calls between arrival and answer (a draining front waits for them)

    async def _work_item(self, request: pb.TranslateRequest | Undecodable, time_remaining: float | None,
                         client: str = "", whole: bool | None = None) -> tuple[TextModel, list[Layout], WorkItem]:
        """Validate a request and make it the scheduler's work item (raises InvalidRequest, UnknownModel)."""
        if isinstance(request, Undecodable):
            raise InvalidRequest(request.reason)
        if request.priority not in PRIORITIES:
            raise InvalidRequest(f"priority {request.priority} is not one of {sorted(PRIORITIES)} "
                                 "(PRIORITY_AUTO, PRIORITY_INTERACTIVE, PRIORITY_BATCH)")
        engine = self.registry.get(request.model or None, request.version or None)
        deadline = time.monotonic() + time_remaining if time_remaining is not None else None
        options = decoding_options(request, engine, self.no_repeat_ngram_size)
        whole = request.whole_texts if whole is None else whole
        glossary = request_glossary(request, engine, self.glossaries)
        docs = await parse_markup(request, engine, options)
        self.scheduler.check_queue(deadline, len(request.texts))  # before tokenizing what would only be refused
        sources, fills, layouts, found = await encode_texts(list(request.texts), engine, whole, self.large_requests,
                                                            glossary, docs)
        prefixes = target_prefixes(request, engine, options, layouts, sources, fills)
        priority = PRIORITIES[request.priority]
        if priority is None:  # PRIORITY_AUTO: by size
            priority = self.scheduler.config.auto_priority(sum(1 for ids in sources if ids) * options.beam_size)
        return engine, layouts, WorkItem(engine, sources, options, deadline, asyncio.get_running_loop().create_future(),
                                         fills=fills, priority=priority, client=client, prefixes=prefixes,
                                         glossary_found=found, markup=docs, glossary=glossary)

    def _response(self, engine: TextModel, item: WorkItem, layouts: list[Layout], results: list[list[Hyp]]
                  ) -> pb.TranslateResponse:
        response = pb.TranslateResponse(model=engine.name, version=engine.version)
        self._count_tokens(engine, item.sources, results)
        for layout in layouts:
            read = [ids for ids in item.sources[layout.start: layout.start + layout.count] if ids]  # blank: none
            translation = response.translations.add(source_tokens=sum(len(ids) + 1 for ids in read),
                                                     sentences=len(read))
            if item.glossary_found:  # a term is reported when every sentence that has it renders it
                seen: dict[str, None] = {}
                missed = set()
                for k in range(layout.start, layout.start + layout.count):
                    found = item.glossary_found[k]
                    applied = applied_terms(found, item.fills[k], engine.target_tokenizer.decode(results[k][0].tokens))
                    seen.update(dict.fromkeys(t.source for t in found))
                    missed.update(t.source for t in found if t.source not in applied)
                translation.glossary_terms.extend(source for source in seen if source not in missed)
            for h in assemble(layout, results, lambda k, tokens: engine.detokenizer(item.fills[k]).decode(tokens),
                              first_only=item.options.alternatives):
                translation.hypotheses.add(text=h.text, score=h.score, log_prob=h.log_prob, finished=h.finished)
        return response

    @staticmethod
    def _texts(engine: TextModel, fills: list, layouts: list[Layout], results: list[list[Hyp]], fmt: str) -> list[str]:
        """The best translation of each text a markup round asked for (escaped, copy markers in place)."""
        return [assemble(layout, results, lambda k, tokens: engine.detokenizer(fills[k], fmt).decode(tokens))[0].text
                for layout in layouts]

    def _count_tokens(self, engine: TextModel, sources: list[list[int]], results: list[list[Hyp]]) -> None:
        for ids in sources:
            self.metrics.input_tokens.labels(engine.name).observe(len(ids) + 1)
        for hyps in results:
            self.metrics.output_tokens.labels(engine.name).observe(len(hyps[0].tokens))
            self.metrics.generated_tokens.labels(engine.name, str(engine.version)).inc(len(hyps[0].tokens))

    async def _markup_rounds(self, engine: TextModel, item: WorkItem, layouts: list[Layout], results: list[list[Hyp]]
                             ) -> pb.TranslateResponse:
        """The second round for the elements the first cannot place (service/text/markup.py), then each document
        rendered: one hypothesis, scored as a document of its own sentences."""
        fmt = item.markup[0].format if item.markup else None
        first, at = [], 0
        texts = self._texts(engine, item.fills, layouts, results, fmt)
        for doc in item.markup:
            first.append(texts[at: at + len(doc.is_main())])
            at += len(doc.is_main())
        asked = [doc.to_ablate(got) for doc, got in zip(item.markup, first)]
        flat = [entry for entries in asked for entry in entries]
        second: list[list[str]] = [[] for _ in asked]
        if flat:
            sources, fills, layouts2, _ = await _encode([text for text, _ in flat], engine, False, self.large_requests,
                                                        item.glossary, [f for _, f in flat])
            again = WorkItem(engine, sources, item.options, item.deadline, asyncio.get_running_loop().create_future(),
                             fills=fills, priority=item.priority, client=item.client)
            texts, at = self._texts(engine, fills, layouts2, await self.scheduler.submit(again), fmt), 0
            for n, entries in enumerate(asked):
                second[n] = texts[at: at + len(entries)]
                at += len(entries)
        response = pb.TranslateResponse(model=engine.name, version=engine.version)
        rendered = [doc.render(got, more) for doc, got, more in zip(item.markup, first, second)] \
            if len(item.sources) < MARKUP_INLINE_SEGMENTS else await asyncio.to_thread(
                lambda: [doc.render(got, more) for doc, got, more in zip(item.markup, first, second)])
        at = 0
        for doc, text in zip(item.markup, rendered):
            main = doc.is_main()
            mine = layouts[at: at + len(main)]
            at += len(main)
            # its own sentences (not the helpers that place its elements) make its counts and scores
            segments = [k for layout, own in zip(mine, main) if own
                        for k in range(layout.start, layout.start + layout.count)]
            read = [item.sources[k] for k in segments if item.sources[k]]
            chosen = [results[k][0] for k in segments if item.sources[k]]
            self._count_tokens(engine, read, [[h] for h in chosen])  # its own sentences, as for plain text
            translation = response.translations.add(source_tokens=sum(len(ids) + 1 for ids in read),
                                                     sentences=len(read))
            translation.hypotheses.add(text=text, score=sum(h.score for h in chosen) / max(len(chosen), 1),
                                       log_prob=sum(h.log_prob for h in chosen), finished=all(h.finished for h in chosen))
        return response

    async def _translate(self, request: pb.TranslateRequest | Undecodable, time_remaining: float | None,
                         client: str) -> pb.TranslateResponse:
        engine, layouts, item = await self._work_item(request, time_remaining, client)
        results = await self.scheduler.submit(item)
        if item.markup is not None:
            return await self._markup_rounds(engine, item, layouts, results)
        return self._response(engine, item, layouts, results)

    def _record(self, method: str, code: grpc.StatusCode, started: float) -> None:
        """Count a finished request. Called before the answer goes out, so that a client that has
        its answer also sees it counted."""
        self.metrics.requests.labels(method, code.name).inc()
        self.metrics.request_duration.labels(method).observe(time.monotonic() - started)

    @contextlib.asynccontextmanager
    async def _answering(self, method: str, context: grpc.aio.ServicerContext) -> AsyncIterator[None]:
        """Map what the body raises to the call's status (domain errors to their codes, anything else to
        INTERNAL) and count the call; the OK count comes when the body finishes without error."""
        started = time.monotonic()
        self.in_flight += 1
        try:
            yield
        except ServiceError as exc:
            self._record(method, exc.code, started)
            await context.abort(exc.code, str(exc), trailing_metadata=retry_hint(exc))
        except asyncio.CancelledError:
            self._record(method, grpc.StatusCode.CANCELLED, started)
            raise
        except Exception:
            log.exception("%s failed", method)
            self._record(method, grpc.StatusCode.INTERNAL, started)
            await context.abort(grpc.StatusCode.INTERNAL, "internal error (logged on the server)")
        finally:
            self.in_flight -= 1
        self._record(method, grpc.StatusCode.OK, started)

    async def Translate(self, request: pb.TranslateRequest, context: grpc.aio.ServicerContext) -> pb.TranslateResponse:
        async with self._answering("Translate", context):
            response = await self._translate(request, context.time_remaining(), client_id(context))
        return response

    async def TranslateStream(self, request_iterator: AsyncIterator[pb.TranslateStreamRequest],
                              context: grpc.aio.ServicerContext) -> AsyncIterator[pb.TranslateStreamResponse]:
        """Every request becomes a task as it arrives; results are sent as they complete."""
        try:
            client = client_id(context)
        except InvalidRequest as exc:
            await context.abort(exc.code, str(exc))
        done: asyncio.Queue[pb.TranslateStreamResponse | None] = asyncio.Queue()
        tasks: set[asyncio.Task] = set()

        async def one(message: pb.TranslateStreamRequest) -> None:
            started = time.monotonic()
            try:
                response = await self._translate(message.request, context.time_remaining(), client)
            except ServiceError as exc:
                self._record("TranslateStream", exc.code, started)
                await done.put(pb.TranslateStreamResponse(
                    id=message.id, error=pb.StreamError(code=exc.code.value[0], message=str(exc))))
                return
            except asyncio.CancelledError:
                self._record("TranslateStream", grpc.StatusCode.CANCELLED, started)
                raise
            except Exception:  # a bug fails this request alone; the stream goes on
                log.exception("TranslateStream request %r failed", message.id)
                self._record("TranslateStream", grpc.StatusCode.INTERNAL, started)
                await done.put(pb.TranslateStreamResponse(id=message.id, error=pb.StreamError(
                    code=grpc.StatusCode.INTERNAL.value[0], message="internal error (logged on the server)")))
                return
            self._record("TranslateStream", grpc.StatusCode.OK, started)
            await done.put(pb.TranslateStreamResponse(id=message.id, response=response))

        async def read() -> None:
            async for message in request_iterator:
                task = asyncio.create_task(one(message))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
            while tasks:
                await asyncio.gather(*list(tasks))
            await done.put(None)

        reader = asyncio.create_task(read())
        try:
            while (item := await done.get()) is not None:
                yield item
            await reader
        finally:
            reader.cancel()
            for task in list(tasks):
                task.cancel()

    async def TranslateTokens(self, request: pb.TranslateRequest,
                              context: grpc.aio.ServicerContext) -> AsyncIterator[pb.TranslateTokensResponse]:
        """Updates of each text's translation as the running batch decodes it, then the response."""
        task: asyncio.Future | None = None
        async with self._answering("TranslateTokens", context):
            # An update's index is its text's; a text sent as sentences (the default, as for Translate) shows
            # its finished sentences and then the first unfinished one's stable prefix.
            if not isinstance(request, Undecodable) and request.format != pb.FORMAT_TEXT:
                raise InvalidRequest(f"format {pb.Format.Name(request.format) if request.format in FORMATS else request.format} "
                                     "is answered whole: use Translate or TranslateStream")
            engine, layouts, item = await self._work_item(request, context.time_remaining(), client_id(context))
            updates: asyncio.Queue[pb.TranslateTokensResponse | None] = asyncio.Queue()
            streams, owner = [], {}  # per text its detokenizer; per segment (text, segment within the text)
            for text, layout in enumerate(layouts):
                decoders = [engine.detokenizer(item.fills[k]) for k in range(layout.start, layout.start + layout.count)]
                streams.append(DocumentDetokenizer(decoders, layout.separators or ["", ""]))  # whole: one segment
                owner.update({layout.start + k: (text, k) for k in range(layout.count)})

            def progress(index: int, tokens: list[int], done: bool) -> None:  # on the event loop, after a step
                text, k = owner[index]
                update = streams[text].update(k, tokens, done)
                if update is not None:
                    updates.put_nowait(pb.TranslateTokensResponse(update=pb.TranslationUpdate(
                        index=text, text=update.text, appended=update.appended, revised=update.revised)))

            item.on_progress = progress
            task = asyncio.ensure_future(self.scheduler.submit(item))
            task.add_done_callback(lambda _: updates.put_nowait(None))
            # If the caller goes away first, nobody awaits the task: its outcome is read here, not logged.
            task.add_done_callback(lambda t: t.cancelled() or t.exception())
            try:
                while (message := await updates.get()) is not None:
                    yield message
                response = self._response(engine, item, layouts, await task)
            finally:
                if not task.done():
                    task.cancel()  # the caller went away: its rows leave the running batch at the next step
        yield pb.TranslateTokensResponse(response=response)

    async def ListModels(self, request: pb.ListModelsRequest, context: grpc.aio.ServicerContext) -> pb.ListModelsResponse:
        snapshot = self.registry.snapshot
        default = self.registry.default
        response = pb.ListModelsResponse(default_model=self.registry.default_model or "",
                                         default_variant=default.variant, default_reason=default.reason)
        for name in sorted(snapshot.engines):
            versions = snapshot.engines[name]
            newest = versions[max(versions)]
            info = response.models.add(name=name, source_language=newest.manifest.source_language,
                                       target_language=newest.manifest.target_language)
            for number in sorted(versions):
                m = versions[number].manifest
                info.versions.add(version=number, variant=m.variant, bleu=m.scores.get("test", {}).get("bleu", 0.0))
            info.limits.CopyFrom(pb.ModelLimits(max_texts_per_request=MAX_TEXTS_PER_REQUEST,
                                                max_source_tokens=newest.max_source_tokens,
                                                max_output_tokens=newest.max_target_tokens,
                                                max_beam_size=MAX_BEAM_SIZE, max_text_characters=MAX_TEXT_CHARS))
        for name in self.glossaries.names():
            try:
                terms = len(self.glossaries.get(name))
            except (KeyError, GlossaryError):
                terms = 0  # the server's log says why
            response.glossaries.add(name=name, terms=terms)
        self.metrics.requests.labels("ListModels", "OK").inc()
        return response
