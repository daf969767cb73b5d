"""Write data/jieba/domain.txt, the jieba user dictionary, from the rules' vocabulary (run after editing it)."""

from pathlib import Path

from bot.nlu.extract import domain_words

TARGET = Path(__file__).resolve().parents[1] / "data" / "jieba" / "domain.txt"


def render() -> str:
    """The dictionary text: one word per line with a high frequency so jieba keeps it whole."""
    return "".join(f"{word} 200000\n" for word in domain_words() if " " not in word)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
