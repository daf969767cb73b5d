"""The dialogue test stories (tests/test_stories.yml) through `rasa test core`, against the shared stack's action server."""

import subprocess

import pytest
import yaml

from scripts.run import child_environment
from tests.e2e.conftest import REPO

pytestmark = pytest.mark.e2e


def test_every_dialogue_story_passes(stack, tmp_path):
    out = tmp_path / "core"
    env = child_environment({**stack.env, "LIANGYE_TRACKER_DB": str(tmp_path / "stories-tracker.db")})
    result = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "rasa"),
            "test",
            "core",
            "--stories",
            "tests/test_stories.yml",
            "--model",
            "models/liangye.tar.gz",
            "--endpoints",
            "endpoints.yml",
            "--out",
            str(out),
            "--fail-on-prediction-errors",
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    stories = yaml.safe_load((REPO / "tests" / "test_stories.yml").read_text(encoding="utf-8"))["stories"]
    failed_file = out / "failed_test_stories.yml"
    failed = (yaml.safe_load(failed_file.read_text(encoding="utf-8")) or {}).get("stories", []) if failed_file.exists() else []
    print(f"stories: {len(stories) - len(failed)} passed, {len(failed)} failed")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert not failed, [s.get("story") for s in failed]
