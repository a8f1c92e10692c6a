"""What the YAML parser says, in words that can be translated.

libyaml explains a syntax error in two short English phrases, the problem (`could not find
expected ':'`) and what it was doing (`while scanning a simple key`).  The phrases a plan's
author can meet are listed here as messages; a phrase not listed is shown as libyaml wrote it.
"""

from __future__ import annotations

from functools import cache

from suizhou_plan.i18n import Msg


@cache
def _known() -> dict[str, Msg]:
    phrases = (
        # problems
        Msg("mapping values are not allowed in this context"),
        Msg("mapping keys are not allowed in this context"),
        Msg("block sequence entries are not allowed in this context"),
        Msg("could not find expected ':'"),
        Msg("did not find expected key"),
        Msg("did not find expected '-' indicator"),
        Msg("did not find expected node content"),
        Msg("did not find expected ',' or ']'"),
        Msg("did not find expected ',' or '}'"),
        Msg("did not find expected alphabetic or numeric character"),
        Msg("did not find expected whitespace or line break"),
        Msg("did not find expected comment or line break"),
        Msg("did not find expected <document start>"),
        Msg("found character that cannot start any token"),
        Msg("found unexpected end of stream"),
        Msg("found unexpected ':'"),
        Msg("found unexpected document indicator"),
        Msg("found unknown escape character"),
        Msg("found invalid Unicode character escape code"),
        Msg("found an indentation indicator equal to 0"),
        Msg("found undefined tag handle"),
        Msg("found a tab character that violates indentation"),
        Msg("found a tab character where an indentation space is expected"),
        Msg("found undefined alias"),
        Msg("second occurrence"),
        Msg("but found another document"),
        # what the parser was doing
        Msg("while scanning a simple key"),
        Msg("while scanning a plain scalar"),
        Msg("while scanning a quoted scalar"),
        Msg("while scanning a block scalar"),
        Msg("while scanning an alias"),
        Msg("while scanning an anchor"),
        Msg("while scanning a tag"),
        Msg("while scanning for the next token"),
        Msg("while parsing a block mapping"),
        Msg("while parsing a block collection"),
        Msg("while parsing a block node"),
        Msg("while parsing a flow mapping"),
        Msg("while parsing a flow sequence"),
        Msg("while parsing a flow node"),
        Msg("while parsing a node"),
        Msg("found duplicate anchor; first occurrence"),
        Msg("expected a single document in the stream"),
    )
    return {str(phrase): phrase for phrase in phrases}


def yaml_says(phrase: str) -> str:
    """`phrase` of the YAML parser as a message, or as it is when it is not a known one."""
    return _known().get(phrase, phrase)
