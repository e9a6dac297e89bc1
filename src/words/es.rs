//! Spanish (español): problems and answers here, the screens and the printed record in
//! [`screens`]. Patients are addressed as *usted*; clinical terms are those Spanish-speaking
//! clinics use.

mod screens;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::phrases::{DateForm, Hint, Label, ModeForm, MomentForm, Say};
use super::{Delivery, Words, count};
use crate::dates::DateProblem;
use crate::engine::checks::Fault;
use crate::engine::display::Shown;
use crate::engine::summary::{Decision, Mode};
use crate::load::answers::{AnswersProblem, JsonType, ValueProblem};
use crate::load::json::JsonError;
use crate::load::questionnaire::{Location, Problem, ProblemKind};
use crate::load::summary::SummaryProblem;
use crate::load::validate::{Field, Invalid};
use crate::model::questionnaire::ItemKind;
use crate::model::questionnaire::Level;
use crate::model::text::DEFAULT_LANGUAGE;

mod clinic;
mod paper;
mod plain;
mod report;

pub const LANGUAGE: &str = "es";

pub struct Spanish;

impl Words for Spanish {
    fn date_problem(&self, problem: &DateProblem) -> String {
        match problem {
            DateProblem::NotIso {
                given,
                month_allowed: false,
            } => format!(
                "'{given}' no es una fecha real escrita como AAAA-MM-DD (por ejemplo 1980-05-31)"
            ),
            DateProblem::NotIso {
                given,
                month_allowed: true,
            } => format!(
                "'{given}' no es una fecha real escrita como AAAA-MM-DD (por ejemplo 1980-05-31), \
                 ni un mes escrito como AAAA-MM (por ejemplo 2026-08)"
            ),
            DateProblem::NotTyped {
                given,
                month_allowed: false,
            } => format!(
                "No podemos leer '{given}' como fecha. Escríbala como DD/MM/AAAA, por ejemplo \
                 31/05/1980."
            ),
            DateProblem::NotTyped {
                given,
                month_allowed: true,
            } => format!(
                "No podemos leer '{given}' como fecha. Escríbala como DD/MM/AAAA, por ejemplo \
                 15/08/2026, o solo el mes y el año si no sabe el día, por ejemplo 08/2026 o \
                 agosto 2026."
            ),
            DateProblem::TooLate { date } => format!(
                "'{date}' está demasiado lejos en el futuro; se aceptan fechas hasta {}",
                crate::dates::LATEST
            ),
        }
    }

    fn fault(&self, fault: &Fault) -> String {
        match fault {
            Fault::Missing {
                kind: ItemKind::Multi,
            } => "Elija al menos una opción.".into(),
            Fault::Missing {
                kind: ItemKind::Single | ItemKind::Boolean,
            } => "Elija una respuesta.".into(),
            Fault::Missing {
                kind: ItemKind::Text | ItemKind::Date,
            } => "Complete este campo.".into(),
            Fault::TooLong { max, length } => {
                format!(
                    "Escriba como máximo {} (tiene {length}).",
                    count(max, " ", "carácter", "caracteres")
                )
            }
            Fault::InvisibleCharacters => {
                "Contiene caracteres de control o de formato invisibles; escríbalo de nuevo.".into()
            }
            Fault::InFuture => "Esta fecha está en el futuro. Compruébela.".into(),
            Fault::MonthInFuture => "Este mes está en el futuro. Compruébelo.".into(),
            Fault::TooLongAgo { months } => format!(
                "Esta fecha es de hace más de {}. Compruébela, o vuelva atrás y cambie su \
                 respuesta anterior.",
                count(months, " ", "mes", "meses")
            ),
            Fault::TooOld { age, .. } => {
                format!(
                    "Eso significaría que tiene {}. Compruebe el año.",
                    count(age, " ", "año", "años")
                )
            }
            Fault::ChosenTwice { code } => format!("La opción '{code}' está elegida dos veces."),
            Fault::NotCombinable { label, .. } => format!(
                "'{}' no se puede combinar con otras opciones.",
                label.get(LANGUAGE)
            ),
            Fault::Constraint { message, .. } => message.get(LANGUAGE).to_owned(),
        }
    }

    fn answers_problem(&self, problem: &AnswersProblem) -> String {
        let message = match problem {
            AnswersProblem::Empty => {
                r#"el archivo está vacío; debe contener {"answers": {...}}"#.into()
            }
            AnswersProblem::Syntax {
                line,
                column,
                message,
            } => format!("línea {line}, columna {column}: no es JSON válido: {message}"),
            AnswersProblem::DuplicateKey { line, column, key } => format!(
                "línea {line}, columna {column}: la clave \"{key}\" aparece dos veces en un \
                 objeto; deje solo una"
            ),
            AnswersProblem::NotAnObject => {
                r#"se esperaba un objeto como {"answers": {"full_name": "Ada Lovelace"}}"#.into()
            }
            AnswersProblem::UnknownField { field } => {
                format!(r#"campo desconocido '{field}': el archivo contiene solo "answers""#)
            }
            AnswersProblem::AnswersNotAnObject { found } => format!(
                r#""answers" debe ser un objeto de id de pregunta a respuesta, no {}"#,
                json_type(*found)
            ),
            AnswersProblem::NoAnswers => {
                r#"falta "answers": un objeto de id de pregunta a respuesta"#.into()
            }
            AnswersProblem::UnknownQuestion { .. } => {
                "no existe esa pregunta en este cuestionario".into()
            }
            AnswersProblem::Value { question, problem } => self.value_problem(question, problem),
            AnswersProblem::Answer(problem) => self.fault(&problem.fault),
        };
        match problem.question() {
            Some(question) => format!("pregunta '{question}': {message}"),
            None => message,
        }
    }

    fn questionnaire_problem(&self, problem: &Problem) -> String {
        let message = match &problem.kind {
            ProblemKind::Syntax(message) => format!("sintaxis JSON: {message}"),
            ProblemKind::DuplicateKey(key) => {
                format!("la clave \"{key}\" aparece dos veces en un objeto; deje solo una")
            }
            ProblemKind::Structure(message) => message.clone(),
            ProblemKind::Meaning(invalid) => broken_rule(invalid),
        };
        let file = &problem.file;
        match &problem.location {
            Location::Position { line, column } => format!("{file}:{line}:{column}: {message}"),
            Location::Path(path) if path.is_empty() => format!("{file}: {message}"),
            Location::Path(path) => format!("{file}: {path}: {message}"),
        }
    }

    fn json_problem(&self, problem: &JsonError) -> String {
        match problem {
            JsonError::Syntax {
                line,
                column,
                message,
            } => format!("línea {line}, columna {column}: {message}"),
            JsonError::DuplicateKey { line, column, key } => format!(
                "línea {line}, columna {column}: la clave \"{key}\" aparece dos veces en un objeto"
            ),
        }
    }

    fn summary_problem(&self, problem: &SummaryProblem) -> String {
        match problem {
            SummaryProblem::Empty => "el archivo está vacío; indique la ruta de un resumen".into(),
            SummaryProblem::Syntax {
                line,
                column,
                message,
            } => format!("línea {line}, columna {column}: no es JSON válido: {message}"),
            SummaryProblem::NotUtf8 { column } => {
                format!("línea 1, columna {column}: no es JSON válido: no es texto UTF-8")
            }
            SummaryProblem::DuplicateKey { line, column, key } => format!(
                "línea {line}, columna {column}: la clave \"{key}\" aparece dos veces en un \
                 objeto; el archivo se ha modificado a mano"
            ),
            SummaryProblem::NotASummary => {
                r#"no es un resumen de skin-intake (no tiene "format": "skin-intake/summary"); indique la ruta de un resumen"#.into()
            }
            SummaryProblem::NewerFormat { found } => format!(
                "escrito por un skin-intake más reciente (formato de resumen {found}; este lee \
                 hasta el {}); actualice skin-intake para leerlo",
                crate::engine::summary::FORMAT_VERSION
            ),
            SummaryProblem::Structure { path, message } if path == "." => {
                format!("no es un resumen completo: {message}")
            }
            SummaryProblem::Structure { path, message } => {
                format!("no es un resumen completo: {path}: {message}")
            }
        }
    }

    fn delivery(&self, delivery: &Delivery) -> String {
        match delivery {
            Delivery::Queued => "en cola",
            Delivery::Delivered => "entregado",
            Delivery::NeedsAttention => "⚠ la entrega requiere atención",
            Delivery::Superseded => "sustituido por una versión más reciente",
            Delivery::NotRecorded { disk_full: true } => {
                "⚠ entregado; no se puede registrar la entrega: disco lleno"
            }
            Delivery::NotRecorded { disk_full: false } => {
                "⚠ entregado; no se puede registrar la entrega: no se puede escribir la bandeja \
                 de salida"
            }
            Delivery::SenderFailed => {
                "⚠ la entrega requiere atención: el proceso de envío falló y se reinicia"
            }
        }
        .to_owned()
    }

    fn shown(&self, shown: &Shown) -> String {
        match shown {
            Shown::Text(s) => (*s).to_owned(),
            // As the patient types it: day first.
            Shown::Date(d) => d.format("%d/%m/%Y").to_string(),
            Shown::Month(m) => screens::month(m.first_day()),
            Shown::YesNo(true) => screens::label(Label::Yes).into(),
            Shown::YesNo(false) => screens::label(Label::No).into(),
            Shown::Options(labels) => labels.join(", "),
        }
    }

    fn label(&self, label: Label) -> &'static str {
        screens::label(label)
    }

    fn hint(&self, hint: Hint) -> (&'static str, &'static str) {
        screens::hint(hint)
    }

    fn say(&self, say: &Say) -> String {
        screens::say(say)
    }

    fn verdict(&self, level: Level) -> &'static str {
        screens::verdict(level)
    }

    fn verdict_short(&self, level: Level) -> &'static str {
        screens::verdict_short(level)
    }

    fn decision(&self, decision: Decision) -> &'static str {
        screens::decision(decision)
    }

    fn decision_short(&self, decision: Decision) -> &'static str {
        screens::decision_short(decision)
    }

    fn mode(&self, mode: Mode, form: ModeForm) -> &'static str {
        screens::mode(mode, form)
    }

    fn date(&self, date: NaiveDate, form: DateForm) -> String {
        screens::date(date, form)
    }

    fn month(&self, first_day: NaiveDate) -> String {
        screens::month(first_day)
    }

    fn moment(&self, at: &DateTime<FixedOffset>, form: MomentForm) -> String {
        screens::moment(at, form)
    }
}

impl Spanish {
    /// What is wrong with the value given for `question`.
    fn value_problem(&self, question: &str, problem: &ValueProblem) -> String {
        match problem {
            ValueProblem::Element { index, problem } => match &**problem {
                ValueProblem::WrongType { found, .. } => format!(
                    "{question}[{index}]: se esperaba un código de opción, se encontró {}",
                    json_type(*found)
                ),
                other => format!(
                    "{question}[{index}]: {}",
                    self.value_problem(question, other)
                ),
            },
            ValueProblem::WrongType { expected, found } => {
                let expected = match expected {
                    ItemKind::Text => "una cadena de texto",
                    ItemKind::Date => r#"una fecha como "AAAA-MM-DD""#,
                    ItemKind::Boolean => "true o false",
                    ItemKind::Single => "un código de opción como cadena de texto",
                    ItemKind::Multi => "una lista de códigos de opción",
                };
                format!("se esperaba {expected}, se encontró {}", json_type(*found))
            }
            ValueProblem::UnknownOption { code, options } => format!(
                "opción desconocida '{code}'; las opciones son: {}",
                options.join(", ")
            ),
            ValueProblem::Date(problem) => self.date_problem(problem),
        }
    }
}

/// A broken `check` rule. Keywords, settings and types are spelt as in the file.
#[allow(clippy::too_many_lines)] // one arm per rule: the catalogue itself
fn broken_rule(invalid: &Invalid) -> String {
    let en = DEFAULT_LANGUAGE;
    match invalid {
        Invalid::Empty { field } => {
            let (owner, name) = field_words(*field);
            format!("{name} {owner} no tiene valor; dele uno")
        }
        Invalid::Duplicate { field, id, first } => {
            let (owner, name) = field_words(*field);
            format!("{name} {owner} '{id}' ya lo usa {first}; dé otro valor a este")
        }
        Invalid::BadUrl { url } => format!(
            "url '{url}' no es una URL canónica: escriba una URL absoluta como \
             https://fhir.example-clinic.com/Questionnaire/intake, sin espacios, '|' ni '#'"
        ),
        Invalid::NoEnglishLanguage => format!(
            "languages debe incluir \"{en}\": el inglés es la lengua de reserva de todo texto; \
             añádalo a la lista"
        ),
        Invalid::NoSections => {
            "el cuestionario no tiene secciones; añada al menos una sección con preguntas".into()
        }
        Invalid::NoEnglishText => {
            format!("no hay texto en inglés; escríbalo como cadena o incluya \"{en}\": \"...\"")
        }
        Invalid::MissingTranslation { language } => format!(
            "falta la traducción a \"{language}\", una lengua que el cuestionario declara en \
             languages; añada \"{language}\": \"...\""
        ),
        Invalid::EmptySection { section } => format!(
            "la sección '{section}' no tiene preguntas; añada al menos una o elimine la sección"
        ),
        Invalid::TooFewOptions {
            question,
            kind,
            least,
        } => format!(
            "la pregunta '{question}' es \"{}\" y necesita al menos {}; añada opciones o \
             hágala \"boolean\"",
            kind.code(),
            count(least, " ", "opción", "opciones")
        ),
        Invalid::OptionsNotAllowed { question, kind } => format!(
            "la pregunta '{question}' es \"{}\" y no puede tener opciones; elimínelas o hágala \
             \"single\" o \"multi\"",
            kind.code()
        ),
        Invalid::ExclusiveNotMulti { question, kind } => format!(
            "\"exclusive\" solo se aplica a opciones de una pregunta \"multi\", y '{question}' \
             es \"{}\"; elimínelo",
            kind.code()
        ),
        Invalid::ZeroMaxLength { question } => format!(
            "max_length de la pregunta '{question}' es 0, lo que no admite ninguna respuesta; \
             use un número mayor que 0 o elimínelo"
        ),
        Invalid::SettingNotFor {
            setting,
            applies_to,
            question,
            kind,
        } => format!(
            "\"{setting}\" solo se aplica a preguntas \"{}\", y '{question}' es \"{}\"; \
             elimínelo",
            applies_to.code(),
            kind.code()
        ),
        Invalid::ShowIfItself { question } => format!(
            "show_if se refiere a la propia pregunta '{question}'; una pregunta solo puede \
             depender de preguntas anteriores"
        ),
        Invalid::ShowIfLater { question } => format!(
            "show_if se refiere a la pregunta '{question}', que viene después; una pregunta solo \
             puede depender de preguntas anteriores"
        ),
        Invalid::ConstraintReadsLater { question, of } => format!(
            "la restricción lee la pregunta '{question}', que viene después de su pregunta \
             '{of}'; una restricción se comprueba al responder su pregunta, así que solo puede \
             leer esa pregunta y las anteriores: haga de '{question}' la pregunta de la \
             restricción, o muévala antes"
        ),
        Invalid::UnknownQuestion { by, question } => format!(
            "{by} se refiere a la pregunta '{question}', que no existe; compruebe la ortografía \
             o añada la pregunta"
        ),
        Invalid::EmptyOneOf => {
            "one_of no tiene valores, así que nunca se cumple; indique al menos uno".into()
        }
        Invalid::EmptyList { keyword } => {
            format!("{keyword} tiene una lista vacía; añada condiciones o elimínelo")
        }
        Invalid::IncludesNotMulti { question, kind } => format!(
            "includes necesita una pregunta \"multi\", y '{question}' es \"{}\"; use equals o \
             one_of",
            kind.code()
        ),
        Invalid::ComparesMulti { keyword, question } => {
            format!("{keyword} no puede evaluar la pregunta \"multi\" '{question}'; use includes")
        }
        Invalid::NotComparable {
            keyword,
            question,
            kind,
        } => format!(
            "{keyword} necesita una pregunta \"single\" o \"boolean\", y '{question}' es \"{}\"",
            kind.code()
        ),
        Invalid::SingleComparedWithBool {
            question,
            value,
            options,
        } => format!(
            "la pregunta '{question}' es \"single\"; compárela con uno de sus códigos de opción \
             ({}), no con {value}",
            options.join(", ")
        ),
        Invalid::BooleanComparedWithCode { question, code } => format!(
            "la pregunta '{question}' es \"boolean\"; compárela con true o false, no con \
             \"{code}\""
        ),
        Invalid::UnknownCode {
            code,
            question,
            options,
        } => format!(
            "'{code}' no es un código de opción de la pregunta '{question}'; use uno de: {}",
            options.join(", ")
        ),
        Invalid::NeedsDate {
            keyword,
            question,
            kind,
        } => format!(
            "{keyword} necesita una pregunta \"date\", y '{question}' es \"{}\"",
            kind.code()
        ),
        Invalid::ReassessNotDelay { rule, level } => format!(
            "la regla '{rule}' tiene el nivel \"{}\", pero reassess solo se aplica a reglas \
             \"delay\"; elimínelo o cambie el nivel",
            level.code()
        ),
        Invalid::NotPlausible {
            value,
            least,
            most,
            unit,
        } => format!("{value} no es plausible aquí; use un número de {unit} de {least} a {most}"),
        Invalid::EmptyLanguage => {
            "un código de lengua vacío; elimínelo o escriba un código como \"es\"".to_owned()
        }
        Invalid::RepeatedLanguage { language, first } => {
            format!("\"{language}\" ya figura en {first}; elimine uno de ellos")
        }
        Invalid::Implausible { max, most } => {
            format!("max {max} no es plausible aquí; use como máximo {most}")
        }
        Invalid::InvertedRange { min, max } => {
            format!("rango invertido: min {min} es mayor que max {max}; intercámbielos")
        }
        Invalid::ZeroMin => "min es 0; debe ser al menos 1".into(),
        Invalid::UnknownConcern {
            concern,
            question,
            options,
        } => format!(
            "'{concern}' no es un código de opción de la pregunta de objetivos '{question}'; \
             use uno de: {}",
            options.join(", ")
        ),
        Invalid::UnreachablePlan { concern, fallback } => format!(
            "esta fila para el objetivo '{concern}' viene después de rules.plans[{fallback}], \
             que no tiene `when`, así que nunca puede aplicarse; muévala antes de esa fila o \
             elimínela"
        ),
        Invalid::NoFallbackPlan { concern } => format!(
            "el objetivo '{concern}' no tiene una fila de plan sin `when`; añada una como \
             reserva, después de las filas condicionales"
        ),
        Invalid::ChangedInNotVersion {
            question,
            changed_in,
        } => format!(
            "la pregunta '{question}' tiene changed_in \"{changed_in}\", que no es un número de \
             versión; escriba la versión cuyo texto cambió la pregunta, como \"2.1.0\""
        ),
        Invalid::ChangedInLater {
            question,
            changed_in,
            version,
        } => format!(
            "la pregunta '{question}' tiene changed_in \"{changed_in}\", pero la versión del \
             cuestionario es \"{version}\"; changed_in debe ser un número de versión no \
             posterior al del cuestionario, o cada respuesta guardada se preguntaría de nuevo"
        ),
        Invalid::WrongQuestionType {
            setting,
            wanted,
            question,
            kind,
        } => format!(
            "{setting} debe nombrar una pregunta \"{}\", y '{question}' es \"{}\"",
            wanted.code(),
            kind.code()
        ),
    }
}

/// What owns an id or code, and what it is called.
fn field_words(field: Field) -> (&'static str, &'static str) {
    match field {
        Field::QuestionnaireId => ("del cuestionario", "el id"),
        Field::QuestionnaireVersion => ("del cuestionario", "la versión"),
        Field::SectionId => ("de sección", "el id"),
        Field::QuestionId => ("de pregunta", "el id"),
        Field::OptionCode => ("de opción", "el código"),
        Field::RuleId => ("de regla", "el id"),
        Field::ConstraintId => ("de restricción", "el id"),
    }
}

fn json_type(found: JsonType) -> &'static str {
    match found {
        JsonType::Null => "null",
        JsonType::Bool => "true/false",
        JsonType::Number => "un número",
        JsonType::String => "una cadena de texto",
        JsonType::Array => "una lista",
        JsonType::Object => "un objeto",
    }
}
