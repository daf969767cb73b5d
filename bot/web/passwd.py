"""Password hashes for helpdesk accounts, and the CLI ``python -m bot.web.passwd`` that prints one.

Format: ``pbkdf2_sha256$<iterations>$<salt, base64>$<hash, base64>`` (no ``:`` or ``,``, so it fits
``LIANGYE_HELPDESK_USERS=user:hash,user:hash``).
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import hmac
import secrets
import sys

from bot.settings import USERNAME_RE

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 600_000
_DUMMY_HASH: str | None = None


def hash_password(password: str, iterations: int = ITERATIONS) -> str:
    """A salted PBKDF2-HMAC-SHA256 hash of ``password``."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"{ALGORITHM}${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, hashed: str) -> bool:
    """True when ``password`` matches ``hashed``; compares in constant time; False for a malformed hash."""
    try:
        algorithm, iterations_text, salt_b64, digest_b64 = hashed.split("$")
        iterations = int(iterations_text)
        salt = base64.b64decode(salt_b64, validate=True)
        expected = base64.b64decode(digest_b64, validate=True)
    except ValueError:
        return False
    if algorithm != ALGORITHM or not 1 <= iterations <= 10_000_000:
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return hmac.compare_digest(digest, expected)


def check_login(users: dict[str, str], username: str, password: str) -> bool:
    """Verify a login against ``users``; an unknown user costs the same time as a known one."""
    global _DUMMY_HASH
    hashed = users.get(username)
    if hashed is None:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = hash_password(secrets.token_hex(8))
        verify_password(password, _DUMMY_HASH)
        return False
    return verify_password(password, hashed)


def main(argv: list[str] | None = None) -> int:
    """Read a password (prompt, or one line of stdin) and print its hash, or ``user:hash`` with --user."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.web.passwd", description="为工作台账号生成口令哈希，用于 LIANGYE_HELPDESK_USERS。"
    )
    parser.add_argument("--user", help="同时输出用户名，形如 user:hash")
    parser.add_argument("--iterations", type=int, default=ITERATIONS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.user is not None and not USERNAME_RE.match(args.user):
        print("用户名只能含字母、数字、_ 和 -，最长 32 个字符。", file=sys.stderr)
        return 1
    if sys.stdin.isatty():
        password = getpass.getpass("口令：")
        if getpass.getpass("再输入一次：") != password:
            print("两次输入的口令不一致。", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    if len(password) < 8:
        print("口令至少需要 8 个字符。", file=sys.stderr)
        return 1
    hashed = hash_password(password, args.iterations)
    print(f"{args.user}:{hashed}" if args.user else hashed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
