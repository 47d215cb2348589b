"""One piece of text in both languages: the type playbooks, messages and evidence kinds share."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Text(BaseModel):
    """English and Chinese side by side; neither may be blank. Both are trimmed, unless a
    subclass keeps its blanks (a template part such as " on {network}" needs them)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    keep_blanks: ClassVar[bool] = False

    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    @field_validator("en", "zh")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("translation is blank")
        return value if cls.keep_blanks else value.strip()
