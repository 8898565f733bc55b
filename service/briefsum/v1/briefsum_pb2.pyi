from google.protobuf import struct_pb2 as _struct_pb2
from google.rpc import status_pb2 as _status_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Layout(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LAYOUT_UNSPECIFIED: _ClassVar[Layout]
    LAYOUT_AUTO: _ClassVar[Layout]
    LAYOUT_ARTICLE: _ClassVar[Layout]
    LAYOUT_PAGE: _ClassVar[Layout]

class ArticleKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ARTICLE_KIND_UNSPECIFIED: _ClassVar[ArticleKind]
    ARTICLE_KIND_ARTICLE: _ClassVar[ArticleKind]
    ARTICLE_KIND_CAPTION: _ClassVar[ArticleKind]

class PluginSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PLUGIN_SOURCE_UNSPECIFIED: _ClassVar[PluginSource]
    PLUGIN_SOURCE_BUILTIN: _ClassVar[PluginSource]
    PLUGIN_SOURCE_ENTRY_POINT: _ClassVar[PluginSource]
LAYOUT_UNSPECIFIED: Layout
LAYOUT_AUTO: Layout
LAYOUT_ARTICLE: Layout
LAYOUT_PAGE: Layout
ARTICLE_KIND_UNSPECIFIED: ArticleKind
ARTICLE_KIND_ARTICLE: ArticleKind
ARTICLE_KIND_CAPTION: ArticleKind
PLUGIN_SOURCE_UNSPECIFIED: PluginSource
PLUGIN_SOURCE_BUILTIN: PluginSource
PLUGIN_SOURCE_ENTRY_POINT: PluginSource

class Length(_message.Message):
    __slots__ = ("max_sentences", "max_chars", "ratio")
    MAX_SENTENCES_FIELD_NUMBER: _ClassVar[int]
    MAX_CHARS_FIELD_NUMBER: _ClassVar[int]
    RATIO_FIELD_NUMBER: _ClassVar[int]
    max_sentences: int
    max_chars: int
    ratio: float
    def __init__(self, max_sentences: _Optional[int] = ..., max_chars: _Optional[int] = ..., ratio: _Optional[float] = ...) -> None: ...

class SummarizeRequest(_message.Message):
    __slots__ = ("id", "text", "title", "layout", "length", "stages", "keyword_count", "debug")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LAYOUT_FIELD_NUMBER: _ClassVar[int]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    KEYWORD_COUNT_FIELD_NUMBER: _ClassVar[int]
    DEBUG_FIELD_NUMBER: _ClassVar[int]
    id: str
    text: str
    title: str
    layout: Layout
    length: Length
    stages: _containers.RepeatedScalarFieldContainer[str]
    keyword_count: int
    debug: bool
    def __init__(self, id: _Optional[str] = ..., text: _Optional[str] = ..., title: _Optional[str] = ..., layout: _Optional[_Union[Layout, str]] = ..., length: _Optional[_Union[Length, _Mapping]] = ..., stages: _Optional[_Iterable[str]] = ..., keyword_count: _Optional[int] = ..., debug: _Optional[bool] = ...) -> None: ...

class Span(_message.Message):
    __slots__ = ("start", "end")
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    start: int
    end: int
    def __init__(self, start: _Optional[int] = ..., end: _Optional[int] = ...) -> None: ...

class Sentence(_message.Message):
    __slots__ = ("text", "start", "end", "score", "index")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    text: str
    start: int
    end: int
    score: float
    index: int
    def __init__(self, text: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., score: _Optional[float] = ..., index: _Optional[int] = ...) -> None: ...

class Keyword(_message.Message):
    __slots__ = ("text", "weight")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    text: str
    weight: float
    def __init__(self, text: _Optional[str] = ..., weight: _Optional[float] = ...) -> None: ...

class Tag(_message.Message):
    __slots__ = ("category", "score", "evidence", "details")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    category: str
    score: float
    evidence: _containers.RepeatedScalarFieldContainer[str]
    details: _containers.RepeatedCompositeFieldContainer[TagEvidence]
    def __init__(self, category: _Optional[str] = ..., score: _Optional[float] = ..., evidence: _Optional[_Iterable[str]] = ..., details: _Optional[_Iterable[_Union[TagEvidence, _Mapping]]] = ...) -> None: ...

class TagEvidence(_message.Message):
    __slots__ = ("term", "weight", "count", "sentence", "sentence_span", "match")
    TERM_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    SENTENCE_FIELD_NUMBER: _ClassVar[int]
    SENTENCE_SPAN_FIELD_NUMBER: _ClassVar[int]
    MATCH_FIELD_NUMBER: _ClassVar[int]
    term: str
    weight: float
    count: int
    sentence: int
    sentence_span: Span
    match: Span
    def __init__(self, term: _Optional[str] = ..., weight: _Optional[float] = ..., count: _Optional[int] = ..., sentence: _Optional[int] = ..., sentence_span: _Optional[_Union[Span, _Mapping]] = ..., match: _Optional[_Union[Span, _Mapping]] = ...) -> None: ...

class Article(_message.Message):
    __slots__ = ("title", "byline", "span", "summary", "keywords", "tags", "kind", "subtitle", "title_span", "byline_span", "extensions", "keyphrases", "lead_in", "lead_in_span", "subtitle_span")
    class ExtensionsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: _struct_pb2.Struct
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...
    TITLE_FIELD_NUMBER: _ClassVar[int]
    BYLINE_FIELD_NUMBER: _ClassVar[int]
    SPAN_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    KEYWORDS_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SUBTITLE_FIELD_NUMBER: _ClassVar[int]
    TITLE_SPAN_FIELD_NUMBER: _ClassVar[int]
    BYLINE_SPAN_FIELD_NUMBER: _ClassVar[int]
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    KEYPHRASES_FIELD_NUMBER: _ClassVar[int]
    LEAD_IN_FIELD_NUMBER: _ClassVar[int]
    LEAD_IN_SPAN_FIELD_NUMBER: _ClassVar[int]
    SUBTITLE_SPAN_FIELD_NUMBER: _ClassVar[int]
    title: str
    byline: str
    span: Span
    summary: _containers.RepeatedCompositeFieldContainer[Sentence]
    keywords: _containers.RepeatedCompositeFieldContainer[Keyword]
    tags: _containers.RepeatedCompositeFieldContainer[Tag]
    kind: ArticleKind
    subtitle: str
    title_span: Span
    byline_span: Span
    extensions: _containers.MessageMap[str, _struct_pb2.Struct]
    keyphrases: _containers.RepeatedCompositeFieldContainer[Keyword]
    lead_in: str
    lead_in_span: Span
    subtitle_span: Span
    def __init__(self, title: _Optional[str] = ..., byline: _Optional[str] = ..., span: _Optional[_Union[Span, _Mapping]] = ..., summary: _Optional[_Iterable[_Union[Sentence, _Mapping]]] = ..., keywords: _Optional[_Iterable[_Union[Keyword, _Mapping]]] = ..., tags: _Optional[_Iterable[_Union[Tag, _Mapping]]] = ..., kind: _Optional[_Union[ArticleKind, str]] = ..., subtitle: _Optional[str] = ..., title_span: _Optional[_Union[Span, _Mapping]] = ..., byline_span: _Optional[_Union[Span, _Mapping]] = ..., extensions: _Optional[_Mapping[str, _struct_pb2.Struct]] = ..., keyphrases: _Optional[_Iterable[_Union[Keyword, _Mapping]]] = ..., lead_in: _Optional[str] = ..., lead_in_span: _Optional[_Union[Span, _Mapping]] = ..., subtitle_span: _Optional[_Union[Span, _Mapping]] = ...) -> None: ...

class StageTiming(_message.Message):
    __slots__ = ("stage", "plugin", "version", "elapsed_ms", "articles", "sentences")
    STAGE_FIELD_NUMBER: _ClassVar[int]
    PLUGIN_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    ELAPSED_MS_FIELD_NUMBER: _ClassVar[int]
    ARTICLES_FIELD_NUMBER: _ClassVar[int]
    SENTENCES_FIELD_NUMBER: _ClassVar[int]
    stage: str
    plugin: str
    version: str
    elapsed_ms: float
    articles: int
    sentences: int
    def __init__(self, stage: _Optional[str] = ..., plugin: _Optional[str] = ..., version: _Optional[str] = ..., elapsed_ms: _Optional[float] = ..., articles: _Optional[int] = ..., sentences: _Optional[int] = ...) -> None: ...

class SummarizeResponse(_message.Message):
    __slots__ = ("id", "articles", "timings", "error", "pipeline_version", "trace")
    ID_FIELD_NUMBER: _ClassVar[int]
    ARTICLES_FIELD_NUMBER: _ClassVar[int]
    TIMINGS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_VERSION_FIELD_NUMBER: _ClassVar[int]
    TRACE_FIELD_NUMBER: _ClassVar[int]
    id: str
    articles: _containers.RepeatedCompositeFieldContainer[Article]
    timings: _containers.RepeatedCompositeFieldContainer[StageTiming]
    error: _status_pb2.Status
    pipeline_version: str
    trace: _containers.RepeatedCompositeFieldContainer[StageTiming]
    def __init__(self, id: _Optional[str] = ..., articles: _Optional[_Iterable[_Union[Article, _Mapping]]] = ..., timings: _Optional[_Iterable[_Union[StageTiming, _Mapping]]] = ..., error: _Optional[_Union[_status_pb2.Status, _Mapping]] = ..., pipeline_version: _Optional[str] = ..., trace: _Optional[_Iterable[_Union[StageTiming, _Mapping]]] = ...) -> None: ...

class ListPluginsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class StageInfo(_message.Message):
    __slots__ = ("name", "version", "description", "requires", "provides", "in_pipeline")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REQUIRES_FIELD_NUMBER: _ClassVar[int]
    PROVIDES_FIELD_NUMBER: _ClassVar[int]
    IN_PIPELINE_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: str
    description: str
    requires: _containers.RepeatedScalarFieldContainer[str]
    provides: _containers.RepeatedScalarFieldContainer[str]
    in_pipeline: bool
    def __init__(self, name: _Optional[str] = ..., version: _Optional[str] = ..., description: _Optional[str] = ..., requires: _Optional[_Iterable[str]] = ..., provides: _Optional[_Iterable[str]] = ..., in_pipeline: _Optional[bool] = ...) -> None: ...

class PluginInfo(_message.Message):
    __slots__ = ("name", "version", "source", "stages", "module")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    STAGES_FIELD_NUMBER: _ClassVar[int]
    MODULE_FIELD_NUMBER: _ClassVar[int]
    name: str
    version: str
    source: PluginSource
    stages: _containers.RepeatedCompositeFieldContainer[StageInfo]
    module: str
    def __init__(self, name: _Optional[str] = ..., version: _Optional[str] = ..., source: _Optional[_Union[PluginSource, str]] = ..., stages: _Optional[_Iterable[_Union[StageInfo, _Mapping]]] = ..., module: _Optional[str] = ...) -> None: ...

class PluginFailure(_message.Message):
    __slots__ = ("name", "source", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    source: PluginSource
    reason: str
    def __init__(self, name: _Optional[str] = ..., source: _Optional[_Union[PluginSource, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class PluginSkipped(_message.Message):
    __slots__ = ("name", "source", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    source: PluginSource
    reason: str
    def __init__(self, name: _Optional[str] = ..., source: _Optional[_Union[PluginSource, str]] = ..., reason: _Optional[str] = ...) -> None: ...

class ListPluginsResponse(_message.Message):
    __slots__ = ("plugins", "failed", "pipeline", "skipped", "safe_mode")
    PLUGINS_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    PIPELINE_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    SAFE_MODE_FIELD_NUMBER: _ClassVar[int]
    plugins: _containers.RepeatedCompositeFieldContainer[PluginInfo]
    failed: _containers.RepeatedCompositeFieldContainer[PluginFailure]
    pipeline: _containers.RepeatedScalarFieldContainer[str]
    skipped: _containers.RepeatedCompositeFieldContainer[PluginSkipped]
    safe_mode: bool
    def __init__(self, plugins: _Optional[_Iterable[_Union[PluginInfo, _Mapping]]] = ..., failed: _Optional[_Iterable[_Union[PluginFailure, _Mapping]]] = ..., pipeline: _Optional[_Iterable[str]] = ..., skipped: _Optional[_Iterable[_Union[PluginSkipped, _Mapping]]] = ..., safe_mode: _Optional[bool] = ...) -> None: ...
