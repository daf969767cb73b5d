"""JSON API: ``POST /api/eligibility`` and ``POST /api/subsidy``, thin shells over liangye_rules.cli."""

from __future__ import annotations

from aiohttp import web

from liangye_rules.cli import check, subsidy
from liangye_rules.facts import InputError
from liangye_rules.support import SubsidyInputError

from .app import STORE, db, json_error, json_response, read_json


async def eligibility(request: web.Request) -> web.Response:
    """The verdict for one input object (see ``python -m liangye_rules check``); stored as an ``api`` check."""
    body = await read_json(request)
    try:
        result = check(body)
    except InputError as exc:
        return json_error(400, exc.message, exc.field)
    await db(request.app[STORE].record_check, "api", result["applicant_type"], result)
    return json_response(result)


async def subsidy_estimate(request: web.Request) -> web.Response:
    """The subsidy estimate for one project (see ``python -m liangye_rules subsidy``)."""
    body = await read_json(request)
    try:
        result = subsidy(body)
    except SubsidyInputError as exc:
        return json_error(400, exc.message, exc.field)
    return json_response(result)


def setup(app: web.Application) -> None:
    app.router.add_post("/api/eligibility", eligibility)
    app.router.add_post("/api/subsidy", subsidy_estimate)
