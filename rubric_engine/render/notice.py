"""The results notice in words (issue 17): organisers, publication date, tie notes, the 公示 block, 落款.

One model for every public output that carries the notice: the page, the WeChat fragment, the
Word notice (``notice_docx``) and the certificates. Built from ``document["publication"]``
(``results.publication``); a document without it has no notice. Texts are the catalogue's
(page area), in the current language; nothing here reads a clock.
"""
from __future__ import annotations

import datetime as dt

from ..messages import join, text


def written_date(iso: str | None) -> str:
    """``2018-11-26`` as the current language writes a date in a notice (2018年11月26日)."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    return text("page.date", year=day.year, month=day.month, day=day.day)


def tie_note(award: dict) -> str | None:
    """三等奖设 12 名，因末位并列共 13 名获奖: said when a tie gave an award more winners than places."""
    winners, places = len(award["winners"]), award.get("count") or 0
    if places and winners > places:
        return text("page.award.tie_note", award=award["name"], places=places, winners=winners)
    return None


def place_changes(award: dict) -> list[str]:
    """The award's notes on places freed after the results (a forfeit, one award per participant) and
    who moved up: a public page says them beside the winners, without the forfeits table's 备注 (the
    page shows no organiser's note, as for manual verdicts)."""
    from ..messages import Message

    said = []
    for note in award.get("notes", ()):
        if isinstance(note, dict) and str(note.get("code", "")).startswith(("awards.clash", "awards.forfeit")):
            fields = note.get("fields", {})
            said.append(str(Message.from_data({**note, "fields": {**fields, "note": ""}})) if "note" in fields
                        else note["text"])
    return said


def notice_model(document: dict) -> dict | None:
    """What the notice says, as texts; None when the document has no publication data."""
    publication = document.get("publication")
    if publication is None:
        return None
    objection = publication.get("objection")
    block = None
    if objection:
        length = text("page.notice.length.working" if objection["working_days"] else "page.notice.length.days",
                      days=objection["days"])
        if objection["start"]:
            period = text("page.notice.period", start=written_date(objection["start"]),
                          end=written_date(objection["end"]), length=length)
        else:
            period = text("page.notice.period.undated", length=length)
        block = {"heading": text("page.notice.heading"), "period": period,
                 "contact": text("page.notice.contact", contact=objection["contact"]) if objection["contact"] else "",
                 "rules": list(objection["rules"])}
    return {
        "title": text("page.notice.title", contest=document["contest"]["name"]),
        "organisers": [text("page.notice.organiser", role=o["role"], names=join(o["names"]))
                       for o in publication["organisers"]],
        "date": written_date(publication["date"]),
        "dated": text("page.notice.date", date=written_date(publication["date"])) if publication["date"] else "",
        "ties": [note for award in document["awards"] if (note := tie_note(award))],
        "objection": block,
        "signed_by": list(publication["signed_by"]),
        "winners_only": bool(publication.get("winners_only")),
    }
