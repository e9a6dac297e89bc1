"""Validates skin-intake's FHIR exports with fhir.resources (FHIR R4, 4.0.1), an implementation
nobody on this project wrote, and checks what it does not: unique linkIds in the Questionnaire, no
response item with both answers and items, and every response linkId declared by the Questionnaire
with a value of its type (several answers, or the same item twice, only where it repeats).

Usage: validate.py QUESTIONNAIRE.json RESPONSE.json...   Exit 0 when all is well, 1 otherwise, with
one line per problem on stdout."""

import json
import sys

from fhir.resources.questionnaire import Questionnaire
from fhir.resources.questionnaireresponse import QuestionnaireResponse

VALUE_OF_TYPE = {
    "string": "valueString",
    "text": "valueString",
    "date": "valueDate",
    "dateTime": "valueDateTime",
    "boolean": "valueBoolean",
    "integer": "valueInteger",
    "choice": "valueCoding",
}


def declared(items, out, problems):
    """linkId -> (type, repeats), reporting a linkId declared twice."""
    for item in items or []:
        link_id = item["linkId"]
        if link_id in out:
            problems.append(f"Questionnaire: linkId {link_id!r} is declared twice")
        out[link_id] = (item["type"], bool(item.get("repeats")))
        declared(item.get("item"), out, problems)
    return out


def answered(items, declarations, where, problems):
    seen = set()
    for item in items or []:
        link_id = item["linkId"]
        here = f"{where}: item {link_id!r}"
        if link_id not in declarations:
            problems.append(f"{here} is not declared by the Questionnaire")
            continue
        kind, repeats = declarations[link_id]
        if link_id in seen and not repeats:
            problems.append(f"{here} appears twice but does not repeat")
        seen.add(link_id)
        if "answer" in item and "item" in item:
            problems.append(f"{here} has both answers and items")
        answers = item.get("answer", [])
        if len(answers) > 1 and not repeats:
            problems.append(f"{here} has {len(answers)} answers but does not repeat")
        if kind == "group" and answers:
            problems.append(f"{here} is a group with answers")
        if kind == "display":
            problems.append(f"{here} answers a display item")
        want = VALUE_OF_TYPE.get(kind)
        for answer in answers:
            keys = [k for k in answer if k.startswith("value")]
            if keys != [want]:
                problems.append(f"{here} is answered with {keys}, but it is declared {kind!r}")
        answered(item.get("item"), declarations, where, problems)


def main(paths):
    problems = []
    documents = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            documents.append((path, json.load(f)))
    (q_path, questionnaire), responses = documents[0], documents[1:]
    try:
        Questionnaire.parse_obj(questionnaire)
    except Exception as e:  # fhir.resources reports every problem in one error
        problems.append(f"{q_path}: not a valid FHIR R4 Questionnaire: {e}")
    declarations = declared(questionnaire.get("item"), {}, problems)
    canonical = f"{questionnaire.get('url')}|{questionnaire.get('version')}"
    for path, response in responses:
        try:
            QuestionnaireResponse.parse_obj(response)
        except Exception as e:
            problems.append(f"{path}: not a valid FHIR R4 QuestionnaireResponse: {e}")
        if response.get("questionnaire") != canonical:
            problems.append(f"{path}: answers {response.get('questionnaire')!r}, not {canonical!r}")
        answered(response.get("item"), declarations, path, problems)
    for problem in problems:
        print(problem)
    print(f"checked 1 Questionnaire and {len(responses)} QuestionnaireResponses: "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
