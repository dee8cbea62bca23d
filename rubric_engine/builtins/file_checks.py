"""Built-in checks that read the submission folder (SPEC §5).

Every file is untrusted: zip-based files are vetted before they are opened, PDFs and
videos are probed in a bounded child process, links out of the folder are not
followed, nothing is ever written. A file that cannot be read gives ``review`` (a
person must look), never a crash.
"""
from __future__ import annotations

import hashlib
import re
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from rubric_engine import (CheckType, Dimension, Joined, Listing, Message, ParamError, ProbeFailed, Verdict, __version__,
                           display_name, expected_folder_name, format_number, hookimpl, list_folder, normalise_name,
                           param_quantity, param_range, run_bounded, word_count)

# Every reason, measure and limit is a Message (a catalogue key and its fields): the verdict is
# cached and saved language-free and rendered in the reader's language only when shown.


def _kind(kind: str) -> Message:
    """照片, 文章, 视频, Word 文档, PDF: a kind of submitted file."""
    return Message("checks.kind." + kind)


def _semicolons(items) -> Joined:
    return Joined(items, "checks.join.semicolon")


def _parenthesised(said: list) -> Message | str:
    """`` (a; b)`` around what was said, or nothing when nothing was."""
    return Message("checks.parenthesised", text=_semicolons(said)) if said else ""


def _detail(exc: Exception):
    """An exception's own words: its message when it raised one, else its text (a library's, in English)."""
    return exc.args[0] if len(exc.args) == 1 and isinstance(exc.args[0], Message) else str(exc)


# --- shared per-entry work, cached in the check context -----------------------------

def _listing(entry, context) -> Listing | None:
    folder = context.folder_of(entry)
    if folder is None:
        return None
    key = (entry.id, "listing")
    if key not in context.cache:
        context.cache[key] = list_folder(folder)
    return context.cache[key]


def _needs_folder(fn):
    """Run ``fn(entry, params, context, listing)``, or say why it could not run."""
    def check(entry, params, context):
        listing = _listing(entry, context)
        if listing is None:
            return Verdict("not_run", Message("checks.no_folder"))
        verdict = fn(entry, params, context, listing)
        if verdict.status != "review" and not listing.complete:
            # what was not seen may be what is missing, or what breaks the rule: a pass, a fail and a
            # not_run (no Word file among the first 500) all need a person
            why = _semicolons(listing.incomplete)
            reason = Message("checks.incomplete", reason=verdict.reason, why=why) if verdict.reason \
                else Message("checks.incomplete.unseen", why=why)
            return Verdict("review", reason, verdict.measured, verdict.limit)
        return verdict
    check.__doc__ = fn.__doc__
    check.__name__ = fn.__name__
    return check


def _needs_article(fn):
    """Run ``fn(entry, params, context, article)`` on the parsed Word article, or say why not."""
    @_needs_folder
    def check(entry, params, context, listing):
        article = _article(entry, context, listing)
        if isinstance(article, Verdict):
            return article
        return fn(entry, params, context, article)
    check.__doc__ = fn.__doc__
    check.__name__ = fn.__name__
    return check


def _article(entry, context, listing: Listing):
    """The entry's Word article, parsed once: an Article, or a Verdict saying why not."""
    key = (entry.id, "article")
    if key in context.cache:
        return context.cache[key]
    from rubric_engine import read_article
    from rubric_engine import UnsafeZip, vet_zip

    words = listing.of_kind("word")
    docx = [f for f in words if f.extension == "docx"]
    if not words:
        result = Verdict("not_run", Message("checks.article.no_word"))
    elif not docx:
        result = Verdict("review", Message("checks.article.not_docx", name=words[0].name,
                                                   extension=words[0].extension),
                         words[0].name)
    else:
        try:
            vet_zip(docx[0].path)  # reads only the zip directory: cheap, and safe to do here
            result = run_bounded(read_article, docx[0].path, bound="WORD_PROBE_SECONDS")
        except UnsafeZip as exc:
            result = Verdict("review", Message("checks.file.unsafe", name=docx[0].name, detail=exc.message),
                             docx[0].name)
        except ProbeFailed as exc:  # a damaged or hostile .docx: a person must look
            result = Verdict("review", Message("checks.file.unreadable", name=docx[0].name, detail=exc.reason),
                             docx[0].name)
    context.cache[key] = result
    return result


# --- 作品形式 ------------------------------------------------------------------------

DEFAULT_REQUIRES = {"article": ["photo", "article"], "video": ["photo", "video"]}


def _kinds(listing: Listing) -> set[str]:
    kinds = {f.kind for f in listing.files}
    if kinds & {"word", "pdf"}:
        kinds.add("article")
    return kinds


@_needs_folder
def submission_format(entry, params, context, listing):
    """Photo + article or photo + video, as the entry's format requires."""
    requires = params.get("requires", DEFAULT_REQUIRES)
    kinds = _kinds(listing)
    seen = [_kind(k) for k in ("photo", "word", "pdf", "video") if k in kinds]
    found = Joined(seen) if seen else Message("checks.format.nothing")
    options = {entry.format: requires[entry.format]} if entry.format in requires else requires
    for needed in options.values():
        if set(needed) <= kinds:
            return Verdict("pass", Message("checks.format.pass", kinds=Joined(map(_kind, needed), "checks.join.plus")),
                           found)
    wanted = Message("checks.literal", text=Joined((Joined(map(_kind, needed), "checks.join.plus_tight")
                                                    for needed in options.values()), "checks.join.or"))
    note = _semicolons(["", *listing.skipped]) if listing.skipped else ""
    return Verdict("fail", Message("checks.format.fail", found=found, wanted=wanted, note=note), found, wanted)


# --- 照片 -----------------------------------------------------------------------------

def _prepare_photo(params, rubric):
    return {"min_size": param_quantity(params, "min_size", Dimension.SIZE, "3 MB")}


def _mb(size: int | Fraction) -> str:
    return f"{format_number(Fraction(size) / 1024 / 1024, 2)} MB"


@_needs_folder
def photo_size(entry, params, context, listing):
    """A real photo (Pillow opens it) of at least min_size."""
    from rubric_engine import probe_image

    photos = listing.of_kind("photo")
    if not photos:
        return Verdict("not_run", Message("checks.photo.none"))
    limit = Message("checks.photo.limit", size=_mb(params["min_size"]))
    valid, broken = [], []
    for photo in photos:
        try:
            width, height, kind = probe_image(photo.path)
            valid.append((photo, width, height))
        except Exception as exc:  # includes Pillow's decompression-bomb guard
            broken.append(Message("checks.photo.broken", name=photo.name, type=type(exc).__name__, detail=_detail(exc)))
    if not valid:
        return Verdict("review", Message("checks.photo.unreadable", details=_semicolons(broken)), limit=limit)
    best, width, height = max(valid, key=lambda v: v[0].size)
    measured = Message("checks.photo.measured", name=best.name, size=_mb(best.size), width=width, height=height)
    if best.size >= params["min_size"]:
        return Verdict("pass", Message("checks.photo.pass", measured=measured), measured, limit)
    return Verdict("fail", Message("checks.photo.fail", size=_mb(best.size), name=best.name, limit=limit), measured,
                   limit)


# --- 文章 -----------------------------------------------------------------------------

DASHES = ("—", "―", "－", "-", "–", "─")


def _parts(article, params, entry) -> dict:
    """Title (with a dash subtitle when ``subtitle: title``), body, signature, and the Signature found."""
    from rubric_engine import find_signature

    paragraphs = article.non_empty
    title_end = 1
    if params.get("subtitle", "title") == "title" and len(paragraphs) > 2 \
            and paragraphs[1].text.strip().startswith(DASHES):
        title_end = 2
    end, sig = find_signature([p.text for p in paragraphs], entry.participants, entry.unit,
                              params.get("signature_lines", 4), first=title_end)
    return {"title": paragraphs[:title_end], "body": paragraphs[title_end:end], "signature": paragraphs[end:],
            "found": sig}


def _excerpt(text: str, limit: int = 30) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _left_out(parts, names) -> Message | str:
    """不计标题「…」与署名 3 行「…」: what the count or the font check left out (phones masked)."""
    from rubric_engine import mask_phones

    said = []
    if "title" in names and parts["title"]:
        said.append(Message("checks.left_out.title", excerpt=_excerpt(" ".join(p.text for p in parts["title"]))))
    if "signature" in names:
        lines = parts["signature"]
        said.append(Message("checks.left_out.signature", lines=len(lines),
                         excerpt=mask_phones(_excerpt(" ".join(p.text for p in lines), 40)))
                    if lines else Message("checks.left_out.no_signature"))
    return Message("checks.left_out", parts=Joined(said, "checks.join.and")) if said else ""


def _prepare_length(params, rubric):
    exclude = params.get("exclude", ["title", "signature"])
    for part in exclude:
        if part not in ("title", "signature"):
            raise ParamError(Message("checks.params.exclude", part=part), "exclude")
    return {"range": param_range(params, "range", Dimension.NUMBER, "800..1200"), "exclude": list(exclude),
            "signature_lines": params.get("signature_lines", 4), "subtitle": _subtitle(params)}


def _subtitle(params) -> str:
    subtitle = params.get("subtitle", "title")
    if subtitle not in ("title", "body"):
        raise ParamError(Message("checks.params.subtitle"), "subtitle")
    return subtitle


@_needs_article
def article_length(entry, params, context, article):
    """The article's length counted as Word's 字数 counts Chinese text."""
    parts = _parts(article, params, entry)
    counted = [p for name in ("title", "body", "signature") if name not in params["exclude"] for p in parts[name]]
    count = sum(word_count(p.text) for p in counted)
    notes = sum(word_count(text) for text in getattr(article, "notes", []))  # footnotes, endnotes: as Word
    count += notes
    interval = params["range"]
    limit = Message("checks.length.limit", low=format_number(interval.low), high=format_number(interval.high)) \
        if interval.high is not None else Message("checks.length.limit_low", low=format_number(interval.low))
    said = [Message("checks.length.notes", notes=notes)] if notes else []
    left_out = _left_out(parts, params["exclude"])
    said += [left_out] if left_out else []
    note = _parenthesised(said)
    if Fraction(count) in interval:
        return Verdict("pass", Message("checks.length.pass", count=count, note=note), str(count), limit)
    return Verdict("fail", Message("checks.length.fail", count=count, note=note, limit=limit), str(count), limit)


@_needs_folder
def article_files(entry, params, context, listing):
    """Both a Word and a PDF version, and the PDF readable."""
    from rubric_engine import pdf_summary

    words, pdfs = listing.of_kind("word"), listing.of_kind("pdf")
    missing = [name for name, files in (("Word", words), ("PDF", pdfs)) if not files]
    if missing:
        return Verdict("fail", Message("checks.files.missing", missing=Joined(missing)),
                       limit=Message("checks.files.limit"))
    try:
        summary = run_bounded(pdf_summary, pdfs[0].path, seconds=params.get("seconds"))  # capped at PROBE_SECONDS
    except ProbeFailed as exc:
        return Verdict("review", Message("checks.file.unreadable", name=pdfs[0].name, detail=exc.reason),
                       pdfs[0].name)
    if summary["pages"] < 1:
        return Verdict("review", Message("checks.files.no_pages", name=pdfs[0].name), pdfs[0].name)
    return Verdict("pass", Message("checks.files.pass", word=words[0].name, pdf=pdfs[0].name, pages=summary["pages"]))


FONT_ALIASES = [
    {"黑体", "SimHei", "Heiti", "Heiti SC", "STHeiti", "黑体-简"},
    {"仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "STFangsong", "华文仿宋", "仿宋体"},
    {"宋体", "SimSun", "新宋体", "NSimSun", "STSong", "华文宋体"},
    {"楷体", "KaiTi", "楷体_GB2312", "KaiTi_GB2312", "STKaiti", "华文楷体"},
    {"微软雅黑", "Microsoft YaHei"},
    {"等线", "DengXian"},
]
# Other fonts a Chinese contest names (公文 and print fonts, system fonts, the usual Latin ones): a
# ``font:`` that is none of these nor of FONT_ALIASES is a rubric error (a misspelling would fail
# every article), unless the check says ``allow_unknown_fonts: true``.
OTHER_FONTS = (
    "方正仿宋", "方正仿宋_GBK", "方正仿宋简体", "方正小标宋", "方正小标宋简体", "方正小标宋_GBK", "方正黑体", "方正黑体简体",
    "方正黑体_GBK", "方正楷体", "方正楷体简体", "方正楷体_GBK", "方正书宋", "方正书宋简体", "方正宋体", "FZFangSong-Z02",
    "FZXiaoBiaoSong-B05", "FZHei-B01", "FZKai-Z03", "FZShuSong-Z01", "华文中宋", "STZhongsong", "华文细黑", "STXihei",
    "华文新魏", "STXinwei", "华文行楷", "STXingkai", "华文隶书", "STLiti", "隶书", "LiSu", "幼圆", "YouYuan",
    "思源宋体", "Source Han Serif SC", "思源黑体", "Source Han Sans SC", "Noto Serif CJK SC", "Noto Sans CJK SC",
    "苹方", "PingFang SC", "冬青黑体", "Hiragino Sans GB", "文泉驿微米黑", "WenQuanYi Micro Hei", "文泉驿正黑",
    "WenQuanYi Zen Hei", "Times New Roman", "Arial", "Calibri", "Cambria")


def known_fonts() -> set[str]:
    return {name for group in FONT_ALIASES for name in group} | set(OTHER_FONTS)


def _closest_fonts(font: str, limit: int = 3) -> list[str]:
    """The known names nearest ``font``: characters in common (difflib), then the same characters in the
    same places — so that 方宋 is first of all 仿宋."""
    import difflib

    def same_places(name: str) -> int:
        return sum(a == b for a, b in zip(font.lower(), name.lower())) + (len(name) == len(font))

    near = []
    for name in known_fonts():
        ratio = difflib.SequenceMatcher(None, font.lower(), name.lower()).ratio()
        if ratio >= 0.5:
            near.append((-same_places(name), -ratio, name))
    return [name for *_, name in sorted(near)[:limit]]


def _unknown_font(font: str) -> ParamError:
    close = _closest_fonts(font)
    hint = Message("checks.font.unknown.close", names=Joined(close)) if close else \
        Message("checks.font.unknown.hint")
    return ParamError(Message("checks.font.unknown", font=font), "font", hint)


CHINESE_SIZES = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
                 "四号": 14, "小四": 12, "五号": Fraction(21, 2), "小五": 9, "六号": Fraction(15, 2), "小六": Fraction(13, 2)}


def _prepare_font(params, rubric):
    part = params.get("part")
    if part not in ("title", "body"):
        raise ParamError(Message("checks.params.part"), "part")
    font = params.get("font")
    if not font:
        raise ParamError(Message("checks.params.font"), "font")
    if str(font).lower() not in {name.lower() for name in known_fonts()} and params.get("allow_unknown_fonts") is not True:
        raise _unknown_font(str(font))
    aliases = {font}
    for group in FONT_ALIASES:
        if font in group:
            aliases |= group
    aliases |= set(params.get("aliases", []))
    size_text = str(params.get("size", "16 pt"))
    size = Fraction(CHINESE_SIZES[size_text]) if size_text in CHINESE_SIZES else \
        param_quantity(params, "size", Dimension.FONT_SIZE)
    size_name = next((k for k, v in CHINESE_SIZES.items() if v == size), None)
    return {"part": part, "font": font, "aliases": {a.lower() for a in aliases}, "size": size, "size_name": size_name,
            "signature_lines": params.get("signature_lines", 4), "subtitle": _subtitle(params)}


def _font_shown(params) -> Message | str:
    """黑体 三号（16 pt）: the font and size required (a message: rendered in the reader's language)."""
    size = format_number(params["size"])
    if params["size_name"]:
        return Message("checks.font.shown", font=params["font"], name=params["size_name"], size=size)
    return f"{params['font']} {size} pt"


def _is_east_asian(char: str) -> bool:
    """Word shows these in the run's East-Asian font; every other character in its Latin (ascii) font."""
    code = ord(char)
    return (0x2e80 <= code <= 0x9fff or 0xac00 <= code <= 0xd7af or 0xf900 <= code <= 0xfaff
            or 0xfe30 <= code <= 0xfe4f or 0xff00 <= code <= 0xffef or code >= 0x20000)


@_needs_article
def docx_font(entry, params, context, article):
    """The title's or the body's font and size, as Word would show them."""
    parts = _parts(article, params, entry)
    paragraphs = parts[params["part"]]
    what = Message("checks.part." + params["part"])
    shown = _font_shown(params)
    left_out = _left_out(parts, ["title", "signature"]) if params["part"] == "body" else ""
    note = _parenthesised([left_out] if left_out else [])
    runs = [r for p in paragraphs for r in p.runs if r.text.strip()]
    if not runs:
        return Verdict("review", Message("checks.font.not_found", what=what, note=note), limit=shown)
    wrong: dict[tuple, int] = {}  # (font, size, East-Asian) -> characters
    total = 0
    for run in runs:
        for char in run.text:
            if char.isspace():
                continue
            total += 1
            east = _is_east_asian(char)
            font = run.east_asia_font if east else run.ascii_font
            font_ok = not east or (font or "").lower() in params["aliases"]
            if font_ok and run.size == params["size"]:
                continue
            style = (font or None, run.size, east)
            wrong[style] = wrong.get(style, 0) + 1
    if not wrong:
        return Verdict("pass", Message("checks.font.pass", what=what, shown=shown, note=note), shown, shown)
    found = _semicolons(Message("checks.font.style", style=_run_style(*style), count=count)
                        for style, count in sorted(wrong.items(), key=lambda kv: -kv[1]))
    return Verdict("fail", Message("checks.font.fail", what=what, total=total, wrong=sum(wrong.values()), shown=shown,
                                found=found, note=note), found, shown)


def _run_style(font: str | None, size: Fraction | None, east: bool) -> Message:
    """黑体 16 pt, 默认字体 默认字号（西文）: how one run of text is set."""
    return Message("checks.font.run_style", font=font or Message("checks.font.default_font"),
                   size=Message("checks.font.pt", size=format_number(size)) if size is not None
                   else Message("checks.font.default_size"), latin="" if east else Message("checks.font.latin"))


def _same_name_written_shorter(written: str, name: str) -> bool:
    """``written`` and ``name`` may be one name written two ways: the shorter one's characters stand in
    order in the longer (中国电信广州分公司 in 中国电信股份有限公司广州分公司), or both have the same
    characters (another word order). Spaces, punctuation and letter case do not count."""
    import unicodedata
    from collections import Counter

    def bare(text: str) -> str:
        text = unicodedata.normalize("NFKC", text).lower()
        return "".join(c for c in text if c.isalnum())

    a, b = bare(written), bare(name)
    if len(a) < 2 or len(b) < 2:
        return False
    if Counter(a) == Counter(b):
        return True
    short, long = sorted((a, b), key=len)
    rest = iter(long)
    return all(char in rest for char in short)


@_needs_article
def signature(entry, params, context, article):
    """The article ends with the author, a phone number and the unit: the entry's 参赛人员 and 参赛单位."""
    from rubric_engine import mask_phones

    parts = _parts(article, {"signature_lines": params.get("lines", 4), "subtitle": params.get("subtitle", "title")},
                   entry)
    sig = parts["found"]
    limit = Message("checks.signature.limit")
    missing = [Message("checks.signature." + what) for what, ok in (("author", sig.author), ("phone", sig.phones),
                                                                  ("unit", sig.unit)) if not ok]
    problems, near = [], []
    if missing:
        problems.append(Message("checks.signature.missing", missing=Joined(missing)))
    if sig.author and not sig.author_matches:
        people = [p for p in re.split(r"[、,，;；/／\s]+", entry.participants) if p] or [entry.participants]
        close = any(_same_name_written_shorter(sig.author, p) for p in people)
        (near if close else problems).append(Message("checks.signature." + ("near_author" if close else "not_participant"),
                                                     author=_excerpt(sig.author, 20), participants=entry.participants))
    if sig.unit and not sig.unit_matches:
        close = _same_name_written_shorter(sig.unit, entry.unit)
        (near if close else problems).append(Message("checks.signature." + ("near_unit" if close else "other_unit"),
                                                     unit=_excerpt(sig.unit, 30), entry_unit=entry.unit))
    shown = mask_phones(_excerpt(" ".join(sig.lines), 40))
    seen = Message("checks.signature.seen", lines=len(sig.lines), shown=shown) if sig.lines else ""
    if problems:
        return Verdict("fail", Message("checks.signature.fail", problems=_semicolons(problems + near), seen=seen),
                       shown or None, limit)
    if near:  # a short name, an abbreviation or another word order: a person reads them as the same
        return Verdict("review", Message("checks.signature.near", problems=_semicolons(near), seen=seen),
                       shown or None, limit)
    return Verdict("pass", Message("checks.signature.pass", lines=len(sig.lines), shown=shown), shown, limit)


# --- 视频 -----------------------------------------------------------------------------

def _prepare_video_file(params, rubric):
    extensions = [e.lower().lstrip(".") for e in params.get("extensions", ["avi", "mp4", "flv", "swf"])]
    return {"extensions": extensions, "count": params.get("count", 1)}


@_needs_folder
def video_file(entry, params, context, listing):
    """Exactly one video, in one of the allowed formats."""
    videos = listing.of_kind("video")
    allowed = "/".join(params["extensions"])
    limit = Message("checks.video.limit", count=params["count"], allowed=allowed)
    if len(videos) != params["count"]:
        names = Joined(v.name for v in videos) if videos else Message("checks.none")
        return Verdict("fail", Message("checks.video.count", count=len(videos), names=names, limit=limit),
                       str(len(videos)), limit)
    wrong = [v.name for v in videos if v.extension not in params["extensions"]]
    if wrong:
        return Verdict("fail", Message("checks.video.format", wrong=Joined(wrong), allowed=allowed), wrong[0], limit)
    return Verdict("pass", Message("checks.video.pass", name=videos[0].name), videos[0].name, limit)


def _prepare_duration(params, rubric):
    return {"range": param_range(params, "range", Dimension.DURATION, "4 min..6 min"),
            "seconds": params.get("seconds")}  # None: PROBE_SECONDS; more is capped at it


def _minutes(seconds: Fraction) -> Message:
    whole = int(seconds)
    if whole >= 60:
        return Message("checks.duration.minutes", minutes=whole // 60, seconds=whole % 60)
    return Message("checks.duration.seconds", seconds=format_number(seconds, 1))


@_needs_folder
def video_duration(entry, params, context, listing):
    """The video's duration, read from its container header (never decoded)."""
    from rubric_engine import video_duration as probe

    videos = listing.of_kind("video")
    if not videos:
        return Verdict("not_run", Message("checks.duration.none"))
    interval = params["range"]
    whole = interval.high is not None and interval.low is not None and interval.low % 60 == interval.high % 60 == 0
    limit = (Message("checks.duration.range.minutes", low=int(interval.low // 60), high=int(interval.high // 60))
             if whole else  # 4–6 分钟, as the plan says it (issue 17)
             Message("checks.duration.range", low=_minutes(interval.low), high=_minutes(interval.high))
             if interval.high is not None else str(interval))
    try:
        seconds = run_bounded(probe, videos[0].path, seconds=params["seconds"])
    except ProbeFailed as exc:
        return Verdict("review", Message("checks.file.unreadable", name=videos[0].name, detail=exc.reason),
                       limit=limit)
    if seconds is None:
        return Verdict("review", Message("checks.duration.unknown", name=videos[0].name), limit=limit)
    measured = _minutes(seconds)
    if seconds in interval:
        return Verdict("pass", Message("checks.duration.pass", measured=measured), measured, limit)
    return Verdict("fail", Message("checks.duration.fail", measured=measured, limit=limit), measured, limit)


# --- 文件夹命名 ---------------------------------------------------------------------------

def folder_name(entry, params, context):
    """The folder is named 作品名称+参赛单位+参赛人员, matching the entries table."""
    expected = expected_folder_name(entry)
    folder, how = context.locate(entry)
    if folder is None:
        if how == "ambiguous":
            reason = Message("checks.folder.ambiguous")
        elif how == "folder column":
            reason = Message("checks.folder.column", folder=entry.folder)
        else:
            reason = Message("checks.folder.missing")
        return Verdict("review", Message("checks.folder.review", reason=reason, expected=expected), limit=expected)
    shown = display_name(folder.name)  # a GBK folder name: its undecodable bytes replaced
    if normalise_name(folder.name) == normalise_name(expected):
        return Verdict("pass", Message("checks.folder.pass", shown=shown), shown, expected)
    return Verdict("fail", Message("checks.folder.fail", shown=shown, expected=expected), shown, expected)


READERS = Path(__file__).resolve().parents[1] / "inspect"  # the file readers the built-in checks call


@lru_cache(maxsize=None)
def readers_fingerprint(folder: Path = READERS) -> str:
    """One digest of the file readers these checks call (``rubric_engine/inspect/``): a change
    there changes what the checks find, so it is part of the verdict cache's key."""
    sha = hashlib.sha256()
    for path in sorted(Path(folder).glob("*.py")):
        sha.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    return sha.hexdigest()


@hookimpl
def register_checks(register):
    def schema(**properties):
        return {"type": "object", "additionalProperties": False, "properties": properties}

    def file_check(*args, preload=(), **options):  # every built-in file check: what it reads with, declared
        return CheckType(*args, needs_files=True, preload=preload, fingerprint=readers_fingerprint,
                          version=__version__, **options)

    text, number = {"type": "string"}, {"type": "number", "exclusiveMinimum": 0}
    register(file_check("submission_format", submission_format, "photo + article or photo + video",
                       params_schema=schema(requires={"type": "object"})))
    register(file_check("photo_size", photo_size, "a real photo of at least min_size (default 3 MB)",
                       preload=("PIL.Image",), params_schema=schema(min_size=text), prepare=_prepare_photo))
    register(file_check("article_length", article_length, "article length as Word's 字数 counts it",
                       preload=("docx",), params_schema=schema(range=text, exclude={"type": "array"},
                                                              signature_lines={"type": "integer"},
                                                              subtitle={"enum": ["title", "body"]}),
                       prepare=_prepare_length))
    register(file_check("article_files", article_files, "both a Word and a readable PDF version",
                       preload=("pypdf",), params_schema=schema(seconds=number)))
    register(file_check("docx_font", docx_font, "the title's or body's font and size in the Word file", preload=("docx",),
                       params_schema=schema(part={"enum": ["title", "body"]}, font=text,
                                            size={"type": ["string", "number"]}, aliases={"type": "array"},
                                            allow_unknown_fonts={"type": "boolean"},
                                            signature_lines={"type": "integer"},
                                            subtitle={"enum": ["title", "body"]}),
                       prepare=_prepare_font))
    register(file_check("signature", signature, "the article ends with author, phone and unit",
                       preload=("docx",), params_schema=schema(lines={"type": "integer", "minimum": 1},
                                                         subtitle={"enum": ["title", "body"]})))
    register(file_check("video_file", video_file, "exactly one video in an allowed format",
                       params_schema=schema(extensions={"type": "array"}, count={"type": "integer"}),
                       prepare=_prepare_video_file))
    register(file_check("video_duration", video_duration, "video duration from the container header",
                       preload=("hachoir.parser", "hachoir.metadata"), params_schema=schema(range=text, seconds=number),
                       prepare=_prepare_duration))
    register(file_check("folder_name", folder_name, "folder named 作品名称+参赛单位+参赛人员"))
