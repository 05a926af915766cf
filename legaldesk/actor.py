"""Who acts or reads, as every wing sees them: a user row, an API token's user, a
calendar feed's holder. A protocol in the kernel, so that the audit log (below the
accounts) and the permission predicates (in auth) name the same thing."""

from __future__ import annotations

from typing import Protocol


class Actor(Protocol):
    """Who acts or reads: a user row, an API token's user, a calendar feed's holder."""

    @property
    def id(self) -> int | None: ...

    @property
    def role(self) -> str: ...

    @property
    def lawyer_id(self) -> int | None: ...

    @property
    def enterprise_id(self) -> int | None: ...
