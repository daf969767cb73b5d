"""Bad input is a 4xx with a Chinese message, never a 500: one case of each class, then a bounded fuzz.

The fuzz (hypothesis, derandomized, fixed example counts) posts malformed, mistyped, huge, nested, odd-unicode
and mutated bodies to the JSON API and the console login form, and odd query strings to the chat history.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote_from_bytes, urlencode

import pytest
from aiohttp.test_utils import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yarl import URL

from bot.web.validation import MAX_BODY_BYTES, MAX_JSON_DEPTH
from tests.web.conftest import PASSWORD, hidden_csrf

CJK = re.compile(r"[\u4e00-\u9fff]")
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
PARK = {"applicant_type": "park", "annual_revenue": "120亿元", "advanced_manufacturing_share": "35%"}
VALID = {
    "/api/chat": {"sender": "web-fuzz", "message": "你好", "after": 0},
    "/api/eligibility": PARK,
    "/api/subsidy": {"project_type": "old_factory", "fixed_asset_investment": "2亿元", "in_demonstration_park": True},
}
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


async def chinese_error(response) -> str:
    """The message of an error response: JSON ``error``, or the page's alert; it must be Chinese."""
    text = await response.text()
    if response.content_type == JSON:
        message = json.loads(text)["error"]
    else:
        match = re.search(r'role="alert">([^<]+)<', text)
        assert match, text[:500]
        message = html.unescape(match.group(1))
    assert CJK.search(message), message
    return message


async def checked(response) -> int:
    """The status, after asserting it is below 500 and that a 4xx carries a Chinese message."""
    assert response.status < 500, (response.status, await response.text())
    if response.status >= 400:
        await chinese_error(response)
    return response.status


def obj(**fields) -> bytes:
    return json.dumps(fields).encode()


# --- each class of bad input, explicitly --------------------------------------------------------------------

CHAT = {"sender": "web-case", "message": "你好"}
JSON_CASES = [
    # numbers that overflow a float, exceed Python's int-to-string limit, or are not numbers at all
    ("/api/eligibility", b'{"applicant_type": "park", "annual_revenue": 1e309}', "input", "超出可处理的范围"),
    ("/api/subsidy", b'{"project_type": "old_factory", "fixed_asset_investment": -1e400}', "input", "超出可处理的范围"),
    ("/api/chat", b'{"sender": "web-case", "message": "hi", "after": 1e309}', "input", "超出可处理的范围"),
    ("/api/eligibility", b'{"applicant_type": "park", "annual_revenue": ' + b"9" * 5000 + b"}", "input", "位数过多"),
    (
        "/api/eligibility",
        b'{"applicant_type": "leading_enterprise", "national_market_share_rank": 1' + b"0" * 4000 + b"}",
        "input",
        "位数过多",
    ),
    ("/api/chat", b'{"sender": "web-case", "message": "hi", "after": ' + b"9" * 4000 + b"}", "input", "位数过多"),
    ("/api/subsidy", obj(project_type="platform", fixed_asset_investment="9" * 5000), "fixed_asset_investment", "有限的数字"),
    ("/api/chat", obj(**CHAT, after="9" * 5000), "after", "整数"),
    ("/api/chat", obj(**CHAT, after=10**19), "after", "整数"),
    ("/api/eligibility", b'{"applicant_type": "park", "annual_revenue": NaN}', "input", "NaN"),
    ("/api/subsidy", b'{"project_type": "platform", "fixed_asset_investment": -Infinity}', "input", "Infinity"),
    # booleans where numbers belong
    ("/api/chat", obj(**CHAT, after=True), "after", "整数"),
    ("/api/eligibility", obj(applicant_type="park", annual_revenue=True), "annual_revenue", "数字"),
    ("/api/subsidy", obj(project_type="platform", fixed_asset_investment=False), "fixed_asset_investment", "数字"),
    # nesting: deep enough to exhaust the parser's recursion, balanced or not
    ("/api/eligibility", b"[" * 100_000 + b"]" * 100_000, "input", "嵌套层数过多"),
    ("/api/subsidy", b"[" * 500_000, "input", "嵌套层数过多"),
    ("/api/chat", b'{"sender": "web-case", "message": ' + b'{"a": ' * 50 + b"1" + b"}" * 51, "input", "嵌套层数过多"),
    # lone surrogates and NUL, as JSON escapes in otherwise valid bodies
    ("/api/chat", b'{"sender": "web-case", "message": "\\ud800"}', "message", "代理项"),
    ("/api/chat", b'{"sender": "web-case", "message": "hi", "display": "\\udfff"}', "display", "代理项"),
    ("/api/eligibility", b'{"applicant_type": "park", "\\ud800": 1}', "input", "代理项"),
    ("/api/subsidy", b'{"project_type": "\\udbffA", "fixed_asset_investment": 1}', "project_type", "代理项"),
    ("/api/eligibility", b'{"applicant_type": "park", "titles": [["\\ude00"]]}', "titles", "代理项"),
    ("/api/chat", b'{"sender": "web-case", "message": "a\\u0000b"}', "message", "空字符"),
    # bytes that are not UTF-8 (a stray byte; a surrogate encoded as UTF-8)
    ("/api/chat", b'{"sender": "web-case", "message": "\xff\xfe"}', "input", "UTF-8"),
    ("/api/eligibility", b'{"applicant_type": "\xed\xa0\x80"}', "input", "UTF-8"),
    # wrong types and missing fields
    ("/api/chat", b'{"sender": "web-case"}', "message", "不能为空"),
    ("/api/chat", b'{"message": "hi"}', "sender", "会话标识"),
    ("/api/chat", obj(sender="web-case", message=5), "message", "不能为空"),
    ("/api/chat", obj(**CHAT, after=1.5), "after", "整数"),
    ("/api/chat", b'["hi"]', "input", "JSON 对象"),
    ("/api/eligibility", b"{}", "applicant_type", "必填"),
    ("/api/eligibility", obj(applicant_type="park", annual_revenue={"range": "x"}), "annual_revenue", "annual_revenue"),
    ("/api/subsidy", obj(project_type="platform"), "fixed_asset_investment", "必填"),
    ("/api/subsidy", b"null", "input", "JSON 对象"),
    # not JSON at all
    ("/api/eligibility", b"", "input", "不是合法的 JSON"),
    ("/api/subsidy", b"\xef\xbb\xbf{}", "input", "不是合法的 JSON"),
]


@pytest.mark.parametrize(("path", "body", "field", "fragment"), JSON_CASES)
async def test_bad_json_is_400_naming_the_field(client, received, path, body, field, fragment):
    response = await client.post(path, data=body, headers={"Content-Type": JSON})
    assert await checked(response) == 400
    data = await response.json()
    assert data["field"] == field
    assert fragment in data["error"]
    assert received == []


@pytest.mark.parametrize(
    "content_type", ["text/plain", FORM, "multipart/form-data; boundary=x", "application/json; charset=latin-1"]
)
async def test_json_endpoints_read_json_whatever_the_content_type(client, content_type):
    good = await client.post(
        "/api/subsidy", data=obj(project_type="platform", fixed_asset_investment=1), headers={"Content-Type": content_type}
    )
    assert good.status == 200
    bad = await client.post("/api/chat", data=b"message=hi&sender=web-case", headers={"Content-Type": content_type})
    assert await checked(bad) == 400
    assert (await bad.json())["field"] == "input"


async def test_odd_but_valid_unicode_is_accepted(client, store):
    text = "👍 \u202eabc\u200d 𠀀 e\u0301 ｅｘ"
    pair = b'{"sender": "web-odd", "message": "\\ud83d\\ude00"}'  # a surrogate pair: one valid character, 😀
    for body, said in ((obj(sender="web-odd", message=text), text), (pair, "😀")):
        response = await client.post("/api/chat", data=body, headers={"Content-Type": JSON})
        assert response.status == 200
        assert (await response.json())["messages"][0]["text"] == f"您说的是：{said}"
    assert [m["text"] for m in store.messages_for("web-odd") if m["role"] == "user"] == [text, "😀"]
    full_width = await client.post("/api/eligibility", json={"applicant_type": "park", "annual_revenue": "１２０亿元"})
    assert (await full_width.json())["facts"]["annual_revenue"] == 12_000_000_000


async def test_nesting_limit_is_exact_and_ignores_brackets_in_strings(client):
    for depth, status in ((MAX_JSON_DEPTH - 1, 200), (MAX_JSON_DEPTH, 400)):  # inside the outer object
        nested = "[" * depth + "]" * depth
        response = await client.post("/api/chat", data=f'{{"sender": "web-case", "message": "hi", "x": {nested}}}')
        assert response.status == status
    brackets_in_text = "[" * 1000
    response = await client.post("/api/chat", json={"sender": "web-case", "message": brackets_in_text})
    assert response.status == 200


async def _chunks(size: int):
    for _ in range(size // 65536 + 1):
        yield b" " * 65536


@pytest.mark.parametrize("path", ["/api/chat", "/api/eligibility", "/api/subsidy"])
async def test_huge_bodies_are_413(client, path):
    announced = await client.post(path, data=b" " * (MAX_BODY_BYTES + 1), headers={"Content-Type": FORM})
    assert await checked(announced) == 413
    assert "1 MB" in await chinese_error(announced)
    chunked = await client.post(path, data=_chunks(MAX_BODY_BYTES + 1), headers={"Content-Type": FORM})
    assert await checked(chunked) == 413


# --- the console's login form ------------------------------------------------------------------------------


async def login_token(client: TestClient) -> str:
    return hidden_csrf(await (await client.get("/helpdesk/login")).text())


LOGIN_CASES = [  # the console's own message for each is tested in tests/web/test_console_forms.py
    (b"username=\xff\xfe&password=x", FORM),
    (b"username=a%00b&password=x", FORM),
    (b"username=a&password=x", FORM + "; charset=latin-1"),
    (b"username=a&password=x", FORM + "; charset=klingon"),
    (b'--x\r\nContent-Disposition: form-data; name="username"\r\n\r\n\xff\r\n--x--\r\n', "multipart/form-data; boundary=x"),
    (b"garbage", "multipart/form-data"),
    (b'{"username": "alice"}', JSON),
    (b"username=%ED%A0%80&password=x", FORM),  # percent-encoded invalid UTF-8 decodes to U+FFFD
    (b"username=" + b"a" * 100_000 + b"&password=" + b"b" * 100_000, FORM),
    (b" " * (MAX_BODY_BYTES + 1), FORM),
]


@pytest.mark.parametrize(("body", "content_type"), LOGIN_CASES)
async def test_bad_login_forms_are_4xx_in_chinese(client, body, content_type):
    token = await login_token(client)
    response = await client.post(
        "/helpdesk/login",
        data=body + b"&csrf_token=" + token.encode(),
        headers={"Content-Type": content_type},
        allow_redirects=False,
    )
    assert 400 <= await checked(response) < 500
    assert re.search(r'role="alert">[^<]*[\u4e00-\u9fff]', await response.text())  # the error itself, in Chinese


@pytest.mark.parametrize(
    "target", ["/helpdesk%0d%0aSet-Cookie:%20x=1", "/helpdesk%00", "/helpdesk/%ED%A0%80", "/helpdesk/" + "x" * 5000]
)
async def test_odd_next_targets_never_break_the_redirect(client, target):
    token = await login_token(client)
    url = URL(f"/helpdesk/login?next={target}", encoded=True)
    form = {"username": "alice", "password": PASSWORD, "csrf_token": token}
    response = await client.post(url, data=form, allow_redirects=False)
    assert await checked(response) == 303
    assert "\r" not in response.headers["Location"] and "\n" not in response.headers["Location"]
    assert "x=1" not in response.headers.getall("Set-Cookie", [])


# --- the fuzz ------------------------------------------------------------------------------------------------

odd_chars = st.characters(codec=None) | st.sampled_from(["\ud800", "\udfff", "\x00", "\u202e", "\ufeff", "𠀀", "🙂", "亿", "%"])
texts = st.text(odd_chars, max_size=30)
numbers = (
    st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from([10**40, -(10**30), 2**63, 1e308, 5e-324])
)
long_literals = st.integers(1, 6000).map(lambda n: b"9" * n) | st.sampled_from(
    [b"1e309", b"-1E+999", b"-0.0e-99999", b"1" + b"0" * 40]
)
leaves = st.none() | st.booleans() | numbers | texts
json_values = st.recursive(
    leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4), max_leaves=12
)


def serialize(value) -> bytes:
    """JSON as a careless client writes it: NaN and Infinity as bare words, lone surrogates as \\u escapes."""
    return json.dumps(value, allow_nan=True).encode()


@st.composite
def mutated(draw, path: str) -> bytes:
    """A valid body with one field replaced, added or dropped, or with a few bytes changed."""
    body = dict(VALID[path])
    how = draw(st.sampled_from(["replace", "add", "drop", "bytes", "digits"]))
    if how == "digits":  # a number literal no Python value can be serialized as: thousands of digits, 1e309
        key = draw(st.sampled_from(sorted(body)))
        body[key] = 0
        return serialize(body).replace(f'"{key}": 0'.encode(), f'"{key}": '.encode() + draw(long_literals))
    if how == "replace":
        body[draw(st.sampled_from(sorted(body)))] = draw(json_values)
    elif how == "add":
        body[draw(texts | st.sampled_from(["as_of", "display", "titles", "key_field", "revenue_history"]))] = draw(json_values)
    elif how == "drop":
        body.pop(draw(st.sampled_from(sorted(body))))
    raw = bytearray(serialize(body))
    if how == "bytes":
        for _ in range(draw(st.integers(1, 4))):
            position = draw(st.integers(0, len(raw)))
            raw[position : position + draw(st.integers(0, 3))] = draw(st.binary(max_size=3))
    return bytes(raw)


def json_bodies(path: str):
    nested = st.integers(MAX_JSON_DEPTH - 2, 3 * MAX_JSON_DEPTH).map(lambda n: ("[" * n + "1" + "]" * n).encode())
    return mutated(path) | json_values.map(serialize) | st.binary(max_size=64) | nested


content_types = st.sampled_from(
    [JSON, "text/plain", FORM, "multipart/form-data; boundary=x", "application/json; charset=utf-16", ""]
)


@settings(FUZZ, max_examples=300)
@given(data=st.data())
async def test_fuzz_json_api_never_500(client, data):
    path = data.draw(st.sampled_from(sorted(VALID)))
    body = data.draw(json_bodies(path))
    response = await client.post(path, data=body, headers={"Content-Type": data.draw(content_types)})
    await checked(response)


@settings(FUZZ, max_examples=150)
@given(data=st.data())
async def test_fuzz_login_form_never_500(client, data):
    token = await login_token(client)
    fields = data.draw(st.dictionaries(st.sampled_from(["username", "password", "next", "x"]) | texts, texts, max_size=4))
    if data.draw(st.booleans()):
        fields["csrf_token"] = token
    encoded = urlencode(fields, encoding="utf-8", errors="surrogatepass").encode()
    body = data.draw(st.just(encoded) | st.binary(max_size=64).map(lambda junk: encoded + junk))
    target = quote_from_bytes(data.draw(st.binary(max_size=12)), safe="/")
    url = URL(f"/helpdesk/login?next=/helpdesk{target}", encoded=True)
    response = await client.post(
        url, data=body, headers={"Content-Type": data.draw(content_types | st.just(FORM))}, allow_redirects=False
    )
    await checked(response)


@settings(FUZZ, max_examples=100)
@given(
    sender=st.binary(max_size=80) | st.just(b"web-fuzz"),
    after=st.binary(max_size=30) | st.integers(-(10**30), 10**30).map(lambda n: str(n).encode()),
    kind=st.sampled_from(["history", "updates"]),
)
async def test_fuzz_chat_history_queries_never_500(client, sender, after, kind):
    url = URL(f"/api/chat/{kind}?sender={quote_from_bytes(sender)}&after={quote_from_bytes(after)}", encoded=True)
    await checked(await client.get(url))
