"""`rasa data validate` finds no error and no warning in the training data, domain and stories."""

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_rasa_data_validate_is_clean():
    result = subprocess.run(
        [str(REPO / ".venv" / "bin" / "rasa"), "data", "validate", "--fail-on-warnings"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-4000:]
    assert "UserWarning" not in output, [line for line in output.splitlines() if "UserWarning" in line]
