"""Who took part in an entry, as keys: ``参赛人员`` split into names, each folded as key cells are."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# after NFKC, ， ； ／ are , ; / : the separators 、，,;；／/ and any space
_SEPARATORS = re.compile(r"[、,;/\s]+")


@lru_cache(maxsize=4096)
def participant_keys(participants: str) -> frozenset[str]:
    """The names in ``participants`` (张三、李四 / 张三，李四 / "Ann Lee; Bo"): NFKC, format characters
    (Unicode Cf: zero-width spaces …) removed, split on 、，,;；／ and spaces; empty parts dropped."""
    folded = "".join(c for c in unicodedata.normalize("NFKC", participants or "") if unicodedata.category(c) != "Cf")
    return frozenset(name for name in _SEPARATORS.split(folded) if name)
