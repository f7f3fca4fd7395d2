"""Translation for the service: only the configured pairs, off the event loop, through the gate.

Clients choose a language pair, never a model: the model of each pair is the one rasm's registry
names for it on this server (tables/translate/models.tsv, RASM_TRANSLATE_MODEL_<SRC>_<TGT>,
RASM_MODELS_DIR), loaded at start. Responses name the pair, not the server's model path.
"""

from __future__ import annotations

import re
from typing import Any

from rasm.checks import excerpt
from service.errors import ApiError, FieldError
from service.resources import GateFull, Resources

_LANG_RE = re.compile(r"^[a-z]{2,3}$")


def _language(value: str, field: str, *, auto: bool) -> str:
    code = value.strip().lower()
    if auto and code == "auto":
        return code
    if not _LANG_RE.match(code):
        raise FieldError(field, f"{excerpt(value)} is not a language code (like ar, ru, en)"
                         + (" or auto" if auto else ""))
    return code


def unavailable(resources: Resources, pair: str) -> ApiError:
    configured = sorted(resources.settings.translate_pairs)
    if pair in resources.model_errors:
        why = f"the model for {pair} did not load: {resources.model_errors[pair]}"
    elif not resources.translators:
        why = ("no translation model is configured on this server; set "
               "RASM_SERVICE_TRANSLATE_PAIRS (e.g. ar-en) and provide the models locally")
    else:
        why = f"no translation model is configured for {pair}"
    return ApiError(503, "translation_unavailable", why, pair=pair,
                    configured=configured, loaded=sorted(resources.translators))


async def translate_text(resources: Resources, text: str, source: str, target: str,
                         protect_names: bool = True) -> dict[str, Any]:
    """The library's Translation of `text` as a dict, with `model` set to the pair used."""
    from rasm.translate import identify, translate
    from rasm.translate.langid import UNDETERMINED

    source = _language(source, "source", auto=True)
    target = _language(target, "target", auto=False)
    lang = identify(text).lang if source == "auto" else source
    if lang in (target, UNDETERMINED) or not text.strip():
        # Nothing to translate: the library hands the text back as it is, without a model.
        done = translate([text], source=lang, target=target, protect_names=False)[0].to_dict()
        return {**done, "model": None}
    pair = f"{lang}-{target}"
    translator = resources.translators.get(pair)
    if translator is None or resources.gate is None:
        raise unavailable(resources, pair)

    def work() -> dict[str, Any]:
        return translate([text], source=lang, target=target, translator=translator,
                         gazetteer=resources.gazetteer, protect_names=protect_names)[0].to_dict()

    try:
        done = await resources.gate.run(work)
    except GateFull as full:
        raise ApiError(503, "busy", f"all translation slots are busy ({full.capacity} requests "
                       f"admitted); retry after {full.retry_after} s",
                       headers={"Retry-After": str(full.retry_after)},
                       retry_after=full.retry_after) from None
    return {**done, "model": pair}
