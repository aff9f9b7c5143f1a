"""argparse in French: a parser and a help formatter that say every usage mistake in French.

argparse builds its messages from gettext message ids (Python 3.11's `argparse.py`), formatted before they reach
`ArgumentParser.error`. `CATALOGUE` is their French translation, keyed by the exact ids: `translate` turns each id
into a pattern, recognises the message, and formats the French one with the same values (quoted « à la
française »). A message that is not in the catalogue keeps its words but still goes out French-framed, and the
tests of the CLI list every mistake they make, so an argparse that changes its wording is caught there.
"""

from __future__ import annotations

import argparse
import re
import sys
from functools import cache
from typing import NoReturn

CATALOGUE = {
    "unrecognized arguments: %s": "argument(s) non reconnu(s) : %s",
    "the following arguments are required: %s": "argument(s) obligatoire(s) manquant(s) : %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r (attendu : %(type)s)",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix invalide : %(value)r (choisir parmi %(choices)s)",
    "expected one argument": "une valeur est attendue après cette option",
    "expected at most one argument": "au plus une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "expected %s argument": "%s valeur attendue",
    "expected %s arguments": "%s valeurs attendues",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë : %(option)s peut désigner %(matches)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ignored explicit argument %r": "cette option ne prend pas de valeur (reçu %r)",
    "unexpected option string: %s": "option inattendue : %s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "commande inconnue : %(parser_name)r (commandes : "
    "%(choices)s)",
}
TYPES = {"int": "un nombre entier", "float": "un nombre", "str": "un texte"}
USAGE = "utilisation : "
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?([sr])")


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    patterns = []
    for english, french in CATALOGUE.items():
        parts, position, count = [], 0, 0
        for found in _PLACEHOLDER.finditer(english):
            parts.append(re.escape(english[position:found.start()]))
            name = found.group(1) or f"_{count}"
            count += 1
            parts.append(f"(?P<{name}>.+?)")
            position = found.end()
        parts.append(re.escape(english[position:]))
        patterns.append((re.compile("".join(parts) + r"\Z", re.S), french))
    return patterns


def _quoted(value: str) -> str:
    """argparse shows values as Python reprs ('abc'); French text quotes them « abc »."""
    return re.sub(r"'((?:[^'\\]|\\.)*)'", lambda m: f"« {m.group(1)} »", value)


def translate(message: str) -> str:
    """The French of an argparse message (nested ones included), or the message itself if it is not known."""
    for pattern, french in _patterns():
        found = pattern.match(message)
        if not found:
            continue
        values = found.groupdict()
        if "message" in values:  # « argument X: <an inner message> »
            values["message"] = translate(values["message"])
        if "type" in values:
            values["type"] = TYPES.get(values["type"], values["type"])
        return _fill(french, values)
    return message


def _fill(french: str, values: dict[str, str]) -> str:
    numbered = iter(sorted(key for key in values if key.startswith("_")))  # %s without a name, in order

    def fill(placeholder: re.Match[str]) -> str:
        name = placeholder.group(1) or next(numbered)
        value = values[name]
        return _quoted(value) if placeholder.group(2) == "r" or name == "choices" else value

    return _PLACEHOLDER.sub(fill, french)


class FrenchFormatter(argparse.HelpFormatter):
    def start_section(self, heading: str | None) -> None:
        super().start_section(f"{heading} " if heading else heading)  # « options : », French spacing

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001, ANN201 - argparse's signature
        return super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class FrenchParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are French; an error exits with code 2 (usage)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", FrenchFormatter)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "arguments"
        self._optionals.title = "options"

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {translate(message)}\n")
