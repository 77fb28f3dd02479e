"""Hostile requests against a real server: what each class of bad input gets back, and what it costs
in the server's log.

    python -m bench.fuzz                       # 50 of each class
    python -m bench.fuzz --per-class 200 --markdown out.md

Every class is sent from a plain gRPC channel (raw bytes where the client library would refuse to
build the request), and the table counts the status codes. The server's log is read at the end:
ERROR lines and tracebacks per class are what a disk-filling probe would buy. Last, the server's
resident memory around three bursts of large requests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
from tqdm import tqdm

from bench.server_process import ServerProcess
from bench.service_bench import copy_default_model
from proto.translate.v1 import translate_pb2 as pb
from service.front.wire import RawTranslateRequest

SENTENCE = "어제 카페에 갔어."
GARBAGE = b"\xff\xff\xff"
METHODS = {  # path: how to call it with raw bytes
    "/translate.v1.Translator/Translate": "unary_unary",
    "/translate.v1.Translator/TranslateTokens": "unary_stream",
    "/translate.v1.Translator/TranslateStream": "stream_stream",
    "/translate.v1.Translator/ListModels": "unary_unary",
    "/grpc.health.v1.Health/Check": "unary_unary",
    "/grpc.health.v1.Health/Watch": "unary_stream",
    "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo": "stream_stream",
}


def call(channel: grpc.Channel, path: str, payload: bytes, timeout: float = 10.0) -> str:
    kind = METHODS[path]
    try:
        method = getattr(channel, kind)(path)
        if kind == "unary_unary":
            method(payload, timeout=timeout)
        elif kind == "unary_stream":
            for _ in method(payload, timeout=timeout):
                pass
        else:
            for response in method(iter([payload]), timeout=timeout):
                if path.endswith("TranslateStream"):  # errors travel in the message, per request
                    message = pb.TranslateStreamResponse.FromString(response)
                    if message.HasField("error"):
                        return f"{grpc.StatusCode.INVALID_ARGUMENT.name if message.error.code == 3 else message.error.code} (in stream)"
        return "OK"
    except grpc.RpcError as exc:
        return exc.code().name


def translate(texts: list[str] | None = None, raw: bytes | None = None, **fields) -> bytes:
    if raw is not None:
        return raw
    return pb.TranslateRequest(texts=texts if texts is not None else [SENTENCE], **fields).SerializeToString()


def classes() -> dict[str, tuple[str, Callable[[], bytes], float]]:
    """name: (method path, payload maker, deadline)."""
    t = "/translate.v1.Translator/Translate"
    out = {f"malformed body → {path.rsplit('/', 1)[1]}": (path, lambda: GARBAGE, 10.0) for path in METHODS}
    out.update({
        "invalid UTF-8 text": (t, lambda: RawTranslateRequest(texts=[b"caf\xe9"]).SerializeToString(), 10.0),
        "16 KB model name": (t, lambda: translate(model="m" * 16384), 10.0),
        "65 texts": (t, lambda: translate([SENTENCE] * 65), 10.0),
        "no texts": (t, lambda: translate([]), 10.0),
        "beam 17": (t, lambda: translate(options=pb.DecodingOptions(beam_size=17)), 10.0),
        "NaN length penalty": (t, lambda: translate(options=pb.DecodingOptions(length_penalty=float("nan"))), 10.0),
        "text of 1 M characters (3 MB)": (t, lambda: translate(["가" * 1_000_000]), 10.0),
        "message of 5 MB": (t, lambda: translate(["가" * 1_700_000]), 10.0),
        "64 texts of 4,000 characters": (t, lambda: translate(["어제 카페에 갔어 " * 400] * 64), 10.0),
        "deadline of 1 ms": (t, lambda: translate(), 0.001),
    })
    return out


def large_message_bursts(server: ServerProcess, channel: grpc.Channel, bursts: int = 3) -> list[tuple[str, float]]:
    """The server's resident memory before, during and 2 s after bursts of large requests (each is
    tokenized, then refused for its token count)."""
    from bench.overload import RssSampler

    rss = RssSampler(server.proc.pid)
    payload = translate(["어제 카페에 갔어. " * 360] * 64)
    figures = [("before", rss.rss() / 2 ** 20)]
    with ThreadPoolExecutor(16) as pool:
        for burst in range(1, bursts + 1):
            rss.reset()
            list(pool.map(lambda _: call(channel, "/translate.v1.Translator/Translate", payload, 30.0), range(64)))
            peak = rss.peak
            time.sleep(2.0)
            figures += [(f"burst {burst}: peak", peak / 2 ** 20), (f"burst {burst}: 2 s after", rss.rss() / 2 ** 20)]
    rss.stop()
    return figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.fuzz", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--per-class", type=int, default=50, help="requests per class (default: %(default)s)")
    p.add_argument("--markdown", type=Path, help="write the table here too")
    args = p.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        copy_default_model(args.store, Path(tmp))
        with ServerProcess(Path(tmp)).wait_serving() as server, \
                grpc.insecure_channel(server.address, options=[("grpc.max_send_message_length", 64 * 2 ** 20)]) as ch:
            for name, (path, payload, deadline) in tqdm(classes().items(), desc="fuzz", unit="class"):
                before = len(server.log)
                data = payload()
                codes = Counter(call(ch, path, data, deadline) for _ in range(args.per_class))
                log = server.log[before:]
                rows.append((name, codes, log.count(" ERROR "), log.count("Traceback")))
            alive = call(ch, "/translate.v1.Translator/Translate", translate())
            total_log = len(server.log)
            memory = large_message_bursts(server, ch)
    lines = [f"| class ({args.per_class} requests each) | codes | ERROR lines | tracebacks |", "|---|---|---:|---:|"]
    for name, codes, errors, tracebacks in rows:
        shown = ", ".join(f"{code} {n}" for code, n in codes.most_common())
        lines.append(f"| {name} | {shown} | {errors} | {tracebacks} |")
    table = "\n".join(lines) + f"\n\nAfterwards a normal request: {alive}; the server's whole log: {total_log:,} bytes.\n\n"
    table += "| burst of 64 requests of 64 texts x 3,960 characters (16 at a time) | resident MiB |\n|---|---:|\n"
    table += "".join(f"| {name} | {mib:.0f} |\n" for name, mib in memory)
    print(table)
    if args.markdown:
        args.markdown.write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
