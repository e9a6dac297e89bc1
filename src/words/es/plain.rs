//! Spanish: the plain line mode.

use std::fmt::Display;
use std::path::Path;

use super::Spanish;
use crate::model::questionnaire::ItemKind;
use crate::words::plain::{Offered, PlainWords, Unread};

impl PlainWords for Spanish {
    fn yes_words(&self) -> &'static [&'static str] {
        &["s", "si", "sí"]
    }

    fn no_words(&self) -> &'static [&'static str] {
        &["n", "no"]
    }

    fn back_words(&self) -> &'static [&'static str] {
        &["atras", "atrás", "volver"]
    }

    fn plain_intro(&self, title: &str) -> String {
        format!(
            "{title}\nUna pregunta cada vez. Escriba su respuesta y pulse Intro. \
             Escriba atrás para volver, o ? para oír de nuevo una pregunta con su ayuda."
        )
    }

    fn plain_section(&self, title: &str) -> String {
        format!("Sección: {title}")
    }

    fn question_of(&self, number: usize, total: usize) -> String {
        format!("Pregunta {number} de {total}")
    }

    fn choice(&self, number: usize, label: &str) -> String {
        format!("{number}. {label}")
    }

    fn choice_help(&self, help: &str) -> String {
        format!("   {help}")
    }

    fn how_to_answer(
        &self,
        kind: ItemKind,
        approximate: bool,
        optional: bool,
        help: bool,
    ) -> String {
        let how = match kind {
            ItemKind::Single => "Escriba el número de su respuesta.",
            ItemKind::Multi => {
                "Escriba los números de todas las respuestas que correspondan, separados por \
                 espacios o comas."
            }
            ItemKind::Boolean => "Escriba s para sí o n para no.",
            ItemKind::Text => "Escriba su respuesta.",
            ItemKind::Date if approximate => {
                "Escriba la fecha como DD/MM/AAAA o AAAA-MM-DD; basta con el mes y el año, como \
                 08/2026."
            }
            ItemKind::Date => "Escriba la fecha como DD/MM/AAAA o AAAA-MM-DD.",
        };
        let optional = if optional {
            " Puede dejarla en blanco."
        } else {
            ""
        };
        let help = if help {
            " Escriba ? para ver la ayuda."
        } else {
            ""
        };
        format!("{how}{optional}{help}")
    }

    fn answer_now(&self, answer: &str) -> String {
        format!("Su respuesta ahora: {answer}. Pulse Intro para mantenerla.")
    }

    fn unread(&self, unread: &Unread) -> String {
        match unread {
            Unread::NotAChoice { given, count } => {
                format!("«{given}» no es una de las opciones. Escriba un número del 1 al {count}.")
            }
            Unread::OnlyOne => "Elija una sola respuesta, por favor.".into(),
            Unread::NotYesNo { given } => {
                format!("«{given}» no es un sí ni un no. Escriba s para sí o n para no.")
            }
            Unread::TooLong { max } => format!(
                "Esa línea es demasiado larga; una línea admite como máximo {max} caracteres."
            ),
            Unread::NotText => {
                "Esa línea contiene caracteres que no son texto; escríbala de nuevo, por favor."
                    .into()
            }
        }
    }

    fn not_taken(&self, why: &str) -> String {
        format!("No se ha aceptado: {why}")
    }

    fn at_first_question(&self) -> &'static str {
        "Esta es la primera pregunta; no hay ninguna antes."
    }

    fn unfinished_heading(&self) -> &'static str {
        "Entrevistas sin terminar:"
    }

    fn offered(&self, offered: &Offered) -> String {
        let name = offered.name.unwrap_or("Sin nombre todavía");
        format!(
            "{}. {name}, {} de {} respondidas, guardada {}",
            offered.number, offered.answered, offered.shown, offered.saved
        )
    }

    fn choose_unfinished(&self, count: usize) -> String {
        if count == 1 {
            "Escriba 1 para continuarla, o pulse Intro para empezar una entrevista nueva.".into()
        } else {
            format!(
                "Escriba un número del 1 al {count} para continuar una, o pulse Intro para \
                 empezar una entrevista nueva."
            )
        }
    }

    fn not_offered(&self, given: &str, count: usize) -> String {
        if count == 1 {
            format!("«{given}» no es ninguna de ellas. Escriba 1, o pulse Intro.")
        } else {
            format!(
                "«{given}» no es ninguna de ellas. Escriba un número del 1 al {count}, o pulse \
                 Intro."
            )
        }
    }

    fn continuing(&self) -> &'static str {
        "Continuamos donde se dejó."
    }

    fn your_answers(&self) -> &'static str {
        "Sus respuestas:"
    }

    fn answer_read_back(&self, number: usize, prompt: &str, answer: &str) -> String {
        format!("{number}. {prompt}\n   {answer}")
    }

    fn assessment_heading(&self) -> &'static str {
        "Valoración:"
    }

    fn submit_question(&self, kiosk: bool) -> &'static str {
        if kiosk {
            "¿Enviamos sus respuestas? Escriba s para enviarlas, o n para cambiar una respuesta."
        } else {
            "¿Registrar estas respuestas? Escriba s para registrarlas, o n para cambiar una \
             respuesta."
        }
    }

    fn which_to_change(&self, count: usize) -> String {
        format!(
            "¿Qué respuesta quiere cambiar? Escriba su número, del 1 al {count}, o atrás para \
             ir a la última pregunta."
        )
    }

    fn no_such_answer(&self, given: &str, count: usize) -> String {
        format!("«{given}» no es el número de una respuesta. Escriba un número del 1 al {count}.")
    }

    fn submitted(&self, path: &Path) -> String {
        format!("Registrada. El resumen está en {}", path.display())
    }

    fn not_submitted(&self, why: &dyn Display) -> String {
        format!(
            "No se pudo guardar el resumen: {why}. Las respuestas se conservan; escriba s para \
             intentarlo de nuevo."
        )
    }

    fn ended_kept(&self, path: &Path, out: &Path) -> String {
        format!(
            "La entrada terminó antes de registrar las respuestas. La entrevista sin terminar se \
             conserva en {}. Para continuarla, ejecute de nuevo skin-intake --plain --out {} y \
             elíjala.",
            path.display(),
            out.display()
        )
    }

    fn ended_unchosen(&self) -> &'static str {
        "La entrada terminó antes de elegir una entrevista; las entrevistas sin terminar quedan \
         como estaban."
    }

    fn ended_nothing(&self) -> &'static str {
        "La entrada terminó antes de responder ninguna pregunta; no se ha guardado nada."
    }

    fn ended_lost(&self, why: &dyn Display) -> String {
        format!("La entrada terminó y no se pudo guardar la entrevista sin terminar: {why}")
    }
}
