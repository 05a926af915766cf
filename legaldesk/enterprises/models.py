"""An enterprise is one record per Unified Social Credit Code."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from legaldesk.db import Model, UTCDateTime
from legaldesk.partykey import normalise_party, party_key_default


class Enterprise(Model):
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    uscc: Mapped[str] = mapped_column(sa.String(18), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    # First letters of the name's pinyin, so a clerk finds 杭州物流 by typing "hzwl".
    name_initials: Mapped[str] = mapped_column(sa.String(200), default="")
    # The name as conflict-of-interest checks compare it (legaldesk.partykey), indexed:
    # a check finds the earlier cases of a party without reading anyone's history.
    party_key: Mapped[str] = mapped_column(
        sa.String(200), default=party_key_default, server_default="", index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The enterprise (through its account) can stop e-mail about its cases.
    email_updates: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    contacts: Mapped[list[Contact]] = relationship(back_populates="enterprise")

    @validates("name")
    def _keep_party_key(self, _: str, name: str) -> str:
        self.party_key = normalise_party(name or "")
        return name


class Contact(Model):
    __tablename__ = "contacts"
    __table_args__ = (sa.UniqueConstraint("enterprise_id", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(sa.ForeignKey("enterprises.id"))
    name: Mapped[str] = mapped_column(sa.String(100))
    phone: Mapped[str] = mapped_column(sa.String(20))  # E.164
    email: Mapped[str | None] = mapped_column(sa.String(254))
    # The language the contact is written to in ("zh_CN" or "en").
    locale: Mapped[str] = mapped_column(sa.String(10), default="zh_CN", server_default="zh_CN")

    enterprise: Mapped[Enterprise] = relationship(back_populates="contacts")
