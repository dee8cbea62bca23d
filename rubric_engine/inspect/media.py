"""Photos and videos: is it really an image, and how long does the video run."""
from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

from ..messages import Message


def probe_image(path: Path) -> tuple[int, int, str]:
    """(width, height, format) of a real image; Pillow's decompression-bomb guard is an error."""
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        with Image.open(path) as image:
            size, kind = image.size, image.format
            image.verify()
    return size[0], size[1], kind or path.suffix.lstrip(".")


def video_duration(path: Path) -> Fraction | None:
    """Seconds, read from the container header by hachoir (nothing is decoded); None when
    the header does not say. Run it bounded: the file is untrusted."""
    from hachoir.core import config
    from hachoir.metadata import extractMetadata
    from hachoir.parser import createParser

    config.quiet = True  # hachoir otherwise prints its warnings to the terminal

    check_complete(path)

    parser = createParser(str(path))
    if parser is None:
        raise ValueError(Message("checks.video.unknown_container"))
    with parser:
        metadata = extractMetadata(parser)
        if (metadata is None or not metadata.has("duration")) and type(parser).__name__ == "SwfFile":
            return _swf_duration(parser)
    if metadata is None or not metadata.has("duration"):
        return None
    duration = metadata.get("duration")
    return Fraction(duration.days * 86400 + duration.seconds) + Fraction(duration.microseconds, 1_000_000)


ISO_MEDIA = {"mp4", "m4v", "mov", "3gp", "f4v"}


def check_complete(path: Path) -> None:
    """Raise ValueError when the container is cut short: a header that promises a duration
    says nothing about the part that was lost (a truncated MP4 still claims 5 minutes).

    ISO media (mp4, mov, ...): every top-level box must end within the file and ``moov``
    must be there; AVI: the RIFF size must fit in the file.
    """
    import struct

    extension = path.suffix.lower().lstrip(".")
    size = path.stat().st_size
    with path.open("rb") as stream:
        if extension in ISO_MEDIA:
            offset, boxes = 0, set()
            while offset < size:
                stream.seek(offset)
                header = stream.read(16)
                if len(header) < 8:
                    raise ValueError(Message("checks.video.box_cut", offset=offset))
                box_size, kind = struct.unpack(">I4s", header[:8])
                if box_size == 1:
                    if len(header) < 16:
                        raise ValueError(Message("checks.video.box_cut", offset=offset))
                    box_size = struct.unpack(">Q", header[8:16])[0]
                elif box_size == 0:  # runs to the end of the file
                    box_size = size - offset
                if box_size < 8:
                    raise ValueError(Message("checks.video.box_size", offset=offset, size=box_size))
                name = kind.decode("latin-1")
                if offset + box_size > size:
                    raise ValueError(Message("checks.video.box_truncated", box=name, size=box_size, end=size - offset))
                boxes.add(name)
                offset += box_size
            if "moov" not in boxes:
                raise ValueError(Message("checks.video.no_moov"))
        elif extension == "avi":
            header = stream.read(12)
            if len(header) == 12 and header[:4] == b"RIFF":
                declared = struct.unpack("<I", header[4:8])[0] + 8
                if declared > size:
                    raise ValueError(Message("checks.video.riff_truncated", declared=declared, size=size))


def _swf_duration(parser) -> Fraction | None:
    """A Flash file's header gives its frame count and frame rate: their ratio is the duration."""
    try:
        rate = Fraction(str(parser["frame_rate"].value))
        frames = int(parser["frame_count"].value)
    except (KeyError, ValueError, TypeError):
        return None
    return Fraction(frames) / rate if rate > 0 else None
