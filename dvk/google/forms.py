"""Forms API answers (a form and its responses) as a sheet of values, laid out like a Forms export.

The header row is ["Dấu thời gian", "Response ID", <question titles>]; the header synonyms in
mappings/ map the question titles to the official columns, "Response ID" becomes the
registration id and the RFC 3339 "lastSubmittedTime" the submission time, so an edited
response replaces the earlier one.
"""

from __future__ import annotations

from dataclasses import dataclass

from dvk.sources.model import Grid, Sheet

TIMESTAMP_HEADER = "Dấu thời gian"
RESPONSE_ID_HEADER = "Response ID"
EMAIL_HEADER = "Địa chỉ email"


@dataclass(frozen=True)
class Question:
    question_id: str
    title: str


def questions(form: dict) -> list[Question]:
    """The form's questions in order; a grid question gives one column per row ("Title [Row]")."""
    found = []
    for item in form.get("items", []):
        title = str(item.get("title", "")).strip()
        if "questionItem" in item:
            question = item["questionItem"].get("question", {})
            found.append(Question(str(question.get("questionId", "")), title))
        elif "questionGroupItem" in item:
            for question in item["questionGroupItem"].get("questions", []):
                row = question.get("rowQuestion", {}).get("title", "")
                found.append(Question(str(question.get("questionId", "")), f"{title} [{row}]"))
    return found


def _answer_text(answer: dict) -> str:
    if "textAnswers" in answer:
        return ", ".join(str(a.get("value", "")) for a in answer["textAnswers"].get("answers", []))
    if "fileUploadAnswers" in answer:
        return ", ".join(str(a.get("fileName", "")) for a in answer["fileUploadAnswers"].get("answers", []))
    return ""


def response_grid(form: dict, responses: list[dict]) -> Grid:
    asked = questions(form)
    with_email = any(response.get("respondentEmail") for response in responses)
    header: list[object] = [TIMESTAMP_HEADER, RESPONSE_ID_HEADER]
    header += [EMAIL_HEADER] if with_email else []
    header += [question.title for question in asked]
    grid: Grid = [header]
    for response in responses:
        answers = response.get("answers", {})
        row: list[object] = [
            response.get("lastSubmittedTime") or response.get("createTime", ""),
            response.get("responseId", ""),
        ]
        row += [response.get("respondentEmail", "")] if with_email else []
        row += [_answer_text(answers[q.question_id]) if q.question_id in answers else "" for q in asked]
        grid.append(row)
    return grid


def form_title(form: dict) -> str:
    info = form.get("info", {})
    return str(info.get("title") or info.get("documentTitle") or form.get("formId", ""))


def form_sheet(form: dict, responses: list[dict]) -> Sheet:
    return Sheet(source=f"Google Forms › {form_title(form)}", grid=response_grid(form, responses))
