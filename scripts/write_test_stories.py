"""Write tests/test_stories.yml: dialogue test stories for `rasa test core`.

Each story is a list of (intent, entities, expected bot actions). Generated so that the form's
regular shape (every answer is followed by ``eligibility_form``) is written once.
"""

from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "tests" / "test_stories.yml"
FORM = "eligibility_form"


def user(intent: str, **entities) -> str:
    out = f"  - intent: {intent}\n"
    if entities:
        out += "    entities:\n" + "".join(f"    - {k}: {v}\n" for k, v in entities.items())
    return out


def act(*names: str) -> str:
    return "".join(f"  - action: {n}\n" for n in names)


def loop(name: str) -> str:
    return f"  - active_loop: {name}\n"


START = loop(FORM)
ANSWER = act(FORM)
FINISH = act(FORM) + loop("null") + act("action_give_verdict")
YES = user("affirm") + ANSWER
PARK_BASICS = YES * 4


def park_start() -> str:
    return user("identify_park") + act(FORM) + START


def track_start(intent: str) -> str:
    """A company names its track (choose_leading, choose_growth or unsure_track) and the form starts."""
    return user(intent) + act(FORM) + START


def park_figures(revenue: float = 12e9, per_m2: float = 25000, key_share: float = 60) -> str:
    return (
        user("inform", annual_revenue=revenue, advanced_manufacturing_share=35, modern_services_share=40)
        + ANSWER
        + user("inform", revenue_per_square_meter=per_m2)
        + ANSWER
        + user("inform", key_field_revenue_share=key_share)
        + ANSWER
    )


STORIES = {
    "park: eligible after review": park_start() + park_figures() + PARK_BASICS + user("affirm") + FINISH,
    "park: revenue per m2 exactly at the threshold is not enough": park_start()
    + user("inform", annual_revenue=12e9, advanced_manufacturing_share=35, modern_services_share=40)
    + ANSWER
    + user("inform", amount=20000)
    + ANSWER
    + user("inform", percent=60)
    + ANSWER
    + PARK_BASICS
    + user(
        "deny",
    )
    + ANSWER
    + user("affirm")
    + FINISH,
    "park: new park with a commitment": park_start()
    + user("inform", amount=5e9)
    + ANSWER
    + user("inform", percent=60)
    + ANSWER
    + PARK_BASICS
    + user("affirm")
    + ANSWER
    + user("affirm")
    + ANSWER
    + user("affirm")
    + FINISH,
    "park: does not know a figure, insufficient information": park_start()
    + user("inform", annual_revenue=12e9, advanced_manufacturing_share=35, modern_services_share=40)
    + ANSWER
    + user("dont_know")
    + ANSWER
    + user("inform", percent=60)
    + ANSWER
    + PARK_BASICS
    + user("affirm")
    + FINISH,
    "leading: eligible by revenue, rank never asked": track_start("choose_leading")
    + user("inform", key_field="integrated_circuits")
    + ANSWER
    + user("inform", annual_revenue=2e9)
    + ANSWER
    + user("inform", percent=25)
    + ANSWER
    + user("affirm")
    + FINISH,
    "leading: not eligible, both sides of the or fall short": track_start("choose_leading")
    + user("inform", key_field="integrated_circuits")
    + ANSWER
    + user("inform", amount=5e8)
    + ANSWER
    + user("inform", rank=12)
    + ANSWER
    + user("affirm")
    + FINISH,
    "growth: eligible by revenue growth": track_start("choose_growth")
    + user("inform", key_field="pharma_health")
    + ANSWER
    + user("inform", title="little_giant")
    + ANSWER
    + user("inform", percent=25)
    + ANSWER
    + user("inform", percent=45)
    + ANSWER
    + user("affirm")
    + FINISH,
    "growth: no title, not eligible": track_start("choose_growth")
    + user("inform", key_field="pharma_health")
    + ANSWER
    + user("deny")
    + ANSWER
    + user("affirm")
    + FINISH,
    "unsure company: checked against both tracks": track_start("unsure_track")
    + user("inform", amount=2e9)
    + ANSWER
    + user("inform", key_field="new_generation_it")
    + ANSWER
    + user("inform", percent=25)
    + ANSWER
    + user("affirm")
    + FINISH,
    "correction in the middle of the interview": park_start()
    + user("inform", amount=12e9)
    + ANSWER
    + user("correct", annual_revenue=15e9)
    + ANSWER
    + user("inform", percent=35)
    + ANSWER,
    "correction after the verdict recomputes it": track_start("choose_leading")
    + user("inform", key_field="integrated_circuits")
    + ANSWER
    + user("inform", amount=2e9)
    + ANSWER
    + user("inform", percent=15)
    + ANSWER
    + user("affirm")
    + FINISH
    + user("correct", service_input_share=25)
    + act(FORM)
    + START
    + user("affirm")
    + FINISH,
    "side question in the middle, then the interview goes on": park_start()
    + user("ask_term")
    + act("action_answer_knowledge", FORM)
    + START
    + user("inform", amount=12e9)
    + ANSWER,
    "subsidy question in the middle of the interview": park_start()
    + user("ask_subsidy", project_type="old_factory", amount=2e8)
    + act("action_answer_knowledge", FORM)
    + START,
    "review and change before the verdict": track_start("choose_leading")
    + user("inform", key_field="integrated_circuits")
    + ANSWER
    + user("inform", amount=2e9)
    + ANSWER
    + user("inform", percent=25)
    + ANSWER
    + user("review")
    + act("action_review_answers", FORM)
    + START
    + user("deny")
    + ANSWER
    + user("correct", service_input_share=30)
    + ANSWER
    + user("affirm")
    + FINISH,
    "restart in the middle": park_start()
    + user("inform", amount=12e9)
    + ANSWER
    + user("start_over")
    + act("action_reset_interview")
    + loop("null")
    + user("identify_park")
    + act(FORM)
    + START,
    "leave the interview": park_start() + user("stop") + act("action_stop_interview") + loop("null"),
    "not understood outside an interview, twice": user("nlu_fallback")
    + act("action_not_understood")
    + user("nlu_fallback")
    + act("action_not_understood"),
    "out of scope": user("out_of_scope") + act("action_out_of_scope"),
    "greet then ask about support": user("greet") + act("utter_greet") + user("ask_support") + act("action_answer_knowledge"),
    "subsidy estimate with everything in one message": user("ask_subsidy", project_type="park_infrastructure", amount=3e8)
    + act("subsidy_form")
    + loop("subsidy_form")
    + loop("null")
    + act("action_estimate_subsidy"),
    "subsidy estimate asks for the investment": user("ask_subsidy", project_type="low_efficiency_building")
    + act("subsidy_form")
    + loop("subsidy_form")
    + user("inform", amount=8e8)
    + act("subsidy_form")
    + loop("null")
    + act("action_estimate_subsidy"),
    "hand-off during the interview, with a wrong phone number first": park_start()
    + user("human_handoff")
    + act("action_deactivate_loop")
    + loop("null")
    + act("handoff_form")
    + loop("handoff_form")
    + user("affirm")
    + act("handoff_form")
    + user("inform", handoff_company="某某科技有限公司")
    + act("handoff_form")
    + user("inform", handoff_person="张伟")
    + act("handoff_form")
    + user("inform", number=12345)
    + act("handoff_form")
    + user("give_contact", phone=13800138000)
    + act("handoff_form")
    + user("give_contact", district="海淀区")
    + act("handoff_form")
    + loop("null")
    + act("action_submit_handoff"),
    "hand-off refused": user("human_handoff")
    + act("handoff_form")
    + loop("handoff_form")
    + user("deny")
    + act("handoff_form")
    + loop("null")
    + act("action_submit_handoff"),
    "knowledge questions": user("ask_process")
    + act("action_answer_knowledge")
    + user("ask_materials")
    + act("action_answer_knowledge")
    + user("ask_obligations")
    + act("action_answer_knowledge")
    + user("ask_article", article=11)
    + act("action_answer_knowledge")
    + user("ask_validity")
    + act("action_answer_knowledge")
    + user("ask_key_fields")
    + act("action_answer_knowledge"),
}


def render() -> str:
    """All test stories as YAML text."""
    body = "".join(f'- story: "{name}"\n  steps:\n{steps}\n' for name, steps in STORIES.items())
    return f'# Generated by scripts/write_test_stories.py: edit that script, not this file.\nversion: "3.1"\nstories:\n{body}'


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET} ({len(STORIES)} stories)")
