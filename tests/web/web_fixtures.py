"""Shared by the web tests: the paragraph they read and the service settings over the small
gazetteer tests/web/web_gazetteer.tsv."""

from __future__ import annotations

from browser_harness import WEB_GAZETTEER

from service.settings import Settings

# Known names of tests/web/web_gazetteer.tsv in English and Arabic, and one name no table has.
PARAGRAPH = (
    "Fighting between Jabhat al-Nusra and forces loyal to Bashar Assad spread from Halab to "
    "Deir Ezzor on Tuesday. Residents of Jdeideh fled east, Zaid al-Farouqi told reporters.\n\n"
    "قصف الطيران مدينة دير الزور وريف حلب."
)


def web_settings(api_key: str | None = None) -> Settings:
    return Settings(builtin=False, gazetteers=(WEB_GAZETTEER,), api_key=api_key,
                    log_level="warning")
