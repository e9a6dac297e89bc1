//! Each `check` rule's problem is data with its path and what it found (question id, code,
//! limit), and English words it as `check` prints it today. Each case breaks the built-in
//! questionnaire in one place.

use serde_json::{Value, json};
use skin_intake::load::questionnaire::{Location, Problem, ProblemKind, load};
use skin_intake::load::validate::{Field, Invalid};
use skin_intake::model::questionnaire::{BUILT_IN, ItemKind, Level};
use skin_intake::words::{Words, en::English};

const FILE: &str = "q.json";

/// The built-in questionnaire with the value at each JSON pointer replaced (`Value::Null`
/// removes it from its array or object).
fn broken(changes: &[(&str, Value)]) -> String {
    let mut q: Value = serde_json::from_str(BUILT_IN).expect("the built-in questionnaire is JSON");
    for (pointer, value) in changes {
        let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
        let parent = q.pointer_mut(parent).expect("the parent exists");
        match (parent, value) {
            (Value::Array(list), Value::Null) => {
                list.remove(key.parse().expect("an index"));
            }
            (Value::Array(list), _) if key == "-" => list.push(value.clone()),
            (Value::Array(list), _) => {
                list[key.parse::<usize>().expect("an index")] = value.clone();
            }
            (Value::Object(map), Value::Null) => {
                map.remove(key);
            }
            (Value::Object(map), _) => {
                map.insert(key.to_owned(), value.clone());
            }
            _ => panic!("{pointer} is not in an array or object"),
        }
    }
    serde_json::to_string_pretty(&q).expect("serialise")
}

fn problems(text: &str) -> Vec<Problem> {
    load(FILE, text).expect_err("a broken questionnaire").0
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|&s| s.to_owned()).collect()
}

/// The first problem found is `invalid` at `path`, and English writes it as `message`.
fn first_is(changes: &[(&str, Value)], path: &str, invalid: Invalid, message: &str) {
    let found = problems(&broken(changes));
    let want = Problem {
        file: FILE.into(),
        location: Location::Path(path.into()),
        kind: ProblemKind::Meaning(invalid),
    };
    assert_eq!(found.first(), Some(&want), "{found:#?}");
    let line = if path.is_empty() {
        format!("{FILE}: {message}")
    } else {
        format!("{FILE}: {path}: {message}")
    };
    assert_eq!(English.questionnaire_problem(&found[0]), line);
}

fn when(rule: usize, condition: Value) -> (String, Value) {
    (format!("/rules/screening/{rule}/when"), condition)
}

// ── Parsing ─────────────────────────────────────────────────────────────────────────────────

#[test]
fn a_syntax_problem_has_line_and_column_and_the_parser_s_words() {
    let found = problems("{\n  \"id\": \"x\",,\n}");
    assert_eq!(
        found,
        [Problem {
            file: FILE.into(),
            location: Location::Position {
                line: 2,
                column: 13
            },
            kind: ProblemKind::Syntax("key must be a string".into()),
        }]
    );
    assert_eq!(
        English.questionnaire_problem(&found[0]),
        "q.json:2:13: JSON syntax: key must be a string"
    );
}

#[test]
fn a_structure_problem_has_its_path_and_the_parser_s_words() {
    let found = problems(&broken(&[("/sections/0/items/0/hint", json!("x"))]));
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].location,
        Location::Path("sections[0].items[0].hint".into())
    );
    let ProblemKind::Structure(message) = &found[0].kind else {
        panic!("{found:#?}");
    };
    assert!(message.starts_with("unknown field `hint`"), "{message}");
    assert_eq!(
        English.questionnaire_problem(&found[0]),
        format!("q.json: sections[0].items[0].hint: {message}")
    );
}

// ── The whole file, ids and texts ───────────────────────────────────────────────────────────

#[test]
fn a_url_that_cannot_be_a_canonical_url() {
    for url in [
        "fhir.example.com/Questionnaire/intake",
        "https://example.com/Questionnaire/intake|1.0",
        "https://example.com/Questionnaire/intake#x",
        "https://example.com/my questionnaire",
        "1http://example.com",
        "https:",
    ] {
        first_is(
            &[("/url", json!(url))],
            "url",
            Invalid::BadUrl { url: url.into() },
            &format!(
                "url '{url}' is not a canonical URL: write an absolute URL such as \
                 https://fhir.example-clinic.com/Questionnaire/intake, without spaces, '|' or '#'"
            ),
        );
    }
    for url in [
        "https://example.com/Questionnaire/intake",
        "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427",
    ] {
        let text = broken(&[("/url", json!(url))]);
        assert!(load(FILE, &text).is_ok(), "{url} is a canonical URL");
    }
}

#[test]
fn blank_ids_codes_and_version() {
    let cases = [
        ("/id", "id", Field::QuestionnaireId, "the questionnaire id"),
        (
            "/version",
            "version",
            Field::QuestionnaireVersion,
            "the questionnaire version",
        ),
        (
            "/sections/0/id",
            "sections[0].id",
            Field::SectionId,
            "the section id",
        ),
        (
            "/sections/4/items/3/id",
            "sections[4].items[3].id",
            Field::QuestionId,
            "the question id",
        ),
        (
            "/sections/2/items/0/options/0/code",
            "sections[2].items[0].options[0].code",
            Field::OptionCode,
            "the option code",
        ),
        (
            "/rules/screening/0/id",
            "rules.screening[0].id",
            Field::RuleId,
            "the rule id",
        ),
    ];
    for (pointer, path, field, what) in cases {
        first_is(
            &[(pointer, json!(" "))],
            path,
            Invalid::Empty { field },
            &format!("{what} is empty; give it a value"),
        );
    }
}

#[test]
fn a_duplicate_names_the_id_and_where_it_was_first_used() {
    first_is(
        &[("/sections/1/id", json!("about_you"))],
        "sections[1].id",
        Invalid::Duplicate {
            field: Field::SectionId,
            id: "about_you".into(),
            first: "sections[0]".into(),
        },
        "section id 'about_you' is used already by sections[0]; give this section another id",
    );
    first_is(
        &[("/sections/2/items/0/options/1/code", json!("I"))],
        "sections[2].items[0].options[1].code",
        Invalid::Duplicate {
            field: Field::OptionCode,
            id: "I".into(),
            first: "sections[2].items[0].options[0]".into(),
        },
        "option code 'I' is used already by sections[2].items[0].options[0]; give this option \
         another code",
    );
}

#[test]
fn english_is_required() {
    first_is(
        &[("/languages", json!(["es"]))],
        "languages",
        Invalid::NoEnglishLanguage,
        "languages must include \"en\": English is the fallback for every text; add it to the list",
    );
    first_is(
        &[("/title", json!({"es": "Consulta"}))],
        "title",
        Invalid::NoEnglishText,
        "no English text; write it as a string or include \"en\": \"...\"",
    );
}

#[test]
fn sections_and_their_questions() {
    first_is(
        &[("/sections", json!([]))],
        "",
        Invalid::NoSections,
        "the questionnaire has no sections; add at least one section with questions",
    );
    first_is(
        &[("/sections/4/items", json!([]))],
        "sections[4].items",
        Invalid::EmptySection {
            section: "treatments_and_wishes".into(),
        },
        "section 'treatments_and_wishes' has no questions; add at least one or remove the section",
    );
}

// ── Question settings ───────────────────────────────────────────────────────────────────────

#[test]
fn options_and_settings_that_do_not_fit_the_question() {
    first_is(
        &[(
            "/sections/0/items/2/options",
            json!([{"code": "no", "label": "No"}]),
        )],
        "sections[0].items[2].options",
        Invalid::TooFewOptions {
            question: "pregnant_or_breastfeeding".into(),
            kind: ItemKind::Single,
            least: 2,
        },
        "question 'pregnant_or_breastfeeding' is \"single\" and needs at least 2 options; add \
         options or make it \"boolean\"",
    );
    first_is(
        &[(
            "/sections/1/items/5/options",
            json!([{"code": "a", "label": "A"}, {"code": "b", "label": "B"}]),
        )],
        "sections[1].items[5].options",
        Invalid::OptionsNotAllowed {
            question: "scar_date".into(),
            kind: ItemKind::Date,
        },
        "question 'scar_date' is \"date\" and cannot have options; remove them or make it \
         \"single\" or \"multi\"",
    );
    first_is(
        &[("/sections/0/items/2/options/0/exclusive", json!(true))],
        "sections[0].items[2].options[0].exclusive",
        Invalid::ExclusiveNotMulti {
            question: "pregnant_or_breastfeeding".into(),
            kind: ItemKind::Single,
        },
        "\"exclusive\" only applies to options of a \"multi\" question, and \
         'pregnant_or_breastfeeding' is \"single\"; remove it",
    );
    first_is(
        &[("/sections/0/items/0/max_length", json!(0))],
        "sections[0].items[0].max_length",
        Invalid::ZeroMaxLength {
            question: "full_name".into(),
        },
        "max_length of question 'full_name' is 0, which accepts no answer; use a number above 0 \
         or remove it",
    );
    first_is(
        &[("/sections/0/items/0/max_months_ago", json!(6))],
        "sections[0].items[0].max_months_ago",
        Invalid::SettingNotFor {
            setting: "max_months_ago",
            applies_to: ItemKind::Date,
            question: "full_name".into(),
            kind: ItemKind::Text,
        },
        "\"max_months_ago\" only applies to \"date\" questions, and 'full_name' is \"text\"; \
         remove it",
    );
}

// ── Conditions ──────────────────────────────────────────────────────────────────────────────

#[test]
fn show_if_reads_only_earlier_questions() {
    let show_if = "/sections/1/items/2/show_if";
    first_is(
        &[(show_if, json!({"answered": "acne_scar_severity"}))],
        "sections[1].items[2].show_if.answered",
        Invalid::ShowIfItself {
            question: "acne_scar_severity".into(),
        },
        "show_if refers to question 'acne_scar_severity' itself; a question can only depend on \
         earlier ones",
    );
    first_is(
        &[(show_if, json!({"not": {"answered": "skin_type"}}))],
        "sections[1].items[2].show_if.not.answered",
        Invalid::ShowIfLater {
            question: "skin_type".into(),
        },
        "show_if refers to question 'skin_type', which comes later; a question can only depend \
         on earlier ones",
    );
}

#[test]
fn a_question_that_does_not_exist_is_named_with_what_names_it() {
    let (pointer, condition) = when(0, json!({"answered": "nobody"}));
    first_is(
        &[(&pointer, condition)],
        "rules.screening[0].when.answered",
        Invalid::UnknownQuestion {
            by: "answered",
            question: "nobody".into(),
        },
        "answered refers to question 'nobody', which does not exist; check the spelling or add \
         the question",
    );
    first_is(
        &[("/patient/name", json!("nobody"))],
        "patient.name",
        Invalid::UnknownQuestion {
            by: "patient.name",
            question: "nobody".into(),
        },
        "patient.name refers to question 'nobody', which does not exist; check the spelling or \
         add the question",
    );
}

#[test]
fn conditions_that_cannot_hold_or_compare_the_wrong_type() {
    let cases: Vec<(Value, &str, Invalid, &str)> = vec![
        (
            json!({"one_of": {"question": "skin_type", "values": []}}),
            "one_of",
            Invalid::EmptyOneOf,
            "one_of has no values, so it never holds; list at least one",
        ),
        (
            json!({"any": []}),
            "any",
            Invalid::EmptyList { keyword: "any" },
            "any has an empty list; add conditions to it or remove it",
        ),
        (
            json!({"includes": {"question": "skin_type", "value": "I"}}),
            "includes",
            Invalid::IncludesNotMulti {
                question: "skin_type".into(),
                kind: ItemKind::Single,
            },
            "includes needs a \"multi\" question, and 'skin_type' is \"single\"; use equals or \
             one_of instead",
        ),
        (
            json!({"equals": {"question": "concerns", "value": "glow"}}),
            "equals",
            Invalid::ComparesMulti {
                keyword: "equals",
                question: "concerns".into(),
            },
            "equals cannot test \"multi\" question 'concerns'; use includes instead",
        ),
        (
            json!({"one_of": {"question": "full_name", "values": ["Ada"]}}),
            "one_of",
            Invalid::NotComparable {
                keyword: "one_of",
                question: "full_name".into(),
                kind: ItemKind::Text,
            },
            "one_of needs a \"single\" or \"boolean\" question, and 'full_name' is \"text\"",
        ),
        (
            json!({"equals": {"question": "diabetes", "value": true}}),
            "equals",
            Invalid::SingleComparedWithBool {
                question: "diabetes".into(),
                value: true,
                options: strings(&["controlled", "uncontrolled", "no"]),
            },
            "question 'diabetes' is \"single\"; compare it with one of its option codes \
             (controlled, uncontrolled, no), not true",
        ),
        (
            json!({"equals": {"question": "active_acne", "value": "yes"}}),
            "equals",
            Invalid::BooleanComparedWithCode {
                question: "active_acne".into(),
                code: "yes".into(),
            },
            "question 'active_acne' is \"boolean\"; compare it with true or false, not \"yes\"",
        ),
        (
            json!({"one_of": {"question": "diabetes", "values": ["no", "type_2"]}}),
            "one_of",
            Invalid::UnknownCode {
                code: "type_2".into(),
                question: "diabetes".into(),
                options: strings(&["controlled", "uncontrolled", "no"]),
            },
            "'type_2' is not an option code of question 'diabetes'; use one of: controlled, \
             uncontrolled, no",
        ),
        (
            json!({"within_months": {"question": "recent_sun", "months": 6}}),
            "within_months",
            Invalid::NeedsDate {
                keyword: "within_months",
                question: "recent_sun".into(),
                kind: ItemKind::Boolean,
            },
            "within_months needs a \"date\" question, and 'recent_sun' is \"boolean\"",
        ),
    ];
    for (condition, keyword, invalid, message) in cases {
        let (pointer, condition) = when(0, condition);
        first_is(
            &[(&pointer, condition)],
            &format!("rules.screening[0].when.{keyword}"),
            invalid,
            message,
        );
    }
}

// ── Rules, ranges and plans ─────────────────────────────────────────────────────────────────

#[test]
fn reassess_fits_only_a_delay_and_a_date() {
    first_is(
        &[(
            "/rules/screening/2/reassess",
            json!({"days_after_reference": 14}),
        )],
        "rules.screening[2].reassess",
        Invalid::ReassessNotDelay {
            rule: "pregnancy_unsure".into(),
            level: Level::PhysicianReview,
        },
        "rule 'pregnancy_unsure' has level \"physician_review\", but reassess only applies to \
         \"delay\" rules; remove it or change the level",
    );
    first_is(
        &[(
            "/rules/screening/26/reassess",
            json!({"months_after_answer": {"question": "isotretinoin", "months": 6}}),
        )],
        "rules.screening[26].reassess.months_after_answer",
        Invalid::NeedsDate {
            keyword: "months_after_answer",
            question: "isotretinoin".into(),
            kind: ItemKind::Single,
        },
        "months_after_answer needs a \"date\" question, and 'isotretinoin' is \"single\"",
    );
}

#[test]
fn changed_in_is_a_version_no_later_than_the_questionnaires() {
    first_is(
        &[("/sections/0/items/0/changed_in", json!("spring"))],
        "sections[0].items[0].changed_in",
        Invalid::ChangedInNotVersion {
            question: "full_name".into(),
            changed_in: "spring".into(),
        },
        "question 'full_name' has changed_in \"spring\", which is not a version number; write \
         the version whose wording changed the question, such as \"2.1.0\"",
    );
    first_is(
        &[("/sections/0/items/0/changed_in", json!("2.2"))],
        "sections[0].items[0].changed_in",
        Invalid::ChangedInLater {
            question: "full_name".into(),
            changed_in: "2.2".into(),
            version: "2.1.1".into(),
        },
        "question 'full_name' has changed_in \"2.2\", but the questionnaire's version is \
         \"2.1.1\"; changed_in must be a version number no later than the questionnaire's own, \
         or every saved answer to it would be asked again",
    );
    // The questionnaire's own version, or an earlier one, is fine.
    for fine in ["2.1.1", "2.1.0", "2.1", "1.0.0"] {
        let text = broken(&[("/sections/0/items/0/changed_in", json!(fine))]);
        assert!(load(FILE, &text).is_ok(), "{fine}");
    }
}

#[test]
fn ranges_carry_their_bounds_and_limit() {
    first_is(
        &[("/rules/interval_weeks", json!({"min": 4, "max": 60}))],
        "rules.interval_weeks",
        Invalid::Implausible { max: 60, most: 52 },
        "max 60 is not plausible here; use at most 52",
    );
    first_is(
        &[("/rules/plans/0/sessions", json!({"min": 3, "max": 2}))],
        "rules.plans[0].sessions",
        Invalid::InvertedRange { min: 3, max: 2 },
        "inverted range: min 3 is greater than max 2; swap them",
    );
    first_is(
        &[("/rules/plans/0/sessions", json!({"min": 0, "max": 2}))],
        "rules.plans[0].sessions",
        Invalid::ZeroMin,
        "min is 0; it must be at least 1",
    );
    first_is(
        &[(
            "/rules/plans/0/maintenance_months",
            json!({"min": 6, "max": 121}),
        )],
        "rules.plans[0].maintenance_months",
        Invalid::Implausible {
            max: 121,
            most: 120,
        },
        "max 121 is not plausible here; use at most 120",
    );
}

#[test]
fn plans_cover_each_concern_once_with_a_fallback() {
    let concerns = strings(&[
        "glow",
        "fine_lines",
        "deep_wrinkles",
        "firmness",
        "texture",
        "pores",
        "acne_scars",
        "other_scars",
        "stretch_marks",
        "cellulite",
    ]);
    first_is(
        &[("/rules/plans/0/concern", json!("freckles"))],
        "rules.plans[0].concern",
        Invalid::UnknownConcern {
            concern: "freckles".into(),
            question: "concerns".into(),
            options: concerns,
        },
        "'freckles' is not an option code of the concerns question 'concerns'; use one of: glow, \
         fine_lines, deep_wrinkles, firmness, texture, pores, acne_scars, other_scars, \
         stretch_marks, cellulite",
    );
    first_is(
        &[(
            "/rules/plans/-",
            json!({"concern": "glow", "sessions": {"min": 1, "max": 2}}),
        )],
        "rules.plans[15]",
        Invalid::UnreachablePlan {
            concern: "glow".into(),
            fallback: 0,
        },
        "this row for concern 'glow' comes after rules.plans[0], which has no `when`, so it can \
         never match; move it before that row or remove it",
    );
    first_is(
        &[("/rules/plans/0", Value::Null)],
        "rules.plans",
        Invalid::NoFallbackPlan {
            concern: "glow".into(),
        },
        "concern 'glow' has no plan row without `when`; add one as its fallback, after any \
         conditional rows",
    );
}

#[test]
fn settings_that_name_a_question_of_the_wrong_type() {
    first_is(
        &[("/rules/concerns_question", json!("skin_type"))],
        "rules.concerns_question",
        Invalid::WrongQuestionType {
            setting: "concerns_question",
            wanted: ItemKind::Multi,
            question: "skin_type".into(),
            kind: ItemKind::Single,
        },
        "concerns_question must name a \"multi\" question, and 'skin_type' is \"single\"",
    );
    first_is(
        &[("/patient/date_of_birth", json!("full_name"))],
        "patient.date_of_birth",
        Invalid::WrongQuestionType {
            setting: "patient.date_of_birth",
            wanted: ItemKind::Date,
            question: "full_name".into(),
            kind: ItemKind::Text,
        },
        "patient.date_of_birth must name a \"date\" question, and 'full_name' is \"text\"",
    );
}

#[test]
fn date_settings_waits_and_birthdays_need_a_date_question() {
    first_is(
        &[("/sections/0/items/0/approximate", json!(true))],
        "sections[0].items[0].approximate",
        Invalid::SettingNotFor {
            setting: "approximate",
            applies_to: ItemKind::Date,
            question: "full_name".into(),
            kind: ItemKind::Text,
        },
        "\"approximate\" only applies to \"date\" questions, and 'full_name' is \"text\"; \
         remove it",
    );
    let (pointer, condition) = when(
        0,
        json!({"within_days": {"question": "recent_sun", "days": 14}}),
    );
    first_is(
        &[(&pointer, condition)],
        "rules.screening[0].when.within_days",
        Invalid::NeedsDate {
            keyword: "within_days",
            question: "recent_sun".into(),
            kind: ItemKind::Boolean,
        },
        "within_days needs a \"date\" question, and 'recent_sun' is \"boolean\"",
    );
    for (reassess, keyword) in [
        (
            json!({"birthday": {"question": "full_name", "years": 18}}),
            "birthday",
        ),
        (
            json!({"days_after_answer": {"question": "full_name", "days": 14}}),
            "days_after_answer",
        ),
    ] {
        first_is(
            &[("/rules/screening/0/reassess", reassess)],
            &format!("rules.screening[0].reassess.{keyword}"),
            Invalid::NeedsDate {
                keyword,
                question: "full_name".into(),
                kind: ItemKind::Text,
            },
            &format!("{keyword} needs a \"date\" question, and 'full_name' is \"text\""),
        );
    }
}

#[test]
fn a_constraint_reads_only_its_question_and_earlier_ones_and_has_its_own_id() {
    first_is(
        &[("/constraints/0/question", json!("concerns"))],
        "constraints[0].require.any[1].includes",
        Invalid::ConstraintReadsLater {
            question: "areas".into(),
            of: "concerns".into(),
        },
        "the constraint reads question 'areas', which comes after its question 'concerns'; a \
         constraint is checked when its question is answered, so it can only read that question \
         and earlier ones: make 'areas' the constraint's question, or move it earlier",
    );
    let q: Value = serde_json::from_str(BUILT_IN).expect("JSON");
    first_is(
        &[("/constraints/-", q["constraints"][0].clone())],
        "constraints[1].id",
        Invalid::Duplicate {
            field: Field::ConstraintId,
            id: "cellulite_needs_body_area".into(),
            first: "constraints[0]".into(),
        },
        "constraint id 'cellulite_needs_body_area' is used already by constraints[0]; give this \
         constraint another id",
    );
    first_is(
        &[("/constraints/0/question", json!("favourite_colour"))],
        "constraints[0].question",
        Invalid::UnknownQuestion {
            by: "the constraint",
            question: "favourite_colour".into(),
        },
        "the constraint refers to question 'favourite_colour', which does not exist; check the \
         spelling or add the question",
    );
}
