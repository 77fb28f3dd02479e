from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Format(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FORMAT_TEXT: _ClassVar[Format]
    FORMAT_HTML: _ClassVar[Format]
    FORMAT_MARKDOWN: _ClassVar[Format]

class Priority(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PRIORITY_AUTO: _ClassVar[Priority]
    PRIORITY_INTERACTIVE: _ClassVar[Priority]
    PRIORITY_BATCH: _ClassVar[Priority]
FORMAT_TEXT: Format
FORMAT_HTML: Format
FORMAT_MARKDOWN: Format
PRIORITY_AUTO: Priority
PRIORITY_INTERACTIVE: Priority
PRIORITY_BATCH: Priority

class DecodingOptions(_message.Message):
    __slots__ = ("beam_size", "n_best", "max_length", "length_penalty", "no_repeat_ngram_size", "repetition_penalty", "sampling_topk", "sampling_topp", "sampling_temperature", "seed", "return_alternatives")
    BEAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    N_BEST_FIELD_NUMBER: _ClassVar[int]
    MAX_LENGTH_FIELD_NUMBER: _ClassVar[int]
    LENGTH_PENALTY_FIELD_NUMBER: _ClassVar[int]
    NO_REPEAT_NGRAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    REPETITION_PENALTY_FIELD_NUMBER: _ClassVar[int]
    SAMPLING_TOPK_FIELD_NUMBER: _ClassVar[int]
    SAMPLING_TOPP_FIELD_NUMBER: _ClassVar[int]
    SAMPLING_TEMPERATURE_FIELD_NUMBER: _ClassVar[int]
    SEED_FIELD_NUMBER: _ClassVar[int]
    RETURN_ALTERNATIVES_FIELD_NUMBER: _ClassVar[int]
    beam_size: int
    n_best: int
    max_length: int
    length_penalty: float
    no_repeat_ngram_size: int
    repetition_penalty: float
    sampling_topk: int
    sampling_topp: float
    sampling_temperature: float
    seed: int
    return_alternatives: int
    def __init__(self, beam_size: _Optional[int] = ..., n_best: _Optional[int] = ..., max_length: _Optional[int] = ..., length_penalty: _Optional[float] = ..., no_repeat_ngram_size: _Optional[int] = ..., repetition_penalty: _Optional[float] = ..., sampling_topk: _Optional[int] = ..., sampling_topp: _Optional[float] = ..., sampling_temperature: _Optional[float] = ..., seed: _Optional[int] = ..., return_alternatives: _Optional[int] = ...) -> None: ...

class TranslateRequest(_message.Message):
    __slots__ = ("texts", "model", "version", "options", "whole_texts", "priority", "target_prefix", "glossary", "glossary_name", "format")
    TEXTS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    WHOLE_TEXTS_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    TARGET_PREFIX_FIELD_NUMBER: _ClassVar[int]
    GLOSSARY_FIELD_NUMBER: _ClassVar[int]
    GLOSSARY_NAME_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    texts: _containers.RepeatedScalarFieldContainer[str]
    model: str
    version: int
    options: DecodingOptions
    whole_texts: bool
    priority: Priority
    target_prefix: _containers.RepeatedScalarFieldContainer[str]
    glossary: _containers.RepeatedCompositeFieldContainer[GlossaryTerm]
    glossary_name: str
    format: Format
    def __init__(self, texts: _Optional[_Iterable[str]] = ..., model: _Optional[str] = ..., version: _Optional[int] = ..., options: _Optional[_Union[DecodingOptions, _Mapping]] = ..., whole_texts: _Optional[bool] = ..., priority: _Optional[_Union[Priority, str]] = ..., target_prefix: _Optional[_Iterable[str]] = ..., glossary: _Optional[_Iterable[_Union[GlossaryTerm, _Mapping]]] = ..., glossary_name: _Optional[str] = ..., format: _Optional[_Union[Format, str]] = ...) -> None: ...

class GlossaryTerm(_message.Message):
    __slots__ = ("source", "target")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    source: str
    target: str
    def __init__(self, source: _Optional[str] = ..., target: _Optional[str] = ...) -> None: ...

class Hypothesis(_message.Message):
    __slots__ = ("text", "score", "log_prob", "finished")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    LOG_PROB_FIELD_NUMBER: _ClassVar[int]
    FINISHED_FIELD_NUMBER: _ClassVar[int]
    text: str
    score: float
    log_prob: float
    finished: bool
    def __init__(self, text: _Optional[str] = ..., score: _Optional[float] = ..., log_prob: _Optional[float] = ..., finished: _Optional[bool] = ...) -> None: ...

class Translation(_message.Message):
    __slots__ = ("hypotheses", "source_tokens", "sentences", "glossary_terms")
    HYPOTHESES_FIELD_NUMBER: _ClassVar[int]
    SOURCE_TOKENS_FIELD_NUMBER: _ClassVar[int]
    SENTENCES_FIELD_NUMBER: _ClassVar[int]
    GLOSSARY_TERMS_FIELD_NUMBER: _ClassVar[int]
    hypotheses: _containers.RepeatedCompositeFieldContainer[Hypothesis]
    source_tokens: int
    sentences: int
    glossary_terms: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, hypotheses: _Optional[_Iterable[_Union[Hypothesis, _Mapping]]] = ..., source_tokens: _Optional[int] = ..., sentences: _Optional[int] = ..., glossary_terms: _Optional[_Iterable[str]] = ...) -> None: ...

class TranslateResponse(_message.Message):
    __slots__ = ("translations", "model", "version")
    TRANSLATIONS_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    translations: _containers.RepeatedCompositeFieldContainer[Translation]
    model: str
    version: int
    def __init__(self, translations: _Optional[_Iterable[_Union[Translation, _Mapping]]] = ..., model: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class TranslateStreamRequest(_message.Message):
    __slots__ = ("id", "request")
    ID_FIELD_NUMBER: _ClassVar[int]
    REQUEST_FIELD_NUMBER: _ClassVar[int]
    id: str
    request: TranslateRequest
    def __init__(self, id: _Optional[str] = ..., request: _Optional[_Union[TranslateRequest, _Mapping]] = ...) -> None: ...

class StreamError(_message.Message):
    __slots__ = ("code", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    message: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

class TranslateStreamResponse(_message.Message):
    __slots__ = ("id", "response", "error")
    ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    id: str
    response: TranslateResponse
    error: StreamError
    def __init__(self, id: _Optional[str] = ..., response: _Optional[_Union[TranslateResponse, _Mapping]] = ..., error: _Optional[_Union[StreamError, _Mapping]] = ...) -> None: ...

class TranslationUpdate(_message.Message):
    __slots__ = ("index", "text", "appended", "revised")
    INDEX_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    APPENDED_FIELD_NUMBER: _ClassVar[int]
    REVISED_FIELD_NUMBER: _ClassVar[int]
    index: int
    text: str
    appended: str
    revised: bool
    def __init__(self, index: _Optional[int] = ..., text: _Optional[str] = ..., appended: _Optional[str] = ..., revised: _Optional[bool] = ...) -> None: ...

class TranslateTokensResponse(_message.Message):
    __slots__ = ("update", "response")
    UPDATE_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FIELD_NUMBER: _ClassVar[int]
    update: TranslationUpdate
    response: TranslateResponse
    def __init__(self, update: _Optional[_Union[TranslationUpdate, _Mapping]] = ..., response: _Optional[_Union[TranslateResponse, _Mapping]] = ...) -> None: ...

class ListModelsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ModelLimits(_message.Message):
    __slots__ = ("max_texts_per_request", "max_source_tokens", "max_output_tokens", "max_beam_size", "max_text_characters")
    MAX_TEXTS_PER_REQUEST_FIELD_NUMBER: _ClassVar[int]
    MAX_SOURCE_TOKENS_FIELD_NUMBER: _ClassVar[int]
    MAX_OUTPUT_TOKENS_FIELD_NUMBER: _ClassVar[int]
    MAX_BEAM_SIZE_FIELD_NUMBER: _ClassVar[int]
    MAX_TEXT_CHARACTERS_FIELD_NUMBER: _ClassVar[int]
    max_texts_per_request: int
    max_source_tokens: int
    max_output_tokens: int
    max_beam_size: int
    max_text_characters: int
    def __init__(self, max_texts_per_request: _Optional[int] = ..., max_source_tokens: _Optional[int] = ..., max_output_tokens: _Optional[int] = ..., max_beam_size: _Optional[int] = ..., max_text_characters: _Optional[int] = ...) -> None: ...

class ModelVersion(_message.Message):
    __slots__ = ("version", "variant", "bleu")
    VERSION_FIELD_NUMBER: _ClassVar[int]
    VARIANT_FIELD_NUMBER: _ClassVar[int]
    BLEU_FIELD_NUMBER: _ClassVar[int]
    version: int
    variant: str
    bleu: float
    def __init__(self, version: _Optional[int] = ..., variant: _Optional[str] = ..., bleu: _Optional[float] = ...) -> None: ...

class ModelInfo(_message.Message):
    __slots__ = ("name", "source_language", "target_language", "versions", "limits")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    TARGET_LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    LIMITS_FIELD_NUMBER: _ClassVar[int]
    name: str
    source_language: str
    target_language: str
    versions: _containers.RepeatedCompositeFieldContainer[ModelVersion]
    limits: ModelLimits
    def __init__(self, name: _Optional[str] = ..., source_language: _Optional[str] = ..., target_language: _Optional[str] = ..., versions: _Optional[_Iterable[_Union[ModelVersion, _Mapping]]] = ..., limits: _Optional[_Union[ModelLimits, _Mapping]] = ...) -> None: ...

class ListModelsResponse(_message.Message):
    __slots__ = ("models", "default_model", "glossaries", "default_variant", "default_reason")
    MODELS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_MODEL_FIELD_NUMBER: _ClassVar[int]
    GLOSSARIES_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VARIANT_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_REASON_FIELD_NUMBER: _ClassVar[int]
    models: _containers.RepeatedCompositeFieldContainer[ModelInfo]
    default_model: str
    glossaries: _containers.RepeatedCompositeFieldContainer[GlossaryInfo]
    default_variant: str
    default_reason: str
    def __init__(self, models: _Optional[_Iterable[_Union[ModelInfo, _Mapping]]] = ..., default_model: _Optional[str] = ..., glossaries: _Optional[_Iterable[_Union[GlossaryInfo, _Mapping]]] = ..., default_variant: _Optional[str] = ..., default_reason: _Optional[str] = ...) -> None: ...

class GlossaryInfo(_message.Message):
    __slots__ = ("name", "terms")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TERMS_FIELD_NUMBER: _ClassVar[int]
    name: str
    terms: int
    def __init__(self, name: _Optional[str] = ..., terms: _Optional[int] = ...) -> None: ...
