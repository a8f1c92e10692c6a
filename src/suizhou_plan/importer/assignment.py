"""The unit clause of a task: who leads, who supports, by when.

Layouts seen in real plans, all handled here:
- in brackets at the end: 「（責任單位：A、B）」, 「（牽頭單位：A；配合單位：B、C）」,
  「（A牽頭，B、C配合）」, 「（A、B等按職責分工負責）」, 「（A負責）」;
- labels without brackets, running into each other and into a deadline:
  「牽頭單位：A 責任單位：B」, 「牽頭單位：A配合單位：B完成時限：2019年12月底」.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from suizhou_plan.importer.brackets import Group, top_level_groups
from suizhou_plan.importer.script import compile_either, either
from suizhou_plan.importer.unit_list import split_units

LEAD_LABELS = "牵头责任单位|牵头单位|牵头部门|主责单位|主责部门|主办单位|牵头领导单位"
SUPPORT_LABELS = ("配合责任单位|协同责任单位|配合单位|配合部门|协同单位|协同部门|协办单位|协作单位|"
                  "参与单位|参加单位")
UNIT_LABELS = ("责任单位|责任部门|负责单位|责任主体|实施单位|实施主体|承办单位|主体单位|责任处室|"
               "部门分工|单位分工|责任分工|任务分工")
DEADLINE_LABELS = "完成时限|完成期限|完成时间|时间节点|时限要求|办结时限|时间要求|时限"
# People, not units: read so that their value does not run into the next label.
PERSON_LABELS = ("牵头负责领导|牵头市领导|牵头省领导|牵头领导|责任领导|分管领导|"
                 "分管市领导|分管省领导|分管区领导|分管县领导|责任人|联系人")
_ROLE = {"person": PERSON_LABELS, "lead": LEAD_LABELS, "support": SUPPORT_LABELS,
         "units": UNIT_LABELS, "deadline": DEADLINE_LABELS}
_LABEL = compile_either(
    "(" + "|".join(f"(?P<{role}>{labels})" for role, labels in _ROLE.items()) + r")\s*[：:]\s*"
)
_LEAD_SUPPORT = compile_either(
    r"^(?P<lead>.+?)牵头[，,；;、\s]*(?P<support>.+?)(参与|配合|协同|协助)(落实)?$"
)
_LEAD_RESPONSIBLE = compile_either(
    r"^(?P<lead>.+?)牵头[，,；;、\s]*(?P<support>.+?)(按职责分工|按照职责分工|按职责|分别|共同|各自)?"
    r"(负责|落实|实施)$"
)
_LEAD_ONLY = compile_either(r"^(?P<lead>.+?)(分别|共同)?牵头(负责|落实|实施|推进|抓总)?$")
_LEADS_WORD = compile_either(r"牵头")
_LEADS_SUFFIX = compile_either(r"(分别|共同)?牵头(负责|落实|实施|推进|抓总)?$")
_RESPONSIBLE = compile_either(
    r"^(?P<units>.+?)(按职责分工|按照职责分工|按职能分工|按职责|分别|共同|各自)?(负责|落实|实施|承担)(落实)?$"
)
_UNITISH = compile_either(
    r"(局|委|办|部|院|会|中心|政府|公司|集团|行|队|处|所|站|室|厅|署|区|馆|社|团|台|校|联|协|"
    r"大学|学院|医院|银行|单位|部门|分局|支行|园区|片区|街道|乡镇|县|市|镇|乡|机关|海关|关)$"
)


@dataclass
class Assignment:
    """A parsed unit clause: `start`/`end` delimit it in the paragraph."""

    start: int
    end: int
    units: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    deadline: str | None = None
    ends_with_etc: bool = False
    labelled: bool = False
    bracketed: bool = False
    unclosed: bool = False
    mismatched: bool = False
    odd_units: list[str] = field(default_factory=list)
    lead_words: str | None = None  # what marks the lead: its label (牽頭單位) or 「牽頭」
    deadline_words: str | None = None  # the deadline's label and value, as written


_DUTY_SUFFIX = compile_either(r"(按职责分工|按照职责分工|按职责|分别|共同|各自)(负责|落实)$")


def _first_sentence(value: str) -> str:
    """A labelled list ends at a full stop outside brackets: what follows is a remark
    (「…按職責分工負責。具體任務均涉及相關市（州）人民政府，不再做分工，下同。」), read by
    `clauses` as a rule for every task."""
    depth = 0
    for index, ch in enumerate(value):
        if ch in "（(〔【[":
            depth += 1
        elif ch in "）)〕】]" and depth:
            depth -= 1
        elif ch == "。" and depth == 0 and value[index + 1:].strip():
            return value[:index]
    return value


def looks_like_unit(name: str) -> bool:
    """Ends as unit names end (局, 委, 中心, 政府 …), a bracketed note after it aside."""
    bare = re.sub(r"[（(][^（()）]*[）)]$", "", name)
    return bool(_UNITISH.search(bare)) or bare.startswith("各")


def find_assignment(text: str) -> Assignment | None:
    """Labelled fields outside brackets (「責任單位：A（B）」 on a line of its own), else the
    last bracketed clause that reads as an assignment; a deadline field outside the brackets
    joins the bracketed units."""
    groups = top_level_groups(text)
    labelled = _labelled_outside(text, groups)
    if labelled is not None and labelled.units:
        return labelled
    for group in reversed(groups):
        parsed = _parse_clause(group.inner, require_units=True)
        if parsed is None and not text[group.end:].strip(_TRAILING):
            parsed = _bare_list(group.inner)
        if parsed is not None:
            parsed.start, parsed.end = group.start, group.end
            parsed.bracketed, parsed.unclosed = True, not group.closed
            parsed.mismatched = group.mismatched
            if labelled is not None and labelled.deadline and not parsed.deadline:
                parsed.deadline = labelled.deadline
                parsed.deadline_words = labelled.deadline_words
                parsed.end = max(parsed.end, labelled.end)
            return parsed
    return labelled


def _labelled_outside(text: str, groups: list[Group]) -> Assignment | None:
    masked = list(text)
    for group in groups:
        masked[group.start:group.end] = "\x00" * (group.end - group.start)
    label = _LABEL.search("".join(masked))
    if label is None:
        return None
    parsed = _parse_clause(text[label.start():], require_units=False)
    if parsed is None:
        return None
    parsed.start, parsed.end = label.start(), len(text)
    return parsed


_TRAILING = "。；;，, \n"


def _bare_list(clause: str) -> Assignment | None:
    """「（市公安局、市交通運輸局）」 ending a task: units with no label or role word."""
    listed = split_units(clause)
    if listed.units and all(len(u) >= 3 and looks_like_unit(u) for u in listed.units):
        return Assignment(0, 0, units=listed.units, ends_with_etc=listed.ends_with_etc)
    return None


def _parse_clause(clause: str, *, require_units: bool) -> Assignment | None:
    labels = list(_LABEL.finditer(clause))
    result = Assignment(0, 0)
    if labels and labels[0].start() == 0:
        result.labelled = True
        for i, match in enumerate(labels):
            value_end = labels[i + 1].start() if i + 1 < len(labels) else len(clause)
            role = next(r for r in _ROLE if match.group(r) is not None)
            _add(result, role, clause[match.end():value_end])
            if role == "lead" and result.lead_words is None:
                result.lead_words = match.group(role)
            if role == "deadline" and result.deadline:
                result.deadline_words = clause[match.start():value_end].strip("。；;，,\n ")
        return result if (result.units or result.deadline) else None
    if labels:
        return None
    return _parse_roles(clause.strip("。；; "), result, require_units)


def _parse_roles(clause: str, result: Assignment, require_units: bool) -> Assignment | None:
    for pattern, roles in ((_LEAD_SUPPORT, ("lead", "support")),
                           (_LEAD_RESPONSIBLE, ("lead", "support")), (_LEAD_ONLY, ("lead",)),
                           (_RESPONSIBLE, ("units",))):
        match = pattern.match(clause)
        if match is None:
            continue
        trial = Assignment(0, 0)
        for role in roles:
            _add(trial, role, match.group(role))
        if "lead" in roles and trial.lead_words is None:
            word = _LEADS_WORD.search(clause)
            trial.lead_words = word.group() if word else None
        # 牽頭 / 配合 are strong words: one unit-like name is enough (the others are
        # reported); 「…負責」 is common prose, so every name must look like a unit.
        strong = "lead" in roles
        if trial.units and (any if strong else all)(looks_like_unit(u) for u in trial.units):
            return trial
    return None if require_units else result


def _add(result: Assignment, role: str, value: str) -> None:
    value = value.strip()
    if role == "deadline":
        result.deadline = value.strip("。；;，,\n ") or None
        return
    if role == "person":
        return
    value = _first_sentence(value).strip("。；;，,\n ")
    duty = _DUTY_SUFFIX.search(value)
    if duty and duty.start() > 0:  # 「A、B按職責分工負責」 inside a labelled field
        value = value[: duty.start()]
    if role == "units":  # 「部門分工：A牽頭，B、C配合」: roles inside a labelled value
        roles = _parse_roles(value, Assignment(0, 0), require_units=True)
        if roles is not None and roles.leads:
            for unit in roles.units:
                if unit not in result.units:
                    result.units.append(unit)
            result.leads += [u for u in roles.leads if u not in result.leads]
            result.ends_with_etc = result.ends_with_etc or roles.ends_with_etc
            return
    suffix = _LEADS_SUFFIX.search(value)
    if suffix and role != "support":  # 「A、B分别牵頭」: each listed unit leads
        role, value = "lead", value[: suffix.start()]
        result.lead_words = result.lead_words or suffix.group()
    listed = split_units(value)
    result.ends_with_etc = result.ends_with_etc or listed.ends_with_etc
    for unit in listed.units:
        if unit not in result.units:
            result.units.append(unit)
        if role == "lead" and unit not in result.leads:
            result.leads.append(unit)
        if not looks_like_unit(unit) and unit not in result.odd_units:
            result.odd_units.append(unit)


LABEL_WORDS = re.compile(either(LEAD_LABELS + "|" + SUPPORT_LABELS + "|" + UNIT_LABELS))
