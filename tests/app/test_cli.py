"""The classify command, in-process and as `python -m watcher`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from watcher.app.cli import JSON_KEYS, main

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / "tests" / "corpus" / "shared"


def test_json_lines_match_expected(capsys):
    expected = json.loads((SHARED / "expected.json").read_text("utf-8"))
    files = [str(SHARED / name) for name in sorted(expected)]
    assert main(["classify", "--json", *files]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(files)
    for line in lines:
        row = json.loads(line)
        assert set(JSON_KEYS) <= set(row) and {"rule", "reasons"} <= set(row)
        want = expected[Path(row["file"]).name]
        assert {k: row[k] for k in JSON_KEYS[1:] if row[k] is not None} == want


def test_unreadable_file_reported_and_rest_still_run(capsys, tmp_path):
    good = SHARED / "siv_failed-en-plain.eml"
    code = main(["classify", "--json", str(tmp_path / "missing.eml"), str(good)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "missing.eml" in err
    assert json.loads(out)["kind"] == "siv_failed"


def test_bad_rules_folder_is_a_clean_error(capsys, tmp_path):
    (tmp_path / "bad.toml").write_text("[[rules]]\nname='x'\nkind='nope'\n", encoding="utf-8")
    assert main(["classify", "--rules", str(tmp_path), str(SHARED / "siv_failed-en-plain.eml")]) == 2
    assert "bad.toml" in capsys.readouterr().err


def test_python_m_watcher_on_bundled_samples():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "watcher", "classify", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) >= 17
    assert {r["kind"] for r in rows} >= {"siv_failed", "video_call_invitation", "other"}


def test_table_output(capsys):
    assert main(["classify", "--tz", "UTC", str(SHARED / "video_call_invitation-en-plain.eml")]) == 0
    assert "video_call_invitation" in capsys.readouterr().out.replace("\n", "")


def test_classify_uses_the_configs_rule_folders(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "local.toml").write_text(
        '[[rules]]\nname = "local.freight"\nkind = "siv_failed"\npriority = 95\nlanguages = ["zh-Hans"]\n'
        '[rules.subject]\nany = ["海运报价"]\n', encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text('[rules]\nfolders = ["my-rules"]\n', encoding="utf-8")
    mail = Path(__file__).parents[1] / "corpus" / "shared" / "other-zh-non-amazon-freight-quote.eml"
    assert main(["classify", "--json", str(mail)]) == 0
    assert json.loads(capsys.readouterr().out)["kind"] == "other"
    assert main(["--config", str(config), "classify", "--json", str(mail)]) == 0
    row = json.loads(capsys.readouterr().out)
    assert (row["kind"], row["rule"]) == ("siv_failed", "local.freight")



ONE_PLAIN_MAIL = """
import sys, tomllib
parsed, loads = [], tomllib.loads
tomllib.loads = lambda text, **k: parsed.append(text) or loads(text, **k)
from watcher.app.cli import main
main(["classify", "--json", sys.argv[1]])
left_out = ("html.parser", "watcher.core.html_text", "watcher.core.candidates")
from watcher.core.rulefiles import default_ruleset
print([m for m in left_out if m in sys.modules], default_ruleset().quote._compiled is None,
      sum("[[rules]]" in text or "[concepts]" in text for text in parsed))
"""


def test_a_one_file_classify_of_plain_mail_reads_the_shipped_rules_and_no_html_machinery():
    """What a one-file `classify` of a plain-text mail leaves out (issue 10, a CLI that starts at
    once): the HTML renderer and html.parser, the header filter's vocabulary (candidates), the
    alert-quote expression, and reading the rule files (the rules come from data/rules.json)."""
    done = subprocess.run([sys.executable, "-c", ONE_PLAIN_MAIL, str(SHARED / "siv_failed-en-plain.eml")],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    row, rest = done.stdout.splitlines()
    assert json.loads(row)["kind"] == "siv_failed"
    assert rest == "[] True 0"
