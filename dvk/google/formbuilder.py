"""The official registration form as a Google Form, with titles and choices that mappings/ reads.

Every question title is checked against the header synonyms and every choice against the value
synonyms before anything is sent, so a form made here is always one the Forms source can read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dvk.errors import ConfigError
from dvk.google import remote
from dvk.google.api import GoogleApi
from dvk.google.auth import FORMS_CREATE
from dvk.mappings import Mappings
from dvk.schema import FIELD_LABELS, FORM_LABELS, KIND_LABELS
from dvk.text import match_key


@dataclass(frozen=True)
class Question:
    title: str
    column: str  # the canonical column the title must map to
    choices: tuple[str, ...] = ()
    paragraph: bool = False
    required: bool = True
    choice_type: str = "RADIO"
    description: str = ""


def registration_questions(unit_names: list[str] | None = None) -> list[Question]:
    """One response = one model, in the order of the official form's columns."""
    unit = (
        Question("Tên cơ quan, đơn vị", "unit_name", tuple(unit_names), choice_type="DROP_DOWN")
        if unit_names
        else Question(
            "Tên cơ quan, đơn vị", "unit_name", description="Ghi đúng tên như trong danh sách đơn vị."
        )
    )
    return [
        unit,
        Question("Lĩnh vực", "field", tuple(FIELD_LABELS.values())),
        Question("Tên mô hình, điển hình", "model_name"),
        Question(
            "Hình thức", "form", tuple(FORM_LABELS.values()), description="Mô hình tập thể hay cá nhân."
        ),
        Question("Địa chỉ thực hiện", "address", required=False),
        Question("Nội dung cụ thể mô hình, điển hình", "content", paragraph=True),
        Question("Xây dựng mới hay nhân rộng", "kind", tuple(KIND_LABELS.values())),
    ]


def check_questions(questions: list[Question], mappings: Mappings) -> None:
    """Refuse a title or a choice that mappings/ would not read back as intended."""
    indexes = {"field": mappings.fields, "form": mappings.forms, "kind": mappings.kinds}
    for question in questions:
        found = mappings.header_for(question.title)
        if found != question.column:
            raise ConfigError(
                f"Câu hỏi «{question.title}» không khớp cột «{question.column}» trong mappings/headers.toml."
            )
        index = indexes.get(question.column)
        if index is None:
            continue
        for choice in question.choices:
            if match_key(choice) not in index:
                raise ConfigError(
                    f"Lựa chọn «{choice}» của câu «{question.title}» không có trong mappings/values.toml."
                )


def description(year: int) -> str:
    return (
        f"Đăng ký mô hình, điển hình «Dân vận khéo» năm {year}. Mỗi lần gửi là một mô hình, điển hình; "
        "đơn vị có nhiều mô hình thì gửi nhiều lần. Muốn sửa một mô hình đã gửi, hãy gửi lại với đúng "
        "tên mô hình: bản gửi sau thay bản gửi trước."
    )


def form_requests(questions: list[Question], year: int) -> list[dict]:
    """The Forms API batchUpdate requests: the description, then one item per question."""
    requests: list[dict] = [
        {"updateFormInfo": {"info": {"description": description(year)}, "updateMask": "description"}}
    ]
    for index, question in enumerate(questions):
        body: dict = {"required": question.required}
        if question.choices:
            options = [{"value": choice} for choice in question.choices]
            body["choiceQuestion"] = {"type": question.choice_type, "options": options}
        else:
            body["textQuestion"] = {"paragraph": question.paragraph}
        item: dict = {"title": question.title, "questionItem": {"question": body}}
        if question.description:
            item["description"] = question.description
        requests.append({"createItem": {"item": item, "location": {"index": index}}})
    return requests


@dataclass(frozen=True)
class CreatedForm:
    form_id: str
    responder_uri: str
    questions: int

    @property
    def edit_url(self) -> str:
        return f"https://docs.google.com/forms/d/{self.form_id}/edit"


def create_registration_form(
    title: str,
    year: int,
    mappings: Mappings,
    unit_names: list[str] | None = None,
    share_with: list[str] | None = None,
    credentials: str | Path | None = None,
    api: GoogleApi | None = None,
) -> CreatedForm:
    """Make the form (create, one batchUpdate, publish), share it, and return where it lives."""
    questions = registration_questions(unit_names)
    check_questions(questions, mappings)
    api = api or GoogleApi(FORMS_CREATE, credentials)
    form = remote.create_form(api, title, form_requests(questions, year))
    for email in share_with or []:
        remote.share_file(api, form["formId"], email)
    return CreatedForm(form["formId"], str(form.get("responderUri", "")), len(form.get("items", [])))
