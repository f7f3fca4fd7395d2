"""The command line a new user types: names and text as arguments, a table on a terminal and
JSON lines in a pipe, colour only on a terminal, `rasm show`, `rasm search`, examples in every
--help, shell completion, and a word on stderr when a command would wait on a terminal.

Terminals are real: the command runs with a pseudo-terminal (`pty`) as its stdout or stdin."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from rasm.cli import COMMANDS, build_parser

DATA = Path(__file__).parents[1] / "data"
GAZ = ["--no-builtin", "--gazetteer", str(DATA / "user_gazetteer.tsv")]
ESC = "\x1b["


def _env(**changes: str | None) -> dict[str, str]:
    env = {**os.environ, "TERM": "xterm"}
    env.pop("NO_COLOR", None)
    for key, value in changes.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def rasm(*args: str, stdin: bytes = b"", env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[bytes]:
    """The command with pipes for stdin and stdout, as a program calls it."""
    return subprocess.run([sys.executable, "-m", "rasm.cli", *args], input=stdin,
                          capture_output=True, timeout=120, check=False, env=env or _env())


def rasm_at_terminal(*args: str, env: dict[str, str] | None = None,
                     typed: bytes | None = None) -> tuple[int, str, str]:
    """The command as a person runs it: stdout a terminal; with `typed`, stdin a terminal too
    (the bytes are typed into it, then Ctrl-D) and stdout a pipe."""
    master, slave = pty.openpty()
    if typed is None:
        streams = {"stdin": subprocess.DEVNULL, "stdout": slave}
    else:
        streams = {"stdin": slave, "stdout": subprocess.PIPE}
    proc = subprocess.Popen([sys.executable, "-m", "rasm.cli", *args], stderr=subprocess.PIPE,
                            env=env or _env(), **streams)  # type: ignore[call-overload]
    os.close(slave)
    captured = b""
    try:
        if typed is not None:
            os.write(master, typed + b"\n\x04")
            out, err = proc.communicate(timeout=120)
            return proc.returncode, out.decode(), err.decode()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                captured += chunk
            elif proc.poll() is not None:
                break
        err = proc.stderr.read() if proc.stderr else b""
        proc.wait(timeout=30)
        return proc.returncode, captured.decode().replace("\r\n", "\n"), err.decode()
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()


def json_lines(out: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.decode().splitlines()]


# --- rasm match ------------------------------------------------------------------------------

def test_match_takes_names_as_arguments_and_keeps_the_json_contract() -> None:
    proc = rasm("match", *GAZ, "Deir Ezzur", "Nusra Front", "Rupert Colville")
    assert proc.returncode == 0, proc.stderr
    records = json_lines(proc.stdout)
    assert [r["query"] for r in records] == ["Deir Ezzur", "Nusra Front", "Rupert Colville"]
    assert [r["id"] for r in records] == ["u:deir", "u:nusra", None]
    piped = json_lines(rasm("match", *GAZ, stdin=b"Deir Ezzur\nNusra Front\nRupert Colville\n"
                            ).stdout)
    assert records == piped  # the same objects as the documented stdin form


def test_match_dash_reads_stdin_in_its_place() -> None:
    proc = rasm("match", *GAZ, "Nusra Front", "-", "Karm al-Katirji", stdin="دير الزور\n".encode())
    assert [r["id"] for r in json_lines(proc.stdout)] == ["u:nusra", "u:deir", "u:karm"]


def test_match_names_and_input_files_together_is_a_clear_error(tmp_path: Path) -> None:
    names = tmp_path / "names.txt"
    names.write_text("Deir Ezzur\n", encoding="utf-8")
    assert [r["id"] for r in json_lines(rasm("match", *GAZ, "--input", str(names)).stdout)] == [
        "u:deir"]
    proc = rasm("match", *GAZ, "Aleppo", "--input", str(names))
    assert proc.returncode == 2 and b"not both" in proc.stderr


def test_match_at_a_terminal_is_a_table_with_colour() -> None:
    code, out, _ = rasm_at_terminal("match", *GAZ, "Deir Ezzur", "Rupert Colville")
    assert code == 0
    assert "{" not in out  # no JSON for eyes
    lines = out.splitlines()
    assert "CANONICAL" in lines[0] and "SCORE" in lines[0]
    assert "Deir ez-Zor" in lines[1] and "u:deir" in lines[1] and "phonetic" in lines[1]
    assert "Rupert Colville" in lines[2] and "not known" in lines[2]
    assert ESC in out


def test_no_color_and_json_flags_at_a_terminal() -> None:
    _, out, _ = rasm_at_terminal("match", *GAZ, "Deir Ezzur", env=_env(NO_COLOR="1"))
    assert ESC not in out and "Deir ez-Zor" in out
    _, out, _ = rasm_at_terminal("match", *GAZ, "Deir Ezzur", "--color", "never")
    assert ESC not in out and "CANONICAL" in out
    _, out, _ = rasm_at_terminal("match", *GAZ, "Deir Ezzur", "--json")
    assert json.loads(out.strip())["id"] == "u:deir"


def test_pipes_get_no_colour_even_when_asked_for_a_table_colour() -> None:
    proc = rasm("match", *GAZ, "Deir Ezzur", "--color", "always")
    assert b"\x1b[" not in proc.stdout and json_lines(proc.stdout)[0]["id"] == "u:deir"


def test_a_terminal_on_stdin_gets_a_word_on_stderr() -> None:
    code, out, err = rasm_at_terminal("match", *GAZ, typed=b"Deir Ezzur")
    assert code == 0
    assert "reading names (one per line) from the terminal" in err and "Ctrl-D" in err
    assert [r["id"] for r in json_lines(out.encode())] == ["u:deir"]
    proc = rasm("match", *GAZ, stdin=b"Deir Ezzur\n")  # a pipe: no word, only the answer
    assert proc.stderr == b""


def test_hostile_names_cannot_drive_the_terminal() -> None:
    _, out, _ = rasm_at_terminal("match", *GAZ, "evil\x1b[2Jname", "--color", "never")
    assert "\x1b[2J" not in out and "evil" in out


# --- rasm text -------------------------------------------------------------------------------

def test_text_takes_the_text_itself_files_and_stdin(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Shelling hit Deir Ezzor.", encoding="utf-8")
    proc = rasm("text", *GAZ, "Fighters left Karm al-Katirji", str(article), "-",
                stdin=b"The Nusra Front left.")
    assert proc.returncode == 0, proc.stderr
    inline, from_file, from_stdin = json_lines(proc.stdout)
    assert inline["text"] == "Fighters left Karm al-Qatirji" and "source" not in inline
    assert [m["id"] for m in inline["mentions"]] == ["u:karm"]
    assert from_file["source"] == str(article)
    assert [m["id"] for m in from_file["mentions"]] == ["u:deir"]
    assert [m["id"] for m in from_stdin["mentions"]] == ["u:nusra"]


def test_text_a_missing_file_is_an_error_not_a_document(tmp_path: Path) -> None:
    proc = rasm("text", *GAZ, str(tmp_path / "missing.txt"))
    assert proc.returncode == 2 and b"cannot read" in proc.stderr
    proc = rasm("text", *GAZ, "report.txt")
    assert proc.returncode == 2 and b"report.txt" in proc.stderr
    one_word = rasm("text", *GAZ, "Aleppo")  # no path shape: the text itself
    assert one_word.returncode == 0 and json_lines(one_word.stdout)[0]["text"] == "Aleppo"


def test_text_at_a_terminal_shows_the_text_and_a_table() -> None:
    code, out, _ = rasm_at_terminal("text", *GAZ, "Fighters left Karm al-Katirji",
                                    "--color", "never")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Fighters left Karm al-Qatirji"
    header = next(line for line in lines if line.startswith("NAME"))
    assert "CANONICAL" in header and "AT" in header
    assert any("Karm al-Katirji" in line and "u:karm" in line and "14-29" in line
               for line in lines)


def test_text_keeps_jsonl_and_the_old_style_spelling() -> None:
    proc = rasm("text", *GAZ, "--jsonl", stdin=b'{"id": 3, "text": "Deir Ezzor"}\n')
    assert json_lines(proc.stdout)[0]["id"] == 3
    proc = rasm("text", *GAZ, "--style", "append", "Deir Ezzor")
    assert json_lines(proc.stdout)[0]["text"] == "Deir Ezzor [Deir ez-Zor]"
    assert b"deprecated" in proc.stderr


# --- rasm show, rasm search ------------------------------------------------------------------

@pytest.fixture(scope="module")
def gazetteer_with_refs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gaz") / "refs.tsv"
    path.write_text(
        "id\tname\tkind\tarabic\tcountry\trefs\tlocated\n"
        "t:raqqa\tRaqqa\tplace\tالرقة\tSY\twikidata:Q207133|geonames:163345\tSyria\n"
        "t:rastan\tRastan\tplace\tالرستن\tSY\twikidata:Q1020386\tHoms Governorate, Syria\n",
        encoding="utf-8")
    return path


def test_show_finds_an_entity_by_any_of_its_ids(gazetteer_with_refs: Path) -> None:
    gaz = ["--no-builtin", "--gazetteer", str(gazetteer_with_refs)]
    proc = rasm("show", *gaz, "t:raqqa", "Q207133", "geonames:163345", "wikidata:Q1020386")
    assert proc.returncode == 0, proc.stderr
    assert [r["id"] for r in json_lines(proc.stdout)] == ["t:raqqa"] * 3 + ["t:rastan"]
    assert json_lines(proc.stdout)[0]["arabic"] == "الرقة"
    missing = rasm("show", *gaz, "t:raqqa", "t:nowhere")
    assert missing.returncode == 1
    assert json_lines(missing.stdout)[1] == {"query": "t:nowhere", "id": None,
                                             "error": "no entity with id 't:nowhere'"}
    code, out, _ = rasm_at_terminal("show", *gaz, "Q1020386", "--color", "never")
    assert code == 0 and out.splitlines()[0] == "Rastan"
    assert any(line.split() == ["located", "Homs", "Governorate,", "Syria"]
               for line in out.splitlines())


def test_search_suggests_from_a_prefix(gazetteer_with_refs: Path) -> None:
    gaz = ["--no-builtin", "--gazetteer", str(gazetteer_with_refs)]
    proc = rasm("search", *gaz, "Ra")
    assert proc.returncode == 0, proc.stderr
    assert {r["id"] for r in json_lines(proc.stdout)} == {"t:raqqa", "t:rastan"}
    assert json_lines(rasm("search", *gaz, "Ras").stdout)[0]["id"] == "t:rastan"
    code, out, _ = rasm_at_terminal("search", *gaz, "الرق", "--color", "never")
    assert code == 0 and "CANONICAL" in out and "Raqqa" in out
    assert rasm("search", *gaz, " ").returncode == 2


# --- help and completion ---------------------------------------------------------------------

def test_every_command_has_examples_in_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    registered = set(sub.choices)  # type: ignore[arg-type]
    assert {"match", "text", "show", "search", "completion"} <= registered
    assert registered <= set(COMMANDS)
    assert "examples:" in parser.format_help()
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        text = command.format_help()
        assert "examples:" in text and f"rasm {name}" in text.split("examples:")[1], name


def test_bash_completion_completes_commands_options_and_choices(tmp_path: Path) -> None:
    script = rasm("completion", "bash").stdout.decode()  # bash: what scripts/dev.sh runs in
    path = tmp_path / "rasm-completion.sh"
    path.write_text(script, encoding="utf-8")

    def complete(*words: str) -> list[str]:
        line = " ".join(f"'{w}'" for w in words)
        code = (f"source {path}; COMP_WORDS=(rasm {line}); COMP_CWORD={len(words)}; _rasm; "
                'printf "%s\\n" "${COMPREPLY[@]}"')
        out = subprocess.run(["bash", "-c", code], capture_output=True, text=True, timeout=30,
                             check=True).stdout
        return out.split()

    assert complete("se") == ["search", "serve"]
    assert "--kind" in complete("match", "--ki")
    assert sorted(complete("match", "--kind", "p")) == ["person", "place"]
    assert complete("completion", "") == ["bash", "zsh"]
    assert "--sample" in complete("batch", "--sa")
    zsh = rasm("completion", "zsh").stdout.decode()
    assert "bashcompinit" in zsh and "complete -o filenames -F _rasm rasm" in zsh
