"""Closed by default: on the started stack, Rasa and the action server answer on loopback only and Rasa's HTTP API is off."""

import urllib.error
import urllib.request

import pytest

from tests.network import assert_loopback_only

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("service", ["rasa", "actions"])
def test_refuses_connections_on_other_addresses(stack, service):
    assert_loopback_only(stack.ports[service])


@pytest.mark.parametrize("path", ["/status", "/version", "/conversations/someone/tracker", "/domain"])
def test_rasa_http_api_is_off_without_a_token(stack, path):
    base = f"http://127.0.0.1:{stack.ports['rasa']}"
    with urllib.request.urlopen(f"{base}/", timeout=10) as response:
        assert response.status == 200 and response.read().startswith(b"Hello from Rasa")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{base}{path}", timeout=10)
    assert info.value.code == 404
