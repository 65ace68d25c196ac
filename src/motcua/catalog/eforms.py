"""A procedure's declaration (tờ khai) as an electronic form, the same at the portal and
at the counter.

The fields come from the procedure version's snapshot (`data["form_fields"]`, declared in
`catalog.form_fields`). `Declaration` adds them to any Django form, under the prefix
`field_`: a field of a repeatable group is `field_<group>-<row>-<name>`. Answers are JSON:
a value per field, and for a group a list of rows.

>>> form = ApplicationForm(data, ...)          # a form that mixes in Declaration
>>> form.is_valid() and form.answers()
{'ho_ten_tre': 'Trần Minh Khôi', 'nguoi_than': [{'ho_ten': 'Trần Văn Bình', ...}]}
"""

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from motcua.ui.templatetags.vn import vndate, vnnumber

from .form_fields import FieldKind

PREFIX = "field_"
DATE_INPUT = "%d/%m/%Y"
# A group shows this many rows at most (a household rarely has more members).
MAX_ROWS = 20
_ID_NUMBER = re.compile(r"\d{12}")
_PHONE = re.compile(r"0\d{9}")


class VietnameseNumberField(forms.CharField):
    """A number as Vietnamese write it: `1.500` (thousands) or `2,5` (decimals)."""

    def to_python(self, value):
        text = re.sub(r"[\s.]", "", super().to_python(value) or "").replace(",", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValidationError("Nhập một số, ví dụ 1.500 hoặc 2,5.") from None
        if not number.is_finite():
            raise ValidationError("Nhập một số, ví dụ 1.500 hoặc 2,5.")
        return int(number) if number == number.to_integral_value() else float(number)


class IdNumberField(forms.CharField):
    """A personal identification number: 12 digits (spaces allowed while typing)."""

    def to_python(self, value):
        text = re.sub(r"\s", "", super().to_python(value) or "")
        if text and not _ID_NUMBER.fullmatch(text):
            raise ValidationError("Số định danh cá nhân gồm 12 chữ số.")
        return text


class PhoneField(forms.CharField):
    """A Vietnamese phone number: 10 digits from 0 (or +84 then 9 digits)."""

    def to_python(self, value):
        text = re.sub(r"[\s.\-]", "", super().to_python(value) or "")
        if text.startswith("+84"):
            text = "0" + text[3:]
        if text and not _PHONE.fullmatch(text):
            raise ValidationError("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.")
        return text


def form_field(spec: dict) -> forms.Field:
    """The Django form field for one declared question."""
    common = {
        "label": spec["label"],
        "required": spec["required"],
        "help_text": spec.get("help", ""),
        "error_messages": {"required": f"Cần điền “{spec['label']}”."},
    }
    kind = spec["kind"]
    if kind == FieldKind.NUMBER:
        return VietnameseNumberField(
            **common, widget=forms.TextInput(attrs={"inputmode": "decimal"})
        )
    if kind == FieldKind.DATE:
        common["error_messages"]["invalid"] = (
            "Viết ngày theo dạng ngày/tháng/năm, ví dụ 03/03/2025."
        )
        return forms.DateField(
            **common,
            input_formats=[DATE_INPUT],
            widget=forms.DateInput(format=DATE_INPUT, attrs={"inputmode": "numeric"}),
        )
    if kind == FieldKind.CHOICE:
        common["error_messages"]["required"] = f"Chọn “{spec['label']}”."
        return forms.ChoiceField(
            **common, choices=[("", "— Chọn —"), *((c, c) for c in spec.get("choices", []))]
        )
    if kind == FieldKind.ID_NUMBER:
        return IdNumberField(
            **common, max_length=20, widget=forms.TextInput(attrs={"inputmode": "numeric"})
        )
    if kind == FieldKind.PHONE:
        return PhoneField(
            **common, max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel"})
        )
    if kind == FieldKind.LONG_TEXT:
        return forms.CharField(**common, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    attrs = {"autocomplete": "street-address"} if kind == FieldKind.ADDRESS else {}
    return forms.CharField(**common, max_length=500, widget=forms.TextInput(attrs=attrs))


def shows(spec: dict, values: dict) -> bool:
    """Whether the question is asked, given the answers so far (`show_if` "name=value", or
    "name" for any answer)."""
    condition = spec.get("show_if", "")
    if not condition:
        return True
    name, _, wanted = condition.partition("=")
    given = values.get(name.strip())
    return str(given or "") == wanted.strip() if wanted.strip() else bool(given)


@dataclass
class Group:
    """A repeatable group on the page: its name, heading, and a list of rows of bound fields."""

    name: str
    section: str
    rows: list[list] = field(default_factory=list)


@dataclass
class Section:
    """A heading of the declaration and what comes under it, in order: bound fields and groups."""

    title: str
    items: list = field(default_factory=list)


def _row_count(values, group: str, names: list[str]) -> int:
    """How many rows a group shows: the rows typed (or filled in advance), one more when
    the applicant asks to add one."""
    pattern = re.compile(rf"^{PREFIX}{re.escape(group)}-(\d+)-(?:{'|'.join(names)})$")
    typed = [int(m.group(1)) for key in values if (m := pattern.match(key))]
    rows = max(typed) + 1 if typed else 1
    if values.get("add_row") == group:
        rows += 1
    return min(rows, MAX_ROWS)


class Declaration:
    """Mixin for a Django form: the procedure's declared questions, with sections,
    conditions and repeatable groups. Call `add_declaration(specs)` in `__init__` and
    `clean_declaration(cleaned_data)` in `clean`."""

    def add_declaration(self, specs: list[dict]) -> None:
        self.specs = specs
        self.group_rows: dict[str, int] = {}
        grouped: dict[str, list[str]] = {}
        for spec in specs:
            if spec.get("group"):
                grouped.setdefault(spec["group"], []).append(spec["name"])
        values = self.data if self.is_bound else self.initial
        for group, names in grouped.items():
            self.group_rows[group] = _row_count(values, group, names)
        for spec in specs:
            if spec.get("group"):
                for row in range(self.group_rows[spec["group"]]):
                    self.fields[_key(spec, row)] = form_field(spec)
            else:
                self.fields[PREFIX + spec["name"]] = form_field(spec)

    def _raw(self, spec: dict) -> str:
        return self.data.get(PREFIX + spec["name"], "") if self.is_bound else ""

    def clean_declaration(self, data: dict) -> None:
        """Drop what is not asked (its condition does not hold) and the empty rows of a
        group, so neither is required nor stored."""
        typed = {spec["name"]: self._raw(spec) for spec in self.specs if not spec.get("group")}
        for spec in self.specs:
            keys = (
                [_key(spec, row) for row in range(self.group_rows[spec["group"]])]
                if spec.get("group")
                else [PREFIX + spec["name"]]
            )
            asked = shows(spec, typed)
            for key in keys:
                empty_row = spec.get("group") and self._row_is_empty(spec["group"], key)
                if not asked or empty_row:
                    self.errors.pop(key, None)
                    data.pop(key, None)
        for group, rows in self.group_rows.items():
            if all(self._row_is_empty(group, f"{PREFIX}{group}-{row}-") for row in range(rows)):
                first = next(s for s in self.specs if s.get("group") == group)
                if any(s["required"] for s in self.specs if s.get("group") == group):
                    self.add_error(_key(first, 0), f"Cần khai ít nhất một “{first['section']}”.")

    def _row_is_empty(self, group: str, key: str) -> bool:
        row = key[len(PREFIX) + len(group) + 1 :].split("-", 1)[0]
        names = [s["name"] for s in self.specs if s.get("group") == group]
        return not any(
            str(self.data.get(f"{PREFIX}{group}-{row}-{name}", "")).strip() for name in names
        )

    def answers(self) -> dict:
        """The answers as JSON values (dates as yyyy-mm-dd); a group as a list of rows."""
        answers: dict = {}
        for spec in self.specs:
            if spec.get("group"):
                rows = answers.setdefault(
                    spec["group"], [{} for _ in range(self.group_rows[spec["group"]])]
                )
                for row in range(self.group_rows[spec["group"]]):
                    value = _json(self.cleaned_data.get(_key(spec, row)))
                    if value not in (None, ""):
                        rows[row][spec["name"]] = value
            else:
                value = _json(self.cleaned_data.get(PREFIX + spec["name"]))
                if value not in (None, ""):
                    answers[spec["name"]] = value
        for group in self.group_rows:
            answers[group] = [row for row in answers.get(group, []) if row]
            if not answers[group]:
                del answers[group]
        return answers

    def sections(self) -> list[Section]:
        """The declaration as the page shows it: sections of bound fields and groups."""
        result: list[Section] = []
        for title, items in layout(self.specs):
            section = Section(title)
            for item in items:
                if isinstance(item, dict):
                    section.items.append(self[PREFIX + item["name"]])
                    continue
                name, columns = item
                group = Group(name, title)
                group.rows = [
                    [self[_key(column, row)] for column in columns]
                    for row in range(self.group_rows[name])
                ]
                section.items.append(group)
            result.append(section)
        return result

    def conditions(self) -> dict[str, str]:
        """Bound field name → its `show_if`, for the page's script that hides what is not asked."""
        return {
            PREFIX + s["name"]: s["show_if"]
            for s in self.specs
            if s.get("show_if") and not s.get("group")
        }


def _key(spec: dict, row: int) -> str:
    return f"{PREFIX}{spec['group']}-{row}-{spec['name']}"


def _json(value):
    return value.isoformat() if isinstance(value, date) else value


def initial_values(specs: list[dict], answers: dict, applicant: dict) -> dict:
    """Form initial data from stored answers, then from the applicant for `prefill` fields."""
    initial = {}
    for spec in specs:
        if spec.get("group"):
            for row, values in enumerate(answers.get(spec["group"], [])):
                if spec["name"] in values:
                    initial[_key(spec, row)] = _shown_input(values[spec["name"]], spec)
            continue
        value = answers.get(spec["name"])
        if value in (None, "") and spec.get("prefill"):
            value = applicant.get(spec["prefill"])
        if value not in (None, ""):
            initial[PREFIX + spec["name"]] = _shown_input(value, spec)
    return initial


def _shown_input(value, spec: dict):
    if spec["kind"] == FieldKind.DATE and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def shown(value, spec: dict) -> str:
    """An answer as Vietnamese read it: dates dd/mm/yyyy, numbers 3.061."""
    if spec["kind"] == FieldKind.DATE and isinstance(value, str) and value:
        try:
            return vndate(date.fromisoformat(value))
        except ValueError:
            return value
    if isinstance(value, int | float):
        return vnnumber(value)
    return str(value)


def layout(specs: list[dict]) -> list[tuple[str, list]]:
    """The fields in their sections, in order: each item a field's spec, or a group as
    (group name, its columns' specs) where its first field stands. The page, the reading
    of answers and the printed blank declaration all lay the form out by this."""
    sections: list[tuple[str, list]] = []
    seen_groups: set[str] = set()
    for spec in specs:
        title = spec.get("section", "")
        if not sections or sections[-1][0] != title:
            sections.append((title, []))
        group = spec.get("group")
        if not group:
            sections[-1][1].append(spec)
        elif group not in seen_groups:
            seen_groups.add(group)
            sections[-1][1].append((group, [s for s in specs if s.get("group") == group]))
    return sections


def answer_rows(specs: list[dict], answers: dict) -> list[tuple[str, list]]:
    """The answers for reading (staff pages, the printed declaration): per section, a list
    of (label, value) or, for a group, ("group", [labels], [[values], …])."""
    result = []
    for title, items in layout(specs):
        rows = []
        for item in items:
            if isinstance(item, dict):
                if item["name"] in answers:
                    rows.append((item["label"], shown(answers[item["name"]], item)))
                continue
            group, columns = item
            values = [
                [shown(row.get(c["name"], ""), c) for c in columns]
                for row in answers.get(group, [])
            ]
            rows.append(("group", [c["label"] for c in columns], values))
        if rows:
            result.append((title, rows))
    return result
