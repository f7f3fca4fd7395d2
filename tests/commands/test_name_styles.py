"""One vocabulary: `--style`/`style=` is the name style everywhere, `--rewrite`/`rewrite=` the way
`rasm text` rewrites; the old `--style append` spelling still works, with a warning. A table
whose styles come from `rasm.names.house_style.styles_for` answers in the style asked for."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

from rasm import load_gazetteer, match, normalize_text
from rasm.errors import InputError
from rasm.model import STYLES
from rasm.names.house_style import styles_for

# wof:85678381, the Deir ez-Zor governorate, as the world tables give it.
DEIR = ("Dayr az Zawr", ["Deir ez-Zor Governorate", "Deir ez-Zor"], [], "دير الزور")


@pytest.fixture(scope="module")
def styled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    english, english_variants, variants, arabic = DEIR
    names = styles_for(english, variants, arabic, "place", english_variants=english_variants,
                       ids=["wof:85678381"])
    path = tmp_path_factory.mktemp("styled") / "styled.tsv"
    styles = "|".join(f"{k}={v}" for k, v in names.items() if v)
    path.write_text("id\tname\tkind\tarabic\taliases\tstyles\n"
                    f"w:deir\t{names['news']}\tplace\t{arabic}\tDeir Ezzor|{english}\t{styles}\n",
                    encoding="utf-8")
    return path


def run(command: str, path: Path, stdin: bytes, *args: str) -> tuple[list[dict[str, object]], str]:
    proc = subprocess.run(
        [sys.executable, "-m", "rasm.cli", command, "--no-builtin", "--gazetteer", str(path), *args],
        input=stdin, capture_output=True, timeout=120, check=True,
    )
    return [json.loads(line) for line in proc.stdout.decode().splitlines()], proc.stderr.decode()


def test_match_answers_in_the_style_asked_for(styled: Path) -> None:
    plain, _ = run("match", styled, b"Deir Ezzur\n")
    assert plain[0]["canonical"] == "Deir ez-Zor" and "names" not in plain[0]
    bgn, _ = run("match", styled, b"Deir Ezzur\n", "--style", "bgn", "--names")
    assert bgn[0]["canonical"] == "Dayr az Zawr"
    names = bgn[0]["names"]
    assert isinstance(names, dict) and list(names) == list(STYLES)
    assert names["news"] == "Deir ez-Zor" and names["arabic"] == "دير الزور"
    assert names["source"] == "Dayr az Zawr" and names["alalc"] == "Dayr al-Zawr"


def test_match_to_dict_keeps_its_default_shape(styled: Path) -> None:
    m = match("Deir Ezzur", gazetteer=load_gazetteer(styled))
    assert m.to_dict() == m.to_dict(style=None, names=False)
    assert "names" not in m.to_dict()
    assert m.to_dict(style="arabic")["canonical"] == "دير الزور"
    assert match("Nobody Known", gazetteer=load_gazetteer(styled)).to_dict(names=True)["names"] is None
    with pytest.raises(InputError, match="unknown name style 'fancy'"):
        m.to_dict(style="fancy")


def test_text_rewrite_mode_and_name_style(styled: Path) -> None:
    records, err = run("text", styled, b"Fighting near Deir Ezzur.", "--rewrite", "append",
                       "--style", "bgn")
    assert records[0]["text"] == "Fighting near Deir Ezzur [Dayr az Zawr]."
    assert err == ""
    old, err = run("text", styled, b"Fighting near Deir Ezzur.", "--style", "append")
    assert old[0]["text"] == "Fighting near Deir Ezzur [Deir ez-Zor]."
    assert "--style append is deprecated; use --rewrite append" in err


def test_library_keywords(styled: Path) -> None:
    gaz = load_gazetteer(styled)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = normalize_text("Near Deir Ezzur.", gazetteer=gaz, rewrite="append")
        assert new.text == "Near Deir Ezzur [Deir ez-Zor]."
        styled_text = normalize_text("Near Deir Ezzur.", gazetteer=gaz, style="alalc")
        assert styled_text.text == "Near Dayr al-Zawr." and styled_text.mentions[0].canonical == "Dayr al-Zawr"
    with pytest.warns(DeprecationWarning, match="use rewrite='append'"):
        old = normalize_text("Near Deir Ezzur.", gazetteer=gaz, style="append")
    assert old.text == new.text
    with pytest.raises(InputError, match="unknown rewrite mode 'shout'"):
        normalize_text("Near Deir Ezzur.", gazetteer=gaz, rewrite="shout")
    with pytest.raises(InputError, match="unknown name style 'shout'"):
        normalize_text("Near Deir Ezzur.", gazetteer=gaz, style="shout")
