"""Security checks: no code execution on data, bounded dependencies, loopback by default,
uploaded file names that cannot escape their folder."""

from __future__ import annotations

import ast
import inspect
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([*(ROOT / "qa_bot").rglob("*.py"), *(ROOT / "eval").rglob("*.py")])

# modules that turn bytes into code or arbitrary objects
UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "marshal",
                  "shelve", "jsonpickle"}
UNSAFE_BUILTINS = {"eval", "exec", "compile", "__import__"}


def _unsafe(path: Path) -> list[str]:
    """Uses of unsafe deserializers/evaluators in one file, found on the syntax tree (so a
    docstring saying "no pickle" or ``model.eval()`` on a torch module is not a hit)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    hits = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Import):
            hits += [f"{where} import {a.name}" for a in node.names
                     if a.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in \
                UNSAFE_MODULES:
            hits.append(f"{where} from {node.module} import ...")
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in UNSAFE_BUILTINS:
                hits.append(f"{where} {f.id}(...)")
            if isinstance(f, ast.Attribute):
                owner = f.value.id if isinstance(f.value, ast.Name) else ""
                if (owner, f.attr) in {("torch", "load"), ("yaml", "load"),
                                       ("yaml", "unsafe_load"), ("builtins", "eval"),
                                       ("builtins", "exec")}:
                    hits.append(f"{where} {owner}.{f.attr}(...)")
                for kw in node.keywords:
                    if kw.arg == "allow_pickle" and not (isinstance(kw.value, ast.Constant)
                                                         and kw.value.value is False):
                        hits.append(f"{where} allow_pickle")
                    if kw.arg == "weights_only" and isinstance(kw.value, ast.Constant) \
                            and kw.value.value is False:
                        hits.append(f"{where} weights_only=False")
    return hits


def test_scanner_catches_what_it_should(tmp_path, monkeypatch):
    """The scanner itself: a file full of bad calls is flagged; harmless look-alikes are not."""
    bad = tmp_path / "bad.py"
    bad.write_text("import pickle\nfrom joblib import load\nimport numpy as np\n"
                   "eval('1')\nexec('x=1')\nnp.load('f', allow_pickle=True)\n"
                   "import torch\ntorch.load('m')\n")
    ok = tmp_path / "ok.py"
    ok.write_text('"""No pickle, no eval(...) here."""\nmodel = object()\n'
                  "def f(m):\n    m.eval()\n    return 'exec('\n")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert len(_unsafe(bad)) == 6
    assert _unsafe(ok) == []


def test_no_pickle_eval_or_exec_in_sources():
    assert len(SOURCES) > 10
    hits = [h for p in SOURCES for h in _unsafe(p)]
    assert hits == [], "unsafe deserialization / code evaluation:\n" + "\n".join(hits)


def test_index_files_are_json_and_faiss_only():
    """What the index writes: JSON lines and FAISS's own format (no object serialization)."""
    src = (ROOT / "qa_bot" / "index.py").read_text(encoding="utf-8")
    names = set(re.findall(r'f"(\w+)\.\{gen\}\.(\w+)"', src))
    assert names == {("documents", "jsonl"), ("sentences", "jsonl"), ("vectors", "faiss")}


# ---- dependencies ---------------------------------------------------------------------------
def _requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        reqs += extra
    return reqs


@pytest.mark.parametrize("req", _requirements())
def test_dependency_has_upper_bound(req):
    r = Requirement(req)
    ops = {s.operator for s in r.specifier}
    assert ops & {"<", "<=", "==", "~=", "==="}, f"{req}: no upper bound"
    assert ops & {">=", ">", "==", "~=", "==="}, f"{req}: no lower bound"


# ---- network exposure -----------------------------------------------------------------------
def test_serve_binds_loopback_by_default():
    from qa_bot.cli import build_parser

    args = build_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    assert build_parser().parse_args(["serve", "--host", "0.0.0.0"]).host == "0.0.0.0"  # opt-in


def test_app_entry_points_default_to_loopback():
    app = pytest.importorskip("qa_bot.app")
    for fn in (app.serve, app.launch):
        assert inspect.signature(fn).parameters["host"].default == "127.0.0.1", fn.__name__
    src = inspect.getsource(app.launch)
    assert "share=False" in src  # never a public gradio.live tunnel


# ---- uploads --------------------------------------------------------------------------------
EVIL_NAMES = ["../../evil.txt", "..\\..\\evil.txt", "/etc/passwd.txt", "....//evil.txt",
              "%2e%2e%2fevil.txt", "evil\x00.txt", "con.txt", ".txt", "a" * 240 + ".txt",
              "ev\nil.txt", "~root.txt", "$(touch pwned).txt", "<script>.txt"]


@given(st.text(min_size=0, max_size=300))
def test_safe_stem_is_a_plain_token(name):
    app = pytest.importorskip("qa_bot.app")
    stem = app.safe_stem(name)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,40}", stem)
    assert ".." not in stem


def test_uploads_are_copied_under_names_we_choose(tmp_path, monkeypatch):
    """Whatever the user called a file, it is read from a private folder under a made-up name;
    nothing is written elsewhere and the document id is a plain token."""
    app = pytest.importorskip("qa_bot.app")
    copyfile = app.shutil.copyfile

    incoming = tmp_path / "gradio-upload"
    incoming.mkdir()
    paths = []
    for i, name in enumerate(EVIL_NAMES):  # the client-chosen name as the file's own name
        safe_on_disk = name.replace("/", "\u2215").replace("\x00", "")
        d = incoming / str(i)
        d.mkdir()
        p = d / safe_on_disk
        p.write_text(f"Story number {i} about harbours and ferries.", encoding="utf-8")
        paths.append(p)
    written: list[Path] = []

    def spy_copyfile(src, dst, *a, **kw):
        written.append(Path(dst))
        return copyfile(src, dst, *a, **kw)

    monkeypatch.setattr(app.shutil, "copyfile", spy_copyfile)
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    docs, problems = [], []
    for lo in range(0, len(paths), app.MAX_UPLOAD_FILES):
        d, pr = app.load_uploads(paths[lo:lo + app.MAX_UPLOAD_FILES], {},
                                 start_number=len(docs) + 1)
        docs += d
        problems += pr
    # ".txt" is a hidden file without a suffix: refused by name, never read
    assert problems == [".txt: unsupported file type (none); upload .txt, .md, .html, .htm, "
                        ".jsonl files"]
    assert len(written) == len(docs) == len(EVIL_NAMES) - 1
    for folder in {p.parent for p in written}:
        assert folder.name.startswith("qa-bot-upload-")
        assert not folder.exists()  # the private copies are gone afterwards
    assert all(re.fullmatch(r"upload\d+\.(txt|md|html|htm|jsonl)", p.name) for p in written)
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
    assert docs and all(re.fullmatch(r"upload-\d+-[A-Za-z0-9_-]{1,40}", d.id) for d in docs)
