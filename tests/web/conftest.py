from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_harness import WEB_GAZETTEER
from fastapi.testclient import TestClient

from service.app import create_app
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


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(web_settings())) as c:
        yield c
