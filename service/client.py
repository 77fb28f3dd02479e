"""A small Python client and the `mt-translate` command.

    mt-translate "어제 카페에 갔어."                    # → I went to the cafe yesterday.
    echo "사과 세 개를 샀어요." | mt-translate --beam 4 --n-best 2 --scores
    mt-translate --list                                # models, versions, languages, limits
    mt-translate --stream "어제 카페에 갔어."           # prints the translation as it is decoded
    mt-translate --no-repeat-ngram 3 "그는 늦게까지 늦게 일했어요."   # no piece trigram twice (stops loops)
    mt-translate --prefix "Yesterday" --alternatives 4 "어제 카페에 갔어."  # 4 ways to go on after "Yesterday"
    mt-translate --sample-topk 0 --temperature 0.8 --seed 1 "어제 카페에 갔어."  # a reproducible random sample
    mt-translate --glossary terms.tsv --terms "계약서 말고 계약을 보내 주세요."   # terms.tsv: 계약<TAB>agreement
    mt-translate --format html "<p>어제 <b>카페</b>에 갔어요.</p>"   # → <p>I went to the <b>cafe</b> yesterday.</p>
    mt-translate --format markdown < README.ko.md

    with TranslatorClient("localhost:50051") as client:
        client.translate(["어제 카페에 갔어."], beam_size=4)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import grpc

from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc
from service.text.glossary import read_glossary

SERVICE = pb.DESCRIPTOR.services_by_name["Translator"].full_name


def retry_service_config(attempts: int) -> str:
    """gRPC's own retry policy for every Translator method: a call refused with UNAVAILABLE (a replica
    draining or still loading) or RESOURCE_EXHAUSTED (overload) is tried again, up to `attempts` times in
    all, after an exponential backoff with jitter, or after the server's retry hint
    (`grpc-retry-pushback-ms`) when it sends one. Streams are retried only before their first response,
    and every attempt counts against the call's one deadline."""
    policy = {"maxAttempts": attempts, "initialBackoff": "0.1s", "maxBackoff": "5s", "backoffMultiplier": 2,
              "retryableStatusCodes": ["UNAVAILABLE", "RESOURCE_EXHAUSTED"]}
    return json.dumps({"methodConfig": [{"name": [{"service": SERVICE}], "retryPolicy": policy}]})


class TranslatorClient:
    """`timeout` is every call's deadline (seconds; None for none); `attempts` how many times a refused call
    is tried in all (1: never again)."""

    def __init__(self, address: str = "localhost:50051", timeout: float | None = 30.0, attempts: int = 4) -> None:
        if not 1 <= attempts <= 5:  # gRPC caps maxAttempts at 5
            raise ValueError(f"attempts={attempts} must be between 1 and 5")
        options = [("grpc.enable_retries", int(attempts > 1))]
        if attempts > 1:
            options.append(("grpc.service_config", retry_service_config(attempts)))
        self.channel = grpc.insecure_channel(address, options=options)
        self.stub = pb_grpc.TranslatorStub(self.channel)
        self.timeout = timeout

    def __enter__(self) -> TranslatorClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.channel.close()

    @staticmethod
    def request(texts: list[str], model: str = "", version: int = 0, beam_size: int = 0, n_best: int = 0,
                max_length: int = 0, length_penalty: float | None = None, whole_texts: bool = False,
                target_prefix: list[str] | None = None, glossary: dict[str, str] | None = None,
                glossary_name: str = "", format: str = "text", **controls) -> pb.TranslateRequest:
        """`glossary`: source phrase → target phrase; `controls`: the other DecodingOptions fields by their
        proto names (no_repeat_ngram_size, repetition_penalty, sampling_topk, sampling_topp,
        sampling_temperature, seed, return_alternatives); None leaves one unset."""
        options = pb.DecodingOptions(beam_size=beam_size, n_best=n_best, max_length=max_length)
        if length_penalty is not None:
            options.length_penalty = length_penalty
        for name, value in controls.items():
            if value is not None:
                setattr(options, name, value)
        terms = [pb.GlossaryTerm(source=k, target=v) for k, v in (glossary or {}).items()]
        return pb.TranslateRequest(texts=texts, model=model, version=version, options=options, whole_texts=whole_texts,
                                   target_prefix=target_prefix or [], glossary=terms, glossary_name=glossary_name,
                                   format=pb.Format.Value(f"FORMAT_{format.upper()}"))

    def translate_request(self, texts: list[str], **kwargs) -> pb.TranslateResponse:
        return self.stub.Translate(self.request(texts, **kwargs), timeout=self.timeout)

    def translate_tokens(self, texts: list[str], **kwargs) -> Iterator[pb.TranslateTokensResponse]:
        """Updates of each text's translation as it is decoded; the last message holds the response."""
        return self.stub.TranslateTokens(self.request(texts, **kwargs), timeout=self.timeout)

    def translate(self, texts: list[str], **kwargs) -> list[str]:
        """The best translation of each text (raises grpc.RpcError with the server's status)."""
        return [t.hypotheses[0].text for t in self.translate_request(texts, **kwargs).translations]

    def list_models(self) -> pb.ListModelsResponse:
        return self.stub.ListModels(pb.ListModelsRequest(), timeout=self.timeout)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mt-translate", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("texts", nargs="*", help="texts to translate (default: one per line on standard input)")
    p.add_argument("--address", default="localhost:50051", help="server address (default: %(default)s)")
    p.add_argument("--model", default="", help="model name (default: the server's default)")
    p.add_argument("--version", type=int, default=0, help="model version (default: the newest)")
    p.add_argument("--beam", type=int, default=0, help="beam size (default: the server's, greedy)")
    p.add_argument("--n-best", type=int, default=0, help="hypotheses per text (default: 1)")
    p.add_argument("--max-length", type=int, default=0, help="most generated tokens (default: the server's limit)")
    p.add_argument("--length-penalty", type=float, help="rank by log P / length^penalty (default: 1.0)")
    p.add_argument("--no-repeat-ngram", type=int, metavar="N",
                   help="no n-gram of N pieces twice in an output (stops loops; default: off)")
    p.add_argument("--repetition-penalty", type=float, metavar="P",
                   help="divide the probability of pieces already output by P (> 1: fewer repeats; default: off)")
    p.add_argument("--sample-topk", type=int, metavar="K",
                   help="sample each piece from the K most likely (0: from all) instead of searching (default: off)")
    p.add_argument("--sample-topp", type=float, metavar="P", help="sample from the most likely pieces up to probability P")
    p.add_argument("--temperature", type=float, help="sampling temperature (default: 1)")
    p.add_argument("--seed", type=int, help="sampling seed: the same seed gives the same outputs (default: fresh)")
    p.add_argument("--prefix", metavar="TEXT", help="every translation starts with TEXT (its first sentence's)")
    p.add_argument("--alternatives", type=int, metavar="N",
                   help="N alternatives at the first position after --prefix, each continued greedily")
    p.add_argument("--format", choices=["text", "html", "markdown"], default="text",
                   help="what the texts are: with html or markdown the translation keeps the markup around the words "
                        "it enclosed (default: %(default)s)")
    p.add_argument("--glossary", type=Path, metavar="FILE",
                   help="terms to translate as given: a TSV file of source<TAB>target lines (# comments), at most "
                        "256 terms (larger glossaries go on the server: --glossary-name)")
    p.add_argument("--glossary-name", default="", metavar="NAME", help="a glossary the server holds (see --list)")
    p.add_argument("--terms", action="store_true", help="print the glossary terms applied to each text")
    p.add_argument("--scores", action="store_true", help="print each hypothesis's score")
    p.add_argument("--stream", action="store_true",
                   help="print each translation as it is decoded, token by token (beam search shows its "
                        "current best, which may be rewritten)")
    p.add_argument("--whole", action="store_true",
                   help="send each text as one segment instead of splitting it into sentences (default: split)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds before giving up (default: %(default)s)")
    p.add_argument("--attempts", type=int, default=4,
                   help="tries of a call the server refuses as overloaded or unavailable, with backoff and the "
                        "server's retry hint; 1 for no retry (default: %(default)s)")
    p.add_argument("--list", action="store_true", help="list the server's models and exit")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not 1 <= args.attempts <= 5:
        print(f"error: --attempts {args.attempts} must be between 1 and 5", file=sys.stderr)
        return 2
    for flag, value in (("--seed", args.seed), ("--sample-topk", args.sample_topk),
                        ("--no-repeat-ngram", args.no_repeat_ngram), ("--alternatives", args.alternatives)):
        if value is not None and value < 0:
            print(f"error: {flag} {value} must not be negative", file=sys.stderr)
            return 2
    glossary = None
    if args.glossary:
        try:
            glossary = {t.source: t.target for t in read_glossary(args.glossary).terms}
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            print(f"error: --glossary {args.glossary}: {exc}", file=sys.stderr)
            return 2
    with TranslatorClient(args.address, args.timeout, args.attempts) as client:
        try:
            if args.list:
                response = client.list_models()
                for m in response.models:
                    versions = ", ".join(f"{v.version} ({v.variant}, BLEU {v.bleu:.1f})" for v in m.versions)
                    default = " (default)" if m.name == response.default_model else ""
                    print(f"{m.name}{default}: {m.source_language} → {m.target_language}; versions {versions}; "
                          f"≤ {m.limits.max_texts_per_request} texts, ≤ {m.limits.max_source_tokens} tokens each, "
                          f"beam ≤ {m.limits.max_beam_size}")
                for g in response.glossaries:
                    print(f"glossary {g.name}: {g.terms} terms")
                if response.default_model:
                    print(f"texts that name no model: {response.default_model} ({response.default_variant}): "
                          f"{response.default_reason}")
                return 0
            # A document with markup spans lines: standard input is then one text.
            texts = args.texts or ([sys.stdin.read()] if args.format != "text" else
                                   [line.rstrip("\n") for line in sys.stdin])
            options = dict(model=args.model, version=args.version, beam_size=args.beam, n_best=args.n_best,
                           max_length=args.max_length, length_penalty=args.length_penalty, whole_texts=args.whole,
                           no_repeat_ngram_size=args.no_repeat_ngram, repetition_penalty=args.repetition_penalty,
                           sampling_topk=args.sample_topk, sampling_topp=args.sample_topp,
                           sampling_temperature=args.temperature, seed=args.seed, return_alternatives=args.alternatives,
                           target_prefix=[args.prefix] * len(texts) if args.prefix else None,
                           glossary=glossary, glossary_name=args.glossary_name, format=args.format)
            if args.stream:
                return print_stream(client.translate_tokens(texts, **options), args.scores)
            response = client.translate_request(texts, **options)
        except grpc.RpcError as exc:
            print(f"error: {exc.code().name}: {exc.details()}", file=sys.stderr)
            return 1
    for translation in response.translations:
        for h in translation.hypotheses:
            print(f"{h.score:.4f}\t{h.text}" if args.scores else h.text)
        if args.terms:
            print("terms applied: " + (", ".join(translation.glossary_terms) or "none"))
    return 0


def print_stream(messages: Iterator[pb.TranslateTokensResponse], scores: bool) -> int:
    """Prints the first text as it grows (on a terminal a revised text, when beam search changes its
    best, is rewritten in place), then every text's final translation, one per line."""
    tty = sys.stdout.isatty()
    shown = ""  # what the live line shows of text 0
    for message in messages:
        if message.HasField("update"):
            u = message.update
            if u.index != 0:
                continue
            if tty and u.revised:
                sys.stdout.write("\r\x1b[K" + u.text)
                shown = u.text
            elif u.text.startswith(shown):  # on a pipe a revision cannot be undone: only extensions show
                sys.stdout.write(u.text[len(shown):])
                shown = u.text
            sys.stdout.flush()
            continue
        for i, translation in enumerate(message.response.translations):
            best = translation.hypotheses[0]
            line = f"{best.score:.4f}\t{best.text}" if scores else best.text
            if i == 0 and shown:  # finish the live line
                if tty:
                    sys.stdout.write("\r\x1b[K")
                elif not scores and best.text.startswith(shown):
                    line = best.text[len(shown):]
                else:
                    sys.stdout.write("\n")
            print(line, flush=True)
    return 0

if __name__ == "__main__":
    sys.exit(main())
