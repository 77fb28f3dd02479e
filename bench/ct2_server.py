"""What a user would build instead of kotranslate: CTranslate2 behind a minimal grpc.aio server.

    python -m bench.ct2_server --store model_store --model ko-en --port 50061 --threads 2

It speaks `translate.v1` (Translate only, greedy or beam) with the usual dynamic batching: calls queue
on the event loop, and whenever the translator is free everything waiting (up to --max-batch texts)
goes to one `translate_batch` on a worker thread (CTranslate2 releases the GIL while it computes).
Tokenization and detokenization use the same TextModel as kotranslate's fronts, so both servers see the
same token ids and give the same words; the weights are the model version's, converted by
bench/ctranslate2_convert.py. No admission, no deadlines, no documents: the baseline of
bench/served_baseline.py.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import tempfile
from pathlib import Path

import grpc

from bench.ctranslate2_convert import ExportedModelConverter, _ctranslate2, read_vocabularies
from model_store import ModelStore
from proto.translate.v1 import translate_pb2 as pb
from proto.translate.v1 import translate_pb2_grpc as pb_grpc
from service.text.model import TextModel

log = logging.getLogger("ct2-server")


class Ct2Translator(pb_grpc.TranslatorServicer):
    def __init__(self, translator, text: TextModel, target_vocab: list[str], max_batch: int) -> None:
        self.translator, self.text, self.max_batch = translator, text, max_batch
        self.token_id = {token: i for i, token in enumerate(target_vocab)}
        self.source_pieces = read_source_pieces(text)
        self.queue: asyncio.Queue = asyncio.Queue()
        self.worker: asyncio.Task | None = None

    def start(self) -> None:
        self.worker = asyncio.get_running_loop().create_task(self._batches())

    async def Translate(self, request: pb.TranslateRequest, context) -> pb.TranslateResponse:
        beam = request.options.beam_size or 1
        sources, fills = self.text.prepare(list(request.texts))
        futures = []
        for ids in sources:
            future = asyncio.get_running_loop().create_future()
            await self.queue.put(([self.source_pieces[i] for i in ids], beam, len(ids) + 1, future))
            futures.append(future)
        response = pb.TranslateResponse(model=self.text.name, version=self.text.version)
        for future, f in zip(futures, fills):
            tokens = await future
            ids = [self.token_id[t] for t in tokens]
            response.translations.add().hypotheses.add(text=self.text.detokenizer(f).decode(ids), finished=True)
        return response

    async def _batches(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            batch = [await self.queue.get()]
            while len(batch) < self.max_batch and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            for beam in sorted({b for _, b, _, _ in batch}):  # one call per beam size
                group = [x for x in batch if x[1] == beam]
                limit = max(2 * n + 10 for _, _, n, _ in group)  # the served DecodingOptions' default limit
                results = await loop.run_in_executor(None, lambda g=group, b=beam, m=limit: self.translator.translate_batch(
                    [x[0] for x in g], beam_size=b, max_decoding_length=m, max_input_length=0, return_end_token=False))
                for (_, _, _, future), result in zip(group, results):
                    if not future.done():
                        future.set_result(result.hypotheses[0])


def read_source_pieces(text: TextModel) -> list[str]:
    tokenizer = text.source_tokenizer
    return [tokenizer.id_to_piece(i) for i in range(tokenizer.get_piece_size())]


async def serve(args: argparse.Namespace) -> None:
    version = ModelStore(args.store).open(args.model, args.version)
    ct2_dir = Path(tempfile.mkdtemp(prefix="ct2-server-")) / "model"
    ExportedModelConverter.from_version_dir(version.path).convert(ct2_dir, quantization=args.quantization)
    ctranslate2 = _ctranslate2()
    translator = ctranslate2.Translator(str(ct2_dir), device="cpu", inter_threads=1, intra_threads=args.threads,
                                        compute_type=args.compute_type)
    _, target_vocab = read_vocabularies(ct2_dir)
    servicer = Ct2Translator(translator, TextModel.load(version), target_vocab, args.max_batch)
    server = grpc.aio.server()
    pb_grpc.add_TranslatorServicer_to_server(servicer, server)
    port = server.add_insecure_port(f"{args.host}:{args.port}")
    await server.start()
    servicer.start()
    log.info("gRPC listening on %s:%d (CTranslate2 %s, %s, %d threads)", args.host, port, ctranslate2.__version__,
             args.compute_type, args.threads)
    await server.wait_for_termination()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m bench.ct2_server", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, default=Path("model_store"), help="(default: %(default)s)")
    p.add_argument("--model", default="ko-en", help="(default: %(default)s)")
    p.add_argument("--version", type=int, help="(default: the newest)")
    p.add_argument("--host", default="127.0.0.1", help="(default: %(default)s)")
    p.add_argument("--port", type=int, default=50061, help="0 picks a free one (default: %(default)s)")
    p.add_argument("--threads", type=int, default=2, help="CTranslate2 intra-op threads (default: %(default)s)")
    p.add_argument("--max-batch", type=int, default=64, help="texts per translate_batch at most (default: %(default)s)")
    p.add_argument("--compute-type", default="default", help="CTranslate2 compute type (default: %(default)s)")
    p.add_argument("--quantization", default=None, help="convert with this quantization, e.g. int8 (default: none)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level="INFO", format="%(asctime)s %(name)s %(levelname)s %(message)s")
    asyncio.run(serve(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
