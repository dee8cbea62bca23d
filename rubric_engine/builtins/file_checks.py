"""Built-in checks that read the submission folder (SPEC §5).

Every file is untrusted: zip-based files are vetted before they are opened, PDFs and
videos are probed in a bounded child process, links out of the folder are not
followed, nothing is ever written. A file that cannot be read gives ``review`` (a
person must look), never a crash.
"""
from __future__ import annotations

import re
from fractions import Fraction

from ..errors import ParamError
from ..extension import CheckType, Verdict, param_quantity, param_range
from ..hookspecs import hookimpl
from ..inspect.bounded import ProbeFailed, run_bounded
from ..inspect.folder import Listing, display_name, expected_folder_name, list_folder, normalise_name
from ..inspect.wordcount import word_count
from ..language import Dimension
from ..language.units import format_number

NO_FOLDER = "找不到作品文件夹"
KIND_WORDS = {"photo": "照片", "article": "文章", "video": "视频", "word": "Word 文档", "pdf": "PDF"}


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
            return Verdict("not_run", NO_FOLDER + "（见 文件夹命名 检查）")
        verdict = fn(entry, params, context, listing)
        if verdict.status == "fail" and not listing.complete:  # what was not seen may be what is missing
            return Verdict("review", f"{verdict.reason}；但{'；'.join(listing.incomplete)}，请人工核对",
                           verdict.measured, verdict.limit)
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
    from ..inspect.documents import read_article
    from ..inspect.safezip import UnsafeZip, vet_zip

    words = listing.of_kind("word")
    docx = [f for f in words if f.extension == "docx"]
    if not words:
        result = Verdict("not_run", "没有 Word 文件（见 article_files 检查）")
    elif not docx:
        result = Verdict("review", f"只有 {words[0].name}（.{words[0].extension}），无法自动读取，请人工核对",
                         words[0].name)
    else:
        try:
            vet_zip(docx[0].path)  # reads only the zip directory: cheap, and safe to do here
            result = run_bounded(read_article, docx[0].path, bound="WORD_PROBE_SECONDS")
        except UnsafeZip as exc:
            result = Verdict("review", f"{docx[0].name} 可疑，未打开: {exc}", docx[0].name)
        except ProbeFailed as exc:  # a damaged or hostile .docx: a person must look
            result = Verdict("review", f"{docx[0].name} 无法读取: {exc.reason}", docx[0].name)
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
    found = "、".join(KIND_WORDS[k] for k in ("photo", "word", "pdf", "video") if k in kinds) or "无可识别文件"
    options = {entry.format: requires[entry.format]} if entry.format in requires else requires
    for needed in options.values():
        if set(needed) <= kinds:
            return Verdict("pass", f"{' + '.join(KIND_WORDS[k] for k in needed)}", found)
    wanted = " 或 ".join("+".join(KIND_WORDS[k] for k in needed) for needed in options.values())
    note = f"；{'；'.join(listing.skipped)}" if listing.skipped else ""
    return Verdict("fail", f"文件夹中有: {found}；要求: {wanted}{note}", found, wanted)


# --- 照片 -----------------------------------------------------------------------------

def _prepare_photo(params, rubric):
    return {"min_size": param_quantity(params, "min_size", Dimension.SIZE, "3 MB")}


def _mb(size: int | Fraction) -> str:
    return f"{format_number(Fraction(size) / 1024 / 1024, 2)} MB"


@_needs_folder
def photo_size(entry, params, context, listing):
    """A real photo (Pillow opens it) of at least min_size."""
    from ..inspect.media import probe_image

    photos = listing.of_kind("photo")
    if not photos:
        return Verdict("not_run", "没有照片（见 作品形式 检查）")
    limit = f"不小于 {_mb(params['min_size'])}"
    valid, broken = [], []
    for photo in photos:
        try:
            width, height, kind = probe_image(photo.path)
            valid.append((photo, width, height))
        except Exception as exc:  # includes Pillow's decompression-bomb guard
            broken.append(f"{photo.name}: {type(exc).__name__}: {exc}")
    if not valid:
        return Verdict("review", "照片无法打开: " + "；".join(broken), limit=limit)
    best, width, height = max(valid, key=lambda v: v[0].size)
    measured = f"{best.name} {_mb(best.size)}（{width}×{height}）"
    if best.size >= params["min_size"]:
        return Verdict("pass", f"照片 {measured}", measured, limit)
    return Verdict("fail", f"照片最大 {_mb(best.size)}（{best.name}），要求{limit}", measured, limit)


# --- 文章 -----------------------------------------------------------------------------

DASHES = ("—", "―", "－", "-", "–", "─")


def _parts(article, params, entry) -> dict:
    """Title (with a dash subtitle when ``subtitle: title``), body, signature, and the Signature found."""
    from ..inspect.signature import find_signature

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


def _left_out(parts, names) -> str:
    """不计标题「…」与署名 3 行「…」: what the count or the font check left out (phones masked)."""
    from ..inspect.signature import mask_phones

    said = []
    if "title" in names and parts["title"]:
        said.append(f"标题「{_excerpt(' '.join(p.text for p in parts['title']))}」")
    if "signature" in names:
        lines = parts["signature"]
        said.append(f"署名 {len(lines)} 行「{mask_phones(_excerpt(' '.join(p.text for p in lines), 40))}」"
                    if lines else "署名（未找到）")
    return "不计" + "与".join(said) if said else ""


def _prepare_length(params, rubric):
    exclude = params.get("exclude", ["title", "signature"])
    for part in exclude:
        if part not in ("title", "signature"):
            raise ParamError(f"cannot exclude {part!r}: only title and signature", "exclude")
    return {"range": param_range(params, "range", Dimension.NUMBER, "800..1200"), "exclude": list(exclude),
            "signature_lines": params.get("signature_lines", 4), "subtitle": _subtitle(params)}


def _subtitle(params) -> str:
    subtitle = params.get("subtitle", "title")
    if subtitle not in ("title", "body"):
        raise ParamError("subtitle must be title or body", "subtitle")
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
    limit = f"字数 {format_number(interval.low)}–{format_number(interval.high)}" if interval.high is not None \
        else f"字数不少于 {format_number(interval.low)}"
    said = [f"含脚注、尾注字数 {notes}"] if notes else []
    left_out = _left_out(parts, params["exclude"])
    said += [left_out] if left_out else []
    note = f"（{'；'.join(said)}）" if said else ""
    if Fraction(count) in interval:
        return Verdict("pass", f"文章字数 {count}{note}", str(count), limit)
    return Verdict("fail", f"文章字数 {count}{note}，要求{limit}", str(count), limit)


@_needs_folder
def article_files(entry, params, context, listing):
    """Both a Word and a PDF version, and the PDF readable."""
    from ..inspect.documents import pdf_summary

    words, pdfs = listing.of_kind("word"), listing.of_kind("pdf")
    missing = [name for name, files in (("Word", words), ("PDF", pdfs)) if not files]
    if missing:
        return Verdict("fail", f"缺少 {'、'.join(missing)} 版本", limit="Word 和 PDF 各 1 份")
    try:
        summary = run_bounded(pdf_summary, pdfs[0].path, seconds=params.get("seconds"))  # capped at PROBE_SECONDS
    except ProbeFailed as exc:
        return Verdict("review", f"{pdfs[0].name} 无法读取: {exc.reason}", pdfs[0].name)
    if summary["pages"] < 1:
        return Verdict("review", f"{pdfs[0].name} 没有页面", pdfs[0].name)
    return Verdict("pass", f"Word: {words[0].name}；PDF: {pdfs[0].name}（{summary['pages']} 页）")


FONT_ALIASES = [
    {"黑体", "SimHei", "Heiti", "Heiti SC", "STHeiti", "黑体-简"},
    {"仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "STFangsong", "华文仿宋", "仿宋体"},
    {"宋体", "SimSun", "新宋体", "NSimSun", "STSong", "华文宋体"},
    {"楷体", "KaiTi", "楷体_GB2312", "KaiTi_GB2312", "STKaiti", "华文楷体"},
    {"微软雅黑", "Microsoft YaHei"},
    {"等线", "DengXian"},
]
CHINESE_SIZES = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16, "小三": 15,
                 "四号": 14, "小四": 12, "五号": Fraction(21, 2), "小五": 9, "六号": Fraction(15, 2), "小六": Fraction(13, 2)}


def _prepare_font(params, rubric):
    part = params.get("part")
    if part not in ("title", "body"):
        raise ParamError("part must be title or body", "part")
    font = params.get("font")
    if not font:
        raise ParamError("missing parameter 'font' (e.g. 黑体)", "font")
    aliases = {font}
    for group in FONT_ALIASES:
        if font in group:
            aliases |= group
    aliases |= set(params.get("aliases", []))
    size_text = str(params.get("size", "16 pt"))
    size = Fraction(CHINESE_SIZES[size_text]) if size_text in CHINESE_SIZES else \
        param_quantity(params, "size", Dimension.FONT_SIZE)
    size_name = next((k for k, v in CHINESE_SIZES.items() if v == size), None)
    shown = f"{font} {size_name}（{format_number(size)} pt）" if size_name else f"{font} {format_number(size)} pt"
    return {"part": part, "font": font, "aliases": {a.lower() for a in aliases}, "size": size, "shown": shown,
            "signature_lines": params.get("signature_lines", 4), "subtitle": _subtitle(params)}


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
    what = "标题" if params["part"] == "title" else "正文"
    left_out = _left_out(parts, ["title", "signature"]) if params["part"] == "body" else ""
    note = f"（{left_out}）" if left_out else ""
    runs = [r for p in paragraphs for r in p.runs if r.text.strip()]
    if not runs:
        return Verdict("review", f"没有找到{what}{note}", limit=params["shown"])
    wrong: dict[str, int] = {}
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
            size = f"{format_number(run.size)} pt" if run.size is not None else "默认字号"
            style = f"{font or '默认字体'} {size}" + ("" if east else "（西文）")
            wrong[style] = wrong.get(style, 0) + 1
    if not wrong:
        return Verdict("pass", f"{what}为 {params['shown']}{note}", params["shown"], params["shown"])
    found = "；".join(f"{style} {count} 个字符" for style, count in sorted(wrong.items(), key=lambda kv: -kv[1]))
    return Verdict("fail", f"{what} {total} 个字符中 {sum(wrong.values())} 个不是 {params['shown']}: {found}{note}",
                   found, params["shown"])


@_needs_article
def signature(entry, params, context, article):
    """The article ends with the author, a phone number and the unit: the entry's 参赛人员 and 参赛单位."""
    from ..inspect.signature import mask_phones

    parts = _parts(article, {"signature_lines": params.get("lines", 4), "subtitle": params.get("subtitle", "title")},
                   entry)
    sig = parts["found"]
    limit = "作者、联系电话、工作单位"
    missing = [what for what, ok in (("作者", sig.author), ("联系电话", sig.phones), ("工作单位", sig.unit)) if not ok]
    problems = []
    if missing:
        problems.append(f"文章末尾缺少: {'、'.join(missing)}")
    if sig.author and not sig.author_matches:
        problems.append(f"署名作者「{_excerpt(sig.author, 20)}」不是参赛人员「{entry.participants}」")
    if sig.unit and not sig.unit_matches:
        problems.append(f"署名单位「{_excerpt(sig.unit, 30)}」与参赛单位「{entry.unit}」不符")
    shown = mask_phones(_excerpt(" ".join(sig.lines), 40))
    if problems:
        seen = f"（署名 {len(sig.lines)} 行「{shown}」）" if sig.lines else ""
        return Verdict("fail", "；".join(problems) + seen, shown or None, limit)
    return Verdict("pass", f"文章末尾有作者、联系电话、工作单位（署名 {len(sig.lines)} 行「{shown}」）", shown, limit)


# --- 视频 -----------------------------------------------------------------------------

def _prepare_video_file(params, rubric):
    extensions = [e.lower().lstrip(".") for e in params.get("extensions", ["avi", "mp4", "flv", "swf"])]
    return {"extensions": extensions, "count": params.get("count", 1)}


@_needs_folder
def video_file(entry, params, context, listing):
    """Exactly one video, in one of the allowed formats."""
    videos = listing.of_kind("video")
    allowed = "/".join(params["extensions"])
    limit = f"{params['count']} 个 {allowed} 视频"
    if len(videos) != params["count"]:
        names = "、".join(v.name for v in videos) or "无"
        return Verdict("fail", f"有 {len(videos)} 个视频文件（{names}），要求 {limit}", str(len(videos)), limit)
    wrong = [v.name for v in videos if v.extension not in params["extensions"]]
    if wrong:
        return Verdict("fail", f"视频格式不符: {'、'.join(wrong)}，要求 {allowed}", wrong[0], limit)
    return Verdict("pass", f"视频 {videos[0].name}", videos[0].name, limit)


def _prepare_duration(params, rubric):
    return {"range": param_range(params, "range", Dimension.DURATION, "4 min..6 min"),
            "seconds": params.get("seconds")}  # None: PROBE_SECONDS; more is capped at it


def _minutes(seconds: Fraction) -> str:
    whole = int(seconds)
    return f"{whole // 60} 分 {whole % 60} 秒" if whole >= 60 else f"{format_number(seconds, 1)} 秒"


@_needs_folder
def video_duration(entry, params, context, listing):
    """The video's duration, read from its container header (never decoded)."""
    from ..inspect.media import video_duration as probe

    videos = listing.of_kind("video")
    if not videos:
        return Verdict("not_run", "没有视频（见 视频格式 检查）")
    interval = params["range"]
    limit = f"{_minutes(interval.low)}–{_minutes(interval.high)}" if interval.high is not None else str(interval)
    try:
        seconds = run_bounded(probe, videos[0].path, seconds=params["seconds"])
    except ProbeFailed as exc:
        return Verdict("review", f"{videos[0].name} 无法读取: {exc.reason}", limit=limit)
    if seconds is None:
        return Verdict("review", f"{videos[0].name} 的文件头中没有时长，请人工核对", limit=limit)
    measured = _minutes(seconds)
    if seconds in interval:
        return Verdict("pass", f"视频时长 {measured}", measured, limit)
    return Verdict("fail", f"视频时长 {measured}，要求 {limit}", measured, limit)


# --- 文件夹命名 ---------------------------------------------------------------------------

def folder_name(entry, params, context):
    """The folder is named 作品名称+参赛单位+参赛人员, matching the entries table."""
    expected = expected_folder_name(entry)
    folder, how = context.locate(entry)
    if folder is None:
        reason = {"ambiguous": "有多个文件夹可能属于本作品", "folder column": f"entries 表中的文件夹 {entry.folder} 不存在"}
        return Verdict("review", f"{reason.get(how, NO_FOLDER)}；应命名为 {expected}", limit=expected)
    shown = display_name(folder.name)  # a GBK folder name: its undecodable bytes replaced
    if normalise_name(folder.name) == normalise_name(expected):
        return Verdict("pass", f"文件夹 {shown}", shown, expected)
    return Verdict("fail", f"文件夹名为 {shown}，应为 {expected}", shown, expected)


@hookimpl
def register_checks(register):
    def schema(**properties):
        return {"type": "object", "additionalProperties": False, "properties": properties}

    text, number = {"type": "string"}, {"type": "number", "exclusiveMinimum": 0}
    register(CheckType("submission_format", submission_format, "photo + article or photo + video",
                       needs_files=True, params_schema=schema(requires={"type": "object"})))
    register(CheckType("photo_size", photo_size, "a real photo of at least min_size (default 3 MB)",
                       needs_files=True, params_schema=schema(min_size=text), prepare=_prepare_photo))
    register(CheckType("article_length", article_length, "article length as Word's 字数 counts it",
                       needs_files=True, params_schema=schema(range=text, exclude={"type": "array"},
                                                              signature_lines={"type": "integer"},
                                                              subtitle={"enum": ["title", "body"]}),
                       prepare=_prepare_length))
    register(CheckType("article_files", article_files, "both a Word and a readable PDF version",
                       needs_files=True, params_schema=schema(seconds=number)))
    register(CheckType("docx_font", docx_font, "the title's or body's font and size in the Word file",
                       needs_files=True,
                       params_schema=schema(part={"enum": ["title", "body"]}, font=text,
                                            size={"type": ["string", "number"]}, aliases={"type": "array"},
                                            signature_lines={"type": "integer"},
                                            subtitle={"enum": ["title", "body"]}),
                       prepare=_prepare_font))
    register(CheckType("signature", signature, "the article ends with author, phone and unit",
                       needs_files=True, params_schema=schema(lines={"type": "integer", "minimum": 1},
                                                         subtitle={"enum": ["title", "body"]})))
    register(CheckType("video_file", video_file, "exactly one video in an allowed format", needs_files=True,
                       params_schema=schema(extensions={"type": "array"}, count={"type": "integer"}),
                       prepare=_prepare_video_file))
    register(CheckType("video_duration", video_duration, "video duration from the container header",
                       needs_files=True, params_schema=schema(range=text, seconds=number),
                       prepare=_prepare_duration))
    register(CheckType("folder_name", folder_name, "folder named 作品名称+参赛单位+参赛人员", needs_files=True))
