"""The guess policy alone: counts in, a decision out (no app, no database)."""

from legaldesk.portal.rules import Reserved, may_evaluate


def test_ten_per_address_then_one_past_the_ceiling():
    assert may_evaluate(Reserved(10, 50), 10, 50)
    assert not may_evaluate(Reserved(11, 1), 10, 50)
    assert may_evaluate(Reserved(1, 51), 10, 50)  # a fresh address past the ceiling
    assert not may_evaluate(Reserved(2, 51), 10, 50)
