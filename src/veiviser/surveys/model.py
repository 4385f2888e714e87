"""A survey definition as the other flows see it (the one module of this package they may
import): the checked definition, its file and its raw text (what the hash covers)."""
from __future__ import annotations

from dataclasses import dataclass

from ..core import definition as definition_mod
from ..core import vocabulary
from ..problems import SurveyError


@dataclass
class Survey:
    file: str                       # as shown in messages
    raw: dict                       # exactly as read (what the hash covers and what is published)
    definition: definition_mod.Definition

    @property
    def published_name(self) -> str:
        return vocabulary.definition_url(self.definition.id, self.definition.version)

    @property
    def title(self) -> str:
        """The title in bokmål."""
        return vocabulary.text(self.raw["title"])


def definition_url(survey_id: str, version: int) -> str:
    """Where the site publishes a definition (the browser reads the same pattern)."""
    return vocabulary.definition_url(survey_id, version)


def find(surveys: list[Survey], survey_id: str, version: int | None = None) -> Survey:
    """The definition with this id (the highest version unless one is asked for)."""
    matching = [s for s in surveys if s.definition.id == survey_id
                and (version is None or s.definition.version == version)]
    if not matching:
        known = ", ".join(sorted({s.definition.id for s in surveys})) or "ingen"
        raise SurveyError([f"ingen skjemadefinisjon med id-en {survey_id!r}"
                           + (f" og versjon {version}" if version else "") + f" (kjente skjema: {known})"])
    return max(matching, key=lambda s: s.definition.version)
