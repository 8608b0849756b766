"""Rule files: rules/*.toml and a user's rules folders read, validated and merged into a RuleSet.

Why apart from ruleset.py: matching runs for every mail and must stay small and fast; reading
is once per process and is mostly validation, whose every error names the file and the key
(`RuleError`), so a seller editing a rule file by hand knows what to fix. A user's folder
overrides bundled rules and concepts by name. Concepts and phrases: see ruleset.py.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from watcher.core.expression import Expression
from watcher.core.folding import fold, folding_tables
from watcher.core.lazyre import Lazy
from watcher.core.model import Kind
from watcher.core.ruleset import (
    FIELDS,
    LANGUAGES,
    Concepts,
    Condition,
    Phrase,
    Rule,
    RuleError,
    RuleSet,
)
from watcher.core.rulestable import fingerprint, shipped_ruleset, table

_RULE_KEYS = {"name", "kind", "priority", "languages", "description", "enabled", "sender", *FIELDS}
_COND_KEYS = {"any", "all", "none"}
_CONCEPT_NAME = re.compile(r"[a-z][a-z0-9_]*")
_CONCEPT_REF = re.compile(r"<@([a-z][a-z0-9_]*)>")


def _expression(pattern: str) -> Expression:
    """The text searched is folded to lower case, so a pattern without upper-case letters needs
    no re.I, which sre runs about 40 % faster (and which keeps its required literals exact);
    anything else (e.g. `\\S`) keeps re.I."""
    return Expression(pattern, 0 if pattern == pattern.lower() else re.I)


def _no_control(phrase: str, where: str) -> None:
    """A control character in a phrase is almost always TOML eating a backslash: "\\b" in a
    double-quoted string is a backspace, not a regex word boundary."""
    if any(unicodedata.category(ch) == "Cc" for ch in phrase):
        raise RuleError(f"{where}: contains a control character; in a TOML \"...\" string write \\\\b "
                        f"for \\b, or use a '...' string")


def _concept_regex(name: str, concepts: Concepts, where: str, seen: tuple[str, ...] = ()) -> str:
    """One concept as a regular expression: its phrases as alternatives (plain ones escaped)."""
    if name not in concepts:
        known = ", ".join(sorted(concepts)) or "none"
        raise RuleError(f"{where}: unknown concept @{name} (defined: {known})")
    if name in seen:
        raise RuleError(f"{where}: concept @{name} refers to itself")
    parts = []
    for phrase in concepts[name]:
        if phrase.startswith("re:"):
            parts.append(_expand(phrase[3:], concepts, where, (*seen, name)))
        elif phrase.startswith("@"):
            parts.append(_concept_regex(phrase[1:], concepts, where, (*seen, name)))
        else:
            parts.append(re.escape(fold(phrase)))
    return "(?:" + "|".join(parts) + ")"


def _expand(pattern: str, concepts: Concepts, where: str, seen: tuple[str, ...] = ()) -> str:
    return _CONCEPT_REF.sub(lambda m: _concept_regex(m[1], concepts, where, seen), pattern)


def _phrases(value: object, where: str, concepts: Concepts, check: bool) -> tuple[Phrase, ...]:
    """Folded plain phrases and expressions; `check` compiles each expression now, so that an
    invalid one is a RuleError naming its file and key."""
    if not isinstance(value, list) or not all(isinstance(p, str) and p.strip() for p in value):
        raise RuleError(f"{where}: must be a list of non-empty strings")
    out: list[Phrase] = []
    for i, phrase in enumerate(value):
        _no_control(phrase, f"{where}[{i}]")
        if phrase.startswith("@"):
            pattern = _concept_regex(phrase[1:], concepts, f"{where}[{i}]")
        elif phrase.startswith("re:"):
            pattern = _expand(phrase[3:], concepts, f"{where}[{i}]")
        else:
            out.append(fold(phrase))
            continue
        expression = _expression(pattern.translate(folding_tables()[0]))
        out.append(expression)
        try:
            if check:
                expression.compile()
        except re.error as exc:
            raise RuleError(f"{where}[{i}]: invalid regular expression: {exc}") from None
    return tuple(out)


def _condition(value: object, where: str, concepts: Concepts, check: bool) -> Condition:
    if not isinstance(value, dict):
        raise RuleError(f"{where}: must be a table with any / all / none")
    unknown = set(value) - _COND_KEYS
    if unknown:
        raise RuleError(f"{where}.{sorted(unknown)[0]}: unknown key (expected any, all, none)")
    return Condition(**{k: _phrases(v, f"{where}.{k}", concepts, check) for k, v in value.items()})


def _sender(value: object, where: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not isinstance(value, dict) or set(value) - {"any", "none"}:
        raise RuleError(f"{where}: must be a table with any / none")
    out = []
    for key in ("any", "none"):
        items = value.get(key, [])
        if not isinstance(items, list) or not all(isinstance(p, str) and p for p in items):
            raise RuleError(f"{where}.{key}: must be a list of sender classes or address patterns")
        out.append(tuple(p.lower() for p in items))
    return out[0], out[1]


def _rule(raw: object, where: str, source: str, override: bool, concepts: Concepts, check: bool) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError(f"{where}: must be a table")
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RuleError(f"{where}.{sorted(unknown)[0]}: unknown key")
    name = raw.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[\w.-]+", name):
        raise RuleError(f"{where}.name: required, letters/digits/._- only")
    where = f"{where} ({name})"
    if override and set(raw) == {"name", "enabled"}:
        return Rule(name, Kind.OTHER, 0, (), (), enabled=bool(raw["enabled"]), source=source)
    kind_name = raw.get("kind")
    if not isinstance(kind_name, str) or kind_name not in {k.value for k in Kind}:
        raise RuleError(f"{where}.kind: must be one of {', '.join(k.value for k in Kind)}")
    kind = Kind(kind_name)
    priority = raw.get("priority", 50)
    if not isinstance(priority, int) or isinstance(priority, bool):
        raise RuleError(f"{where}.priority: must be an integer")
    langs = raw.get("languages", [])
    if not isinstance(langs, list) or not langs or any(lang not in LANGUAGES for lang in langs):
        raise RuleError(f"{where}.languages: must list some of {', '.join(LANGUAGES)}")
    conditions = tuple((f, _condition(raw[f], f"{where}.{f}", concepts, check)) for f in FIELDS if f in raw)
    if not conditions:
        raise RuleError(f"{where}: needs at least one of {', '.join(FIELDS)}")
    sender_any, sender_none = _sender(raw.get("sender", {}), f"{where}.sender")
    enabled = raw.get("enabled", True)
    if not isinstance(enabled, bool):
        raise RuleError(f"{where}.enabled: must be true or false")
    desc = raw.get("description", "")
    return Rule(
        name, kind, priority, tuple(langs), conditions, sender_any, sender_none, str(desc), enabled, source
    )


@dataclass(frozen=True)
class RuleFile:
    """One TOML document, read but not yet compiled: its concepts must all be known first,
    since a later file (a user's folder) may add or redefine a concept the bundled rules use."""

    source: str
    concepts: Concepts
    rules: tuple[object, ...]


def read_rule_file(text: str, source: str) -> RuleFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{source}: not valid TOML: {exc}") from None
    unknown = set(data) - {"rules", "concepts"}
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(f"{source}: unknown top-level key {key!r} (expected [[rules]], [concepts])")
    raw_rules = data.get("rules", [])
    if not isinstance(raw_rules, list):
        raise RuleError(f"{source}: rules must be an array of tables ([[rules]])")
    raw_concepts = data.get("concepts", {})
    if not isinstance(raw_concepts, dict):
        raise RuleError(f"{source}: concepts must be a table ([concepts] name = [phrases])")
    concepts: Concepts = {}
    for name, phrases in raw_concepts.items():
        where = f"{source}: concepts.{name}"
        if not _CONCEPT_NAME.fullmatch(name):
            raise RuleError(f"{where}: a concept name is lower-case letters, digits and _")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p for p in phrases):
            raise RuleError(f"{where}: must be a non-empty list of phrases")
        for i, phrase in enumerate(phrases):
            _no_control(phrase, f"{where}[{i}]")
        concepts[name] = tuple(phrases)
    return RuleFile(source, concepts, tuple(raw_rules))


def compile_rules(file: RuleFile, concepts: Concepts, override: bool = False) -> list[Rule]:
    """The file's rules. Their expressions are compiled up front, so that an error names the file
    and key, except the bundled files' under the bundled concepts: the tests compile those, and
    leaving them to their first search keeps a one-file `classify` from compiling them all."""
    check = file not in _bundled_files() or concepts != bundled_concepts()
    return [_rule(r, f"{file.source}: rules[{i}]", file.source, override, concepts, check)
            for i, r in enumerate(file.rules)]


def parse_rules(text: str, source: str, override: bool = False,
                concepts: Concepts | None = None) -> list[Rule]:
    """Rules of one TOML document; `source` names it in errors. Concepts: the bundled ones, then
    the document's own."""
    file = read_rule_file(text, source)
    known = {**(bundled_concepts() if concepts is None else concepts), **file.concepts}
    return compile_rules(file, known, override)


def _merge(base: list[Rule], extra: list[Rule]) -> list[Rule]:
    """User rules replace bundled ones of the same name (or just toggle `enabled`)."""
    by_name = {r.name: i for i, r in enumerate(base)}
    out = list(base)
    for rule in extra:
        if rule.name in by_name:
            old = out[by_name[rule.name]]
            out[by_name[rule.name]] = rule if rule.conditions else _with_enabled(old, rule.enabled)
        elif rule.conditions:
            by_name[rule.name] = len(out)
            out.append(rule)
        else:
            raise RuleError(f"{rule.source}: rule {rule.name!r} only toggles enabled but no such rule exists")
    return out


def _with_enabled(rule: Rule, enabled: bool) -> Rule:
    return Rule(**{**rule.__dict__, "enabled": enabled})


def _check_unique(rules: list[Rule]) -> None:
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.name in seen:
            raise RuleError(f"{rule.source}: rule name {rule.name!r} already defined in {seen[rule.name]}")
        seen[rule.name] = rule.source


def _bundled_dir() -> Traversable:
    """The wheel ships rules/ as package watcher.rules; a plain checkout has it beside watcher/."""
    try:
        return resources.files("watcher.rules")
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "rules"


@cache
def _bundled_sources() -> tuple[tuple[str, str], ...]:
    """(source, text) of each bundled rule file."""
    entries = sorted(_bundled_dir().iterdir(), key=lambda e: e.name)
    return tuple((f"rules/{e.name}", e.read_text("utf-8")) for e in entries if e.name.endswith(".toml"))


@cache
def _bundled_files() -> tuple[RuleFile, ...]:
    return tuple(read_rule_file(text, source) for source, text in _bundled_sources())


def _merged_concepts(files: tuple[RuleFile, ...] | list[RuleFile]) -> Concepts:
    """Later files redefine a concept by name, as user rules replace bundled rules by name."""
    concepts: Concepts = {}
    for file in files:
        concepts.update(file.concepts)
    return concepts


def bundled_concepts() -> Concepts:
    return _merged_concepts(_bundled_files())


def concept_pattern(name: str, concepts: Concepts | None = None) -> str:
    """One concept as a regular expression over folded text (candidates' partial view reuses them)."""
    return _concept_regex(name, bundled_concepts() if concepts is None else concepts, f"concepts.{name}")


def bundled_rules(concepts: Concepts | None = None) -> list[Rule]:
    rules: list[Rule] = []
    known = bundled_concepts() if concepts is None else concepts
    for file in _bundled_files():
        rules.extend(compile_rules(file, known))
    _check_unique(rules)
    return rules


def _user_files(folder: str | Path) -> list[RuleFile]:
    path = Path(folder)
    if not path.is_dir():
        raise RuleError(f"{path}: rules folder does not exist")
    files = []
    for file in sorted(path.glob("*.toml")):
        try:
            text = file.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(f"{file}: cannot read: {exc}") from None
        files.append(read_rule_file(text, str(file)))
    return files


def load_ruleset(*user_dirs: str | Path) -> RuleSet:
    """Bundled rules plus each user folder's *.toml (later folders override earlier ones, rules
    and concepts alike: a redefined concept changes every rule that uses it)."""
    user = [f for folder in user_dirs for f in _user_files(folder)]
    concepts = _merged_concepts([*_bundled_files(), *user])
    rules = bundled_rules(concepts)
    for file in user:
        extra = compile_rules(file, concepts, override=True)
        _check_unique(extra)
        rules = _merge(rules, extra)
    quote = None
    if "quote" in concepts:
        pattern = _concept_regex("quote", concepts, "concepts.quote")
        # Compiled at the first alert excerpt (~3 ms a process that may never quote); a user's
        # rules may redefine the concept, so then it is compiled now, where an error belongs.
        quote = Lazy(pattern.translate(folding_tables()[0]), re.I)
        if user:
            quote.compiled  # noqa: B018 - compiling is the check
    return RuleSet(tuple(rules), quote)


def bundled_table() -> dict[str, object]:
    """The bundled rules compiled from the files now, as rulestable.py ships them."""
    return table(load_ruleset(), fingerprint(list(_bundled_sources())))


@cache
def default_ruleset() -> RuleSet:
    """The bundled rules, once per process: as shipped compiled (rulestable.py) when the files
    are those the table was made from, else read from the files."""
    shipped = shipped_ruleset(fingerprint(list(_bundled_sources())))
    return load_ruleset() if shipped is None else shipped
