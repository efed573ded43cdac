"""Forms API v1 as the stand-in answers it (shapes from forms.v1.json)."""

from __future__ import annotations

import base64

from .state import ApiError, FormRecord, State, now_rfc3339

MAX_PAGE = 5000


def _record(state: State, form_id: str, email: str) -> FormRecord:
    record = state.forms.get(form_id)
    if record is None:
        raise ApiError(404, "Requested entity was not found.")
    if email not in record.shared_with:
        raise ApiError(403, "The caller does not have permission", "forbidden")
    return record


def _token(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def _offset(token: str) -> int:
    try:
        return int(base64.urlsafe_b64decode(token.encode()).decode().split(":")[1])
    except (ValueError, IndexError) as exc:
        raise ApiError(400, "Invalid page token.") from exc


def get(state: State, req) -> dict:
    return _record(state, req.params["formId"], req.email).form


def list_responses(state: State, req) -> dict:
    record = _record(state, req.params["formId"], req.email)
    size = int(req.arg("pageSize") or MAX_PAGE)
    if not 0 < size <= MAX_PAGE:
        size = MAX_PAGE
    start = _offset(req.arg("pageToken")) if req.arg("pageToken") else 0
    page = record.responses[start : start + size]
    body: dict = {}
    if page:
        body["responses"] = [{k: v for k, v in r.items() if k != "formId"} for r in page]
    if start + size < len(record.responses):
        body["nextPageToken"] = _token(start + size)
    return body


def create(state: State, req) -> dict:
    info = dict(req.json.get("info", {}))
    if set(req.json) - {"info"} or set(info) - {"title", "documentTitle"}:
        raise ApiError(400, "Only info.title and info.documentTitle can be set when creating a form.")
    form_id = state.new_id("form")
    info.setdefault("documentTitle", info.get("title", "Untitled form"))
    form = {
        "formId": form_id,
        "info": info,
        "revisionId": "00000001",
        "responderUri": f"https://docs.google.com/forms/d/e/{form_id}/viewform",
        "publishSettings": {"publishState": {"isPublished": False, "isAcceptingResponses": False}},
    }
    state.forms[form_id] = FormRecord(form, shared_with={req.email})
    return form


def _bump(form: dict) -> None:
    form["revisionId"] = f"{int(form['revisionId']) + 1:08d}"


def batch_update(state: State, req) -> dict:
    record = _record(state, req.params["formId"], req.email)
    form = record.form
    replies = []
    for request in req.json.get("requests", []):
        if "createItem" in request:
            item = dict(request["createItem"]["item"])
            item["itemId"] = state.new_id("item")[:8]
            reply: dict = {"itemId": item["itemId"]}
            if "questionItem" in item:
                question = dict(item["questionItem"]["question"])
                if "choiceQuestion" in question and not question["choiceQuestion"].get("options"):
                    raise ApiError(400, "A choice question needs at least one option.")
                question["questionId"] = state.new_id("q")[:8]
                item["questionItem"] = {**item["questionItem"], "question": question}
                reply["questionId"] = [question["questionId"]]
            items = form.setdefault("items", [])
            index = request["createItem"].get("location", {}).get("index", len(items))
            items.insert(index, item)
            replies.append({"createItem": reply})
        elif "updateFormInfo" in request:
            update = request["updateFormInfo"]
            for name in str(update.get("updateMask", "")).split(","):
                name = name.strip()
                if name:
                    form["info"][name] = update.get("info", {}).get(name, "")
            replies.append({})
        else:
            raise ApiError(400, f"The stand-in does not support {sorted(request)}.")
        _bump(form)
    return {"replies": replies, "writeControl": {"requiredRevisionId": form["revisionId"]}}


def set_publish_settings(state: State, req) -> dict:
    record = _record(state, req.params["formId"], req.email)
    settings = req.json.get("publishSettings", {})
    record.form["publishSettings"] = settings
    record.published = bool(settings.get("publishState", {}).get("isPublished"))
    return {"formId": record.form["formId"], "publishSettings": settings}


def submit(
    state: State, form_id: str, answers_by_title: dict[str, str], response_id: str = "", when: str = ""
) -> dict:
    """A respondent fills the form: answers keyed by question title (test helper)."""
    record = state.forms[form_id]
    answers = {}
    for item in record.form.get("items", []):
        question = item.get("questionItem", {}).get("question")
        if question and item["title"] in answers_by_title:
            qid = question["questionId"]
            answers[qid] = {
                "questionId": qid,
                "textAnswers": {"answers": [{"value": answers_by_title[item["title"]]}]},
            }
    moment = when or now_rfc3339()
    response = {
        "formId": form_id,
        "responseId": response_id or state.new_id("ACYDBN"),
        "createTime": moment,
        "lastSubmittedTime": moment,
        "answers": answers,
    }
    record.responses.append(response)
    return response


def add_form(state: State, title: str, questions: list[tuple[str, list[str] | None]], shared_with=()) -> str:
    """A form someone built by hand (test helper): (title, choices or None for text) per question."""
    form_id = state.new_id("form")
    items = []
    for index, (question_title, choices) in enumerate(questions):
        question: dict = {"questionId": f"{index + 1:08x}", "required": True}
        if choices:
            question["choiceQuestion"] = {"type": "RADIO", "options": [{"value": c} for c in choices]}
        else:
            question["textQuestion"] = {"paragraph": False}
        items.append(
            {"itemId": f"{index + 100:08x}", "title": question_title, "questionItem": {"question": question}}
        )
    form = {
        "formId": form_id,
        "info": {"title": title, "documentTitle": title},
        "items": items,
        "revisionId": "00000010",
        "responderUri": f"https://docs.google.com/forms/d/e/{form_id}/viewform",
    }
    state.forms[form_id] = FormRecord(form, shared_with=set(shared_with), published=True)
    return form_id
