"""Registering the Translator service with deserializers that turn undecodable requests into errors.

protobuf refuses a `string` field that is not valid UTF-8 while it parses, which in gRPC happens
before any servicer code runs: the client would get a bare INTERNAL with nothing said about its text.
Here a request that fails to parse is parsed again with a mirror of the wire API in which
`TranslateRequest.texts` is `bytes`, so the servicer can answer INVALID_ARGUMENT naming the text and
the offending byte, and a stream goes on past one bad message.
"""

from __future__ import annotations

from dataclasses import dataclass

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from google.protobuf.message import DecodeError

from proto.translate.v1 import translate_pb2 as pb
from service.front.guard import register

SERVICE = pb.DESCRIPTOR.services_by_name["Translator"].full_name


@dataclass(frozen=True)
class Undecodable:
    """Stands in for a TranslateRequest that could not be parsed; `reason` says why."""

    reason: str


@dataclass(frozen=True)
class UndecodableStreamRequest:
    """A TranslateStreamRequest whose inner request could not be parsed; its id is kept when readable."""

    id: str
    request: Undecodable


def _bytes_mirror() -> tuple[type, type]:
    """TranslateRequest and TranslateStreamRequest with every string field as bytes, in a private pool."""
    file = descriptor_pb2.FileDescriptorProto()
    pb.DESCRIPTOR.CopyToProto(file)
    for message in file.message_type:
        for field in message.field:
            if field.type == descriptor_pb2.FieldDescriptorProto.TYPE_STRING:
                field.type = descriptor_pb2.FieldDescriptorProto.TYPE_BYTES
    pool = descriptor_pool.DescriptorPool()
    pool.Add(file)
    return (message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{file.package}.TranslateRequest")),
            message_factory.GetMessageClass(pool.FindMessageTypeByName(f"{file.package}.TranslateStreamRequest")))


RawTranslateRequest, RawTranslateStreamRequest = _bytes_mirror()


def _why_undecodable(raw) -> str:
    """Names the first field of a mirror TranslateRequest that is not UTF-8."""
    for name, value in [(f"texts[{i}]", text) for i, text in enumerate(raw.texts)] + [("model", raw.model)]:
        try:
            value.decode("utf-8")
        except UnicodeDecodeError as exc:
            return (f"{name} is not valid UTF-8: byte 0x{value[exc.start]:02x} at offset {exc.start} "
                    f"({exc.reason}); strings must be UTF-8 encoded")
    return "the request is not a valid translate.v1.TranslateRequest message"


def parse_translate_request(data: bytes) -> pb.TranslateRequest | Undecodable:
    try:
        return pb.TranslateRequest.FromString(data)
    except DecodeError:
        try:
            return Undecodable(_why_undecodable(RawTranslateRequest.FromString(data)))
        except DecodeError:
            return Undecodable("the request is not a valid translate.v1.TranslateRequest message")


def parse_stream_request(data: bytes) -> pb.TranslateStreamRequest | UndecodableStreamRequest:
    try:
        return pb.TranslateStreamRequest.FromString(data)
    except DecodeError:
        try:
            raw = RawTranslateStreamRequest.FromString(data)
        except DecodeError:
            return UndecodableStreamRequest("", Undecodable(
                "the message is not a valid translate.v1.TranslateStreamRequest"))
        try:
            request_id = raw.id.decode("utf-8")
        except UnicodeDecodeError:
            return UndecodableStreamRequest("", Undecodable("id is not valid UTF-8; strings must be UTF-8 encoded"))
        return UndecodableStreamRequest(request_id, Undecodable(_why_undecodable(raw.request)))


def add_translator_to_server(servicer, server: grpc.aio.Server) -> None:  # counts through servicer.metrics
    """Like the generated add_TranslatorServicer_to_server, with the lenient deserializers."""
    handlers = {
        "Translate": grpc.unary_unary_rpc_method_handler(
            servicer.Translate, request_deserializer=parse_translate_request,
            response_serializer=pb.TranslateResponse.SerializeToString),
        "TranslateStream": grpc.stream_stream_rpc_method_handler(
            servicer.TranslateStream, request_deserializer=parse_stream_request,
            response_serializer=pb.TranslateStreamResponse.SerializeToString),
        "TranslateTokens": grpc.unary_stream_rpc_method_handler(
            servicer.TranslateTokens, request_deserializer=parse_translate_request,
            response_serializer=pb.TranslateTokensResponse.SerializeToString),
        "ListModels": grpc.unary_unary_rpc_method_handler(
            servicer.ListModels, request_deserializer=pb.ListModelsRequest.FromString,
            response_serializer=pb.ListModelsResponse.SerializeToString),
    }
    register(server, SERVICE, handlers, servicer.metrics)  # ListModels's parsing guarded and counted too
