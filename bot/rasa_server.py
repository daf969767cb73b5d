"""Rasa's command line, with the action server's responses checked against a schema compiled once.

Rasa 3.6 checks every custom action's response with ``jsonschema.validate``. That call checks Rasa's large event
schema itself against the JSON Schema meta-schema before it checks the response, on every call: about 35 ms of
a message of about 120 ms (docs/performance.md). Here the schema is checked once, when the first response is
checked, and the same validator checks every response after it: the same errors are raised for the same
responses, each with Rasa's own message.

Usage: ``python -m bot.rasa_server run ...`` takes the arguments of ``rasa`` (scripts/run.py, docker-compose.yml).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@cache
def _response_validator() -> Validator:
    """A validator for Rasa's action response schema, the schema itself checked once."""
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """``RemoteAction._validate_action_result`` with the compiled validator, raising what Rasa raises."""
    error = best_match(_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from the Action endpoint "
        f"is valid. For more information about the format visit {DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> None:
    """Check action responses with the compiled validator from now on (idempotent)."""
    RemoteAction._validate_action_result = _validate_action_result


def main() -> None:
    """``rasa`` with :func:`install` applied."""
    from rasa.__main__ import main as rasa_main

    install()
    rasa_main()


if __name__ == "__main__":
    main()
