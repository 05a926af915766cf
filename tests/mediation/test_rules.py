"""Pure rules of a mediation: its deadlines, its case file, its steps."""

from datetime import date

from legaldesk.mediation import rules


def test_periods_end_on_a_working_day():
    # 14 days after 17 September is 1 October, National Day: the period runs to 8 October
    assert rules.period_end(date(2026, 9, 17), 14, {}) == date(2026, 10, 8)
    assert rules.period_end(date(2026, 11, 2), 14, {}) == date(2026, 11, 16)
    # a Saturday moves to Monday, also in 2027 (weekday fallback), and the center's
    # own holiday counts too
    assert rules.period_end(date(2027, 3, 6), 14, {}) == date(2027, 3, 22)
    assert rules.period_end(date(2027, 3, 8), 14, {date(2027, 3, 22): False}) == date(2027, 3, 23)
    assert not rules.lapsed(date(2026, 11, 16), date(2026, 11, 16))
    assert rules.lapsed(date(2026, 11, 16), date(2026, 11, 17))


def test_the_case_file_says_what_is_missing_by_stage():
    assert rules.missing_documents("awaiting_consent", set()) == ["application", "identity"]
    assert "evidence" in rules.missing_documents("in_mediation", {"application"})
    assert "agreement" not in rules.missing_documents("failed", set(), "in_mediation")
    assert rules.missing_documents("window_closed", set(rules.DOCUMENTS)) == []


def test_only_listed_steps_are_allowed():
    assert rules.may_move("awaiting_consent", "consented")
    assert not rules.may_move("awaiting_consent", "agreed")
    assert not rules.may_move("failed", "in_mediation")
