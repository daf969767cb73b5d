"""Write data/rules.yml: the dialogue rules are regular (every form handles the same interruptions),
so they are generated here rather than copied by hand. Run after editing, then retrain."""

from pathlib import Path

KNOWLEDGE = [
    "ask_term",
    "ask_criteria",
    "ask_support",
    "ask_process",
    "ask_materials",
    "ask_obligations",
    "ask_key_fields",
    "ask_article",
    "ask_validity",
]
START = ["start_check", "identify_park", "identify_enterprise", "choose_leading", "choose_growth", "unsure_track"]
FORMS = ["eligibility_form", "subsidy_form", "handoff_form"]
TARGET = Path(__file__).resolve().parents[1] / "data" / "rules.yml"


def intents(names: list[str]) -> str:
    if len(names) == 1:
        return f"  - intent: {names[0]}\n"
    return "  - or:\n" + "".join(f"    - intent: {name}\n" for name in names)


def action(name: str) -> str:
    return f"  - action: {name}\n"


def loop(name: str) -> str:
    return f"  - active_loop: {name}\n"


DONE = "  - slot_was_set:\n    - requested_slot: null\n"


def rule(name: str, steps: str, condition: str) -> str:
    return f'- rule: "{name}"\n  condition:\n  - active_loop: {condition}\n  steps:\n{steps}'


def render() -> str:
    """All rules as YAML text."""
    out = [
        rule("greet", intents(["greet"]) + action("utter_greet"), "null"),
        rule("thank", intents(["thank"]) + action("utter_thank"), "null"),
        rule("goodbye", intents(["goodbye"]) + action("utter_goodbye"), "null"),
        rule("capabilities", intents(["bot_capabilities"]) + action("utter_capabilities"), "null"),
        rule("start the interview", intents(START) + action("eligibility_form") + loop("eligibility_form"), "null"),
        rule(
            "facts or a correction reopen the interview",
            intents(["inform", "correct"]) + action("eligibility_form") + loop("eligibility_form"),
            "null",
        ),
        rule("knowledge question", intents(KNOWLEDGE) + action("action_answer_knowledge"), "null"),
        rule("subsidy estimate", intents(["ask_subsidy"]) + action("subsidy_form") + loop("subsidy_form"), "null"),
        rule("hand-off", intents(["human_handoff", "give_contact"]) + action("handoff_form") + loop("handoff_form"), "null"),
        rule("start_over", intents(["start_over"]) + action("action_reset_interview"), "null"),
        rule("stop outside a form", intents(["stop"]) + action("action_stop_interview"), "null"),
        rule("review", intents(["review"]) + action("action_review_answers"), "null"),
        rule("out of scope", intents(["out_of_scope"]) + action("action_out_of_scope"), "null"),
        rule("not understood", intents(["nlu_fallback"]) + action("action_not_understood"), "null"),
        rule("short answers outside a form", intents(["affirm", "deny", "dont_know"]) + action("action_short_answer"), "null"),
        rule(
            "verdict when the interview is complete",
            action("eligibility_form") + loop("null") + DONE + action("action_give_verdict"),
            "eligibility_form",
        ),
        rule(
            "estimate when the subsidy form is complete",
            action("subsidy_form") + loop("null") + DONE + action("action_estimate_subsidy"),
            "subsidy_form",
        ),
        rule(
            "submit the hand-off", action("handoff_form") + loop("null") + DONE + action("action_submit_handoff"), "handoff_form"
        ),
    ]
    for form in FORMS:
        side = KNOWLEDGE + (["ask_subsidy"] if form != "subsidy_form" else [])
        resume = action(form) + loop(form)
        # A question during the subsidy form means the user moved on: answer it and leave the form.
        after_side = action("action_deactivate_loop") + loop("null") if form == "subsidy_form" else resume
        out += [
            rule(f"{form}: side question", intents(side) + action("action_answer_knowledge") + after_side, form),
            rule(
                f"{form}: out of scope, then continue", intents(["out_of_scope"]) + action("action_out_of_scope") + resume, form
            ),
            rule(f"{form}: unclear, then continue", intents(["nlu_fallback"]) + action("action_not_understood") + resume, form),
            rule(f"{form}: greeting, then continue", intents(["greet"]) + action("utter_greet") + resume, form),
            rule(f"{form}: thanks, then continue", intents(["thank"]) + action("utter_thank") + resume, form),
            rule(
                f"{form}: capabilities, then continue",
                intents(["bot_capabilities"]) + action("utter_capabilities") + resume,
                form,
            ),
            rule(f"{form}: review, then continue", intents(["review"]) + action("action_review_answers") + resume, form),
            rule(f"{form}: restart", intents(["start_over"]) + action("action_reset_interview") + loop("null"), form),
            rule(f"{form}: stop", intents(["stop"]) + action("action_stop_interview") + loop("null"), form),
            rule(
                f"{form}: goodbye",
                intents(["goodbye"]) + action("utter_goodbye") + action("action_deactivate_loop") + loop("null"),
                form,
            ),
        ]
        if form != "handoff_form":
            out.append(
                rule(
                    f"{form}: hand-off",
                    intents(["human_handoff"])
                    + action("action_deactivate_loop")
                    + loop("null")
                    + action("handoff_form")
                    + loop("handoff_form"),
                    form,
                )
            )
        if form != "eligibility_form":
            out.append(
                rule(
                    f"{form}: start the interview instead",
                    intents(START)
                    + action("action_deactivate_loop")
                    + loop("null")
                    + action("eligibility_form")
                    + loop("eligibility_form"),
                    form,
                )
            )
    header = '# Generated by scripts/write_rules.py: edit that script, not this file.\nversion: "3.1"\nrules:\n'
    return header + "\n".join(out)


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")
