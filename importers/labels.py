"""Old labels or categories mapped to this blog's topics, kinds, or else tags."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from b2b_blog.topics.vocabulary import resolve_topic_names


def fold(name: str) -> str:
    """Case- and accent-insensitive form of a name, spaces and hyphens alike."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower().replace("-", " ").replace("_", " "))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@dataclass
class LabelMapping:
    """What each label became: label -> ("topic" | "kind" | "tag", key or tag)."""

    topics: dict
    kinds: dict
    seen: dict[str, tuple[str, str]] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)  # translation key -> every version's labels

    def add_to_group(self, key: str, labels: list[str]) -> None:
        """Versions of one post share their topics and kind (the build refuses translations that differ)."""
        self.groups.setdefault(key, []).extend(label for label in labels if label not in self.groups.get(key, []))

    def map(self, label: str) -> tuple[str, str]:
        if label not in self.seen:
            self.seen[label] = self._resolve(label)
        return self.seen[label]

    def _resolve(self, label: str) -> tuple[str, str]:
        for variant in (label, label.replace("-", " ")):
            known, _unknown = resolve_topic_names(variant.replace(",", " "), self.topics)
            if known:
                return "topic", known[0]
        for key, spec in self.kinds.items():
            names = {fold(key)} | {fold(entry.get(name, "")) for entry in spec.values() for name in ("label", "slug")}
            if fold(label) in names:
                return "kind", key
        return "tag", label.strip()

    def apply(self, labels: list[str], key: str | None = None) -> tuple[list[str], str | None, list[str]]:
        """(topic keys, the first kind named, tags) for one post's labels; topics and kind of its whole group."""
        topics, kinds, tags = [], [], []
        for label in self.groups.get(key, labels) if key else labels:
            what, value = self.map(label)
            target = {"topic": topics, "kind": kinds}.get(what)
            if target is not None and value not in target:
                target.append(value)
        for label in labels:
            what, value = self.map(label)
            if what == "tag" and value not in tags:
                tags.append(value)
        return topics, (kinds[0] if kinds else None), tags
