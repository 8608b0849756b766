"""pydantic's validation errors, in the user's words: one line that names the key as written.

Why a module of its own: config.py says what a valid file is (the models, each default once);
this says what is wrong with an invalid one, which is a matter of pydantic's error records (their
`loc`, `type` and `ctx`) and of the TOML as the user wrote it (a mailbox is named by its `name`,
not its index), not of any one model. `parse` hands it the error, the document and the models
that own its tables, and raises the line as a `ConfigError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError


class Invalid(ValueError):
    """A check across fields, reported at the key the user should edit (relative to the model)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


_EXPECTED = {"string_type": "str", "int_type": "int", "bool_type": "bool", "float_type": "float",
             "path_type": "str", "is_instance_of": "str"}


def error_line(exc: ValidationError, data: dict[str, Any], file: type[BaseModel],
               tables: Mapping[str, type[BaseModel]]) -> str:
    """The first error as one line: `<key as written>: <what is wrong>`; never the input's value
    unless it is a plain choice (a notify URL is a secret, so values are not echoed in general).
    `file` is the model of the whole document, `tables` the model of each of its tables (for the
    keys an unknown key could have been)."""
    error = exc.errors(include_url=False)[0]
    loc, kind, value = error["loc"], error["type"], error.get("input")
    keys: list[str] = []
    in_list = False
    for i, part in enumerate(loc):
        if isinstance(part, int):
            if i == 1 and loc[0] == "mailboxes":
                keys[-1] = _mailbox_key(data, part)
                continue
            in_list = True  # an element of a list of strings: the key is the list's
            break
        keys.append(str(part))
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, Invalid):
        keys.append(cause.key)
    key = ".".join(keys) or "config"
    owner = tables.get(str(loc[0]), file) if len(loc) > 1 else file
    return f"{key}: {_message(error, loc, kind, value, in_list, cause, owner)}".replace("\n", " ")


def _mailbox_key(data: dict[str, Any], index: int) -> str:
    boxes = data.get("mailboxes")
    box = boxes[index] if isinstance(boxes, list) and index < len(boxes) else None
    name = box.get("name") if isinstance(box, dict) else None
    return f"mailboxes.{name}" if isinstance(name, str) and name else f"mailboxes[{index}]"


def _message(error: Any, loc: tuple[int | str, ...], kind: str, value: Any, in_list: bool,
             cause: Any, owner: type[BaseModel]) -> str:
    if cause is not None:
        return str(cause)
    if loc == ("mailboxes",) and kind in ("tuple_type", "model_type"):
        return "must be an array of tables ([[mailboxes]])"
    if in_list or kind == "tuple_type":
        return "expected a list of strings"
    if kind in ("model_type", "dict_type"):
        if isinstance(loc[-1], int):
            return "must be a table"
        return f"must be a table ([{'.'.join(map(str, loc))}])"
    if kind == "extra_forbidden":
        return f"unknown key (allowed: {', '.join(sorted(owner.model_fields))})"
    if kind == "missing":
        return "required"
    if kind == "string_too_short":
        return "required, a non-empty string"
    if kind == "literal_error":
        return f"must be one of {error['ctx']['expected']}, not {value!r}"
    if kind in _EXPECTED:
        got = "a boolean" if isinstance(value, bool) else type(value).__name__
        return f"expected {_EXPECTED[kind]}, got {got}"
    return str(error["msg"])


__all__ = ["Invalid", "error_line"]
