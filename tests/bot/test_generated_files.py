"""Files generated from code must be regenerated when the code changes."""

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _load(script: str):
    spec = importlib.util.spec_from_file_location(script, REPO / "scripts" / f"{script}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script", ["write_rules", "write_test_stories", "write_jieba_dict", "write_nlu_features"])
def test_generated_file_is_up_to_date(script):
    module = _load(script)
    assert module.TARGET.read_text(encoding="utf-8") == module.render(), f"run: python scripts/{script}.py"
