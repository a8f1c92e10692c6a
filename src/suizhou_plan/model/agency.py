"""`agencies.yaml`: the registry of responsible units (責任單位)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from suizhou_plan.i18n import Msg
from suizhou_plan.model.types import (
    Bool,
    Id,
    IsoDate,
    Model,
    SchemaVersion,
    Text,
    TextList,
    empty_list,
    invalid,
)

AgencyKind = Literal[
    "municipal-government",
    "municipal-department",
    "party-organ",
    "county-government",
    "management-committee",
    "public-institution",
    "state-owned-company",
    "central-bank-branch",
    "financial-regulator-branch",
    "fire-rescue-corps",
    "collective",
    "placeholder",
]
Confidence = Literal["confirmed", "likely", "unconfirmed"]


class Change(Model):
    """What happened to a unit after 2021 (renamed, merged), with how sure we are."""

    successor: Id | None = None
    valid_until: IsoDate | None = None
    known_by: IsoDate | None = None
    confidence: Confidence
    source: Text
    note: Text | None = None


class Agency(Model):
    id: Id
    name: Text
    kind: AgencyKind
    full_name: Text | None = None
    full_name_source: Text | None = None
    aliases: TextList = Field(default_factory=empty_list)
    members: list[Id] = Field(default_factory=empty_list)
    in_source_text: Bool = True
    valid_from: IsoDate | None = None
    source: Text | None = None
    confidence: Confidence | None = None
    change: Change | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Agency:
        if self.kind == "collective" and not self.members:
            raise invalid(
                "agency",
                Msg("a collective unit needs `members` (the ids of the units it stands for)"),
            )
        if self.kind != "collective" and self.members:
            raise invalid("agency", Msg("only a unit of kind `collective` has `members`"))
        if self.full_name and not self.full_name_source:
            raise invalid(
                "agency",
                Msg("`full_name` needs `full_name_source`: say where the full name is confirmed"),
            )
        if not self.in_source_text and not self.source:
            raise invalid(
                "agency",
                Msg("a unit not named in the document (`in_source_text: false`) needs `source`"),
            )
        return self

    @property
    def vague(self) -> bool:
        return self.kind == "placeholder"


class AgenciesFile(Model):
    schema_version: SchemaVersion = 1
    agencies: list[Agency]
