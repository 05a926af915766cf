"""The portal's texts built from data: the next step in the enterprise's language,
for the status page, the enterprise's own pages and the public status API alike."""

from __future__ import annotations

from legaldesk.i18n import data_label, local_time
from legaldesk.messages import Msg, render
from legaldesk.portal import service


def next_step_text(step: service.NextStep | None) -> str | None:
    if step is None:
        return None
    params = {
        "on": step.on.isoformat() if step.on else "",
        "at": local_time(step.at) if step.at else "",
        "room": data_label(step.room) if step.room is not None else "",
    }
    return render(Msg(service.NEXT_STEPS[step.kind], params))
