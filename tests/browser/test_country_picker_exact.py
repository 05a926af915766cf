"""Finding: in the country picker, typing 俄罗斯 and pressing Enter chose 白俄罗斯
(Belarus sorts first and contains the name). An exact match (the name, the ISO code)
wins over names that merely contain what was typed."""

import pytest

from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _pick(page, typed):
    page.fill("input.country-filter", typed)
    page.press("input.country-filter", "Enter")
    return page.eval_on_selector(
        "select[name=countries]", "s => Array.from(s.selectedOptions).map(o => o.value)"
    )


def test_an_exact_name_or_code_wins_over_names_containing_it(page, live_desk):
    log_in(page, live_desk.base, "clerk@desk.test")
    page.goto(f"{live_desk.base}/intake/new")
    assert _pick(page, "俄罗斯") == ["RU"]
    assert _pick(page, "by") == ["BY", "RU"]  # the ISO code: Belarus
    assert sorted(_pick(page, "几内亚")) == ["BY", "GN", "RU"]  # not 巴布亚新几内亚 nor 赤道几内亚
    assert "俄罗斯" in page.inner_text("p.chosen")
