"""Photos and videos: is it really an image, and how long does the video run."""
from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path


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

    parser = createParser(str(path))
    if parser is None:
        raise ValueError("not a video container hachoir can read")
    with parser:
        metadata = extractMetadata(parser)
        if (metadata is None or not metadata.has("duration")) and type(parser).__name__ == "SwfFile":
            return _swf_duration(parser)
    if metadata is None or not metadata.has("duration"):
        return None
    duration = metadata.get("duration")
    return Fraction(duration.days * 86400 + duration.seconds) + Fraction(duration.microseconds, 1_000_000)


def _swf_duration(parser) -> Fraction | None:
    """A Flash file's header gives its frame count and frame rate: their ratio is the duration."""
    try:
        rate = Fraction(str(parser["frame_rate"].value))
        frames = int(parser["frame_count"].value)
    except (KeyError, ValueError, TypeError):
        return None
    return Fraction(frames) / rate if rate > 0 else None
