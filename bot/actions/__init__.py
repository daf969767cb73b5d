"""Rasa SDK actions: they translate between Rasa and liangye_rules (slots ⇄ facts, Verdict → messages)."""
