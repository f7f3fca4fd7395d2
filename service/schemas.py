"""Request and response bodies of the /v1 API, with the examples the OpenAPI schema shows.

Requests forbid unknown fields, so a misspelt option (or an attempt to pass a model path) is a
422 naming the field rather than silently ignored. Responses are the library's own `to_dict()`
shapes; these models document them (a test checks real responses against them).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_STRICT = ConfigDict(extra="forbid")


class MatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"names": ["Deir Ezzor", "دير الزور", "Jabhat al-Nusrah"], "limit": 3},
        {"names": ["Tal Abyad"], "kind": "place", "country": "SY", "threshold": 0.85},
    ]})

    names: list[str] = Field(min_length=1, description=(
        "Names to match, in any script (Latin, Arabic, Persian, Cyrillic). At most "
        "RASM_MAX_BATCH names (default 1000), each at most 512 characters."))
    kind: str | None = Field(None, description="Only entities of this kind (see GET /v1/kinds).")
    country: str | None = Field(None, description="Only entities of this country code, e.g. SY.")
    threshold: float | None = Field(None, ge=0.0, le=1.0,
                                    description="Minimum score for a match (default: the "
                                                "library's).")
    limit: int | None = Field(None, ge=1, description=(
        "Best candidate + alternatives at most (default 5, at most RASM_MAX_LIMIT)."))
    style: str | None = Field(None, description=(
        "Name style of `canonical`: news (default), bgn, alalc, ascii, arabic, source."))


class CandidateOut(BaseModel):
    id: str
    canonical: str
    kind: str
    country: str | None
    score: float
    method: str
    matched: str


class MatchOut(BaseModel):
    query: str
    id: str | None = Field(description="The entity's id; null when the name is not known.")
    canonical: str | None
    kind: str | None
    arabic: str | None
    country: str | None
    score: float
    method: str
    matched: str | None
    ambiguous: bool = Field(description=(
        "True when another entity (not the same town's district or governorate) fits about as "
        "well: see `alternatives`, each with its own score."))
    key: str = Field(description="Normalized key: spellings of one unknown name share it.")
    alternatives: list[CandidateOut]


class MatchResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"results": [{
        "query": "Deir Ezzor", "id": "wof:421202167", "canonical": "Deir ez-Zor", "kind": "place",
        "arabic": "دير الزور", "country": "SY", "score": 0.96, "method": "phonetic",
        "matched": "Deir ez-Zor", "ambiguous": False, "key": "drzr", "alternatives": []}]}]})

    results: list[MatchOut]


class EntityOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "id": "wof:421202167", "canonical": "Deir ez-Zor", "kind": "place", "arabic": "دير الزور",
        "aliases": ["Deir Ezzor", "Dayr az Zawr"], "country": "SY", "placetype": "locality",
        "lat": 35.33, "lon": 40.14, "ref": "Q199553", "source": "wof"}]})

    id: str
    canonical: str
    kind: str
    arabic: str | None
    aliases: list[str]
    country: str | None
    placetype: str | None
    lat: float | None
    lon: float | None
    ref: str | None
    source: str | None


class TranslateOptions(BaseModel):
    model_config = _STRICT

    source: str = Field("auto", description="Language code of the text, or auto to identify it.")
    target: str = Field("en", description="Language to translate into.")


class TextRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "Clashes were reported in Dayr az Zawr and near Deir Ezzor airport."},
        {"text": "Shelling hit Maarat al-Numan.", "kinds": ["place"], "rewrite": "append"},
        {"text": "قصفت الطائرات دير الزور", "translate": {"source": "ar", "target": "en"}},
    ]})

    text: str = Field(description="Running text (at most RASM_MAX_TEXT_CHARS characters).")
    kinds: list[str] | None = Field(None, description="Link only entities of these kinds.")
    threshold: float | None = Field(None, ge=0.0, le=1.0)
    rewrite: str | None = Field(
        None, description="How mentions are rewritten: replace (default), append or identity.")
    style: str | None = Field(
        None, description=("Name style of `canonical`: news (default), bgn, alalc, ascii, arabic, "
                            "source. The old use of `style` for the rewrite mode (replace, append, "
                            "identity) still works and is deprecated: use `rewrite`."))
    translate: TranslateOptions | None = Field(
        None, description="Translate the text first (needs a configured model for the pair).")


class MentionOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    start: int
    end: int
    surface: str
    id: str | None
    canonical: str | None
    kind: str | None
    score: float
    method: str


class TextResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "text": "Clashes were reported in Deir ez-Zor.", "mentions": [{
            "start": 25, "end": 36, "surface": "Dayr az Zawr", "id": "wof:421202167",
            "canonical": "Deir ez-Zor", "kind": "place", "score": 0.96, "method": "phonetic"}],
        "translation": None}]})

    text: str
    mentions: list[MentionOut]
    translation: dict[str, Any] | None = Field(
        None, description="The translation step's report (when translate was asked).")


class TransliterateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"texts": ["دير الزور", "معرة النعمان"], "scheme": "news"},
        {"texts": ["جبهة النصرة"], "scheme": "alalc"},
    ]})

    texts: list[str] = Field(min_length=1, description=(
        "Texts whose Arabic-script words are written in Latin script (at most RASM_MAX_BATCH)."))
    scheme: str = Field("news", description="A scheme from GET /v1/schemes.")


class TransliterateResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"scheme": "news", "results": ["Deir ez-Zor", "Maarat al-Numan"]}]})

    scheme: str
    results: list[str]


class TranslateRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"text": "قصفت الطائرات دير الزور", "source": "ar", "target": "en"},
        {"text": "Авиация нанесла удар по Алеппо", "source": "auto"},
    ]})

    text: str = Field(description="A document (at most RASM_MAX_TRANSLATE_CHARS characters).")
    source: str = Field("auto", description="Language code, or auto to identify it.")
    target: str = Field("en", description="Language to translate into.")
    protect_names: bool = Field(True, description="Keep the names rasm knows intact.")


class TranslateResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "text": "aircraft bombed Deir ez-Zor", "source_lang": "ar", "target_lang": "en",
        "model": "ar-en", "passthrough": False, "sentences": 1,
        "protected": [{"source": "دير الزور", "target": "Deir ez-Zor", "id": "wof:421202167",
                       "restored": "placeholder"}], "notes": []}]})

    text: str
    source_lang: str
    target_lang: str
    model: str | None = Field(description="The configured pair that translated (never a path).")
    passthrough: bool
    sentences: int
    protected: list[dict[str, Any]]
    notes: list[str]


class SchemesResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"schemes": ["alalc", "ascii", "bgn", "news"], "default": "news"}]})

    schemes: list[str]
    default: str


class KindsResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [
        {"kinds": ["org", "person", "place"], "countries": ["IQ", "JO", "LB", "SY"]}]})

    kinds: list[str]
    countries: list[str]


class LanguagesResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "identified": ["ar", "fa", "ru", "uk", "tr", "fr", "en", "de", "es"],
        "pairs": ["ar-en", "ru-en"], "configured": ["ar-en"], "loaded": ["ar-en"]}]})

    identified: list[str] = Field(description="Languages the language identifier tells apart.")
    pairs: list[str] = Field(description="Pairs rasm's model registry knows.")
    configured: list[str] = Field(description="Pairs this service was asked to serve.")
    loaded: list[str] = Field(description="Pairs whose model is loaded and translating.")


class HealthResponse(BaseModel):
    status: str


class ReadyResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "status": "ready", "entities": 31245, "translation": {"ar-en": "loaded"}}]})

    status: str
    entities: int
    translation: dict[str, str]


class ErrorField(BaseModel):
    field: str
    problem: str


class ErrorResponse(BaseModel):
    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"error": "limit_exceeded", "message": "43 names; at most 10 per request",
         "limit": "max_batch", "value": 10, "request_id": "5f0c2d1e9a7b4c3d"},
        {"error": "invalid_request", "message": "names.2: Input should be a valid string",
         "fields": [{"field": "names.2", "problem": "Input should be a valid string"}],
         "request_id": "5f0c2d1e9a7b4c3d"},
    ]})

    error: str = Field(description="A stable code: invalid_request, limit_exceeded, not_found, "
                                   "unauthorized, bad_input, translation_unavailable, busy, "
                                   "internal.")
    message: str
    request_id: str | None = None
