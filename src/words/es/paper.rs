//! Spanish: the record on paper, and printing it.

use std::fmt::{Display, Write};
use std::path::Path;

use super::Spanish;
use crate::words::paper::{Heading, PaperWords};

impl PaperWords for Spanish {
    fn pdf_not_made(&self, why: crate::words::paper::NotMade) -> String {
        use crate::words::paper::NotMade;
        match why {
            NotMade::Font => "no se puede leer una fuente incluida en skin-intake".into(),
            NotMade::PaperSize => "se rechazó el tamaño de papel".into(),
            NotMade::NoFileName => "la ruta del resumen no tiene nombre de archivo".into(),
            NotMade::Engine => "el motor de PDF rechazó la página".into(),
        }
    }

    fn running_head(&self, name: &str, born: Option<&str>, record: &str) -> String {
        match born {
            Some(born) => format!("{name} · nacido/a el {born} · {record}"),
            None => format!("{name} · fecha de nacimiento no indicada · {record}"),
        }
    }

    fn record_short(&self, short_id: &str, version: u32) -> String {
        format!("registro {short_id}, versión {version}")
    }

    fn page_of(&self, page: usize, pages: usize) -> String {
        format!("Página {page} de {pages}")
    }

    fn heading(&self, heading: Heading) -> &'static str {
        match heading {
            Heading::Patient => "Paciente",
            Heading::Verdict => "Valoración",
            Heading::Reasons => "Motivos",
            Heading::Schedule => "Calendario",
            Heading::Plan => "Plan",
            Heading::Review => "Revisión",
            Heading::Notes => "Notas",
            Heading::ClinicianNote => "Nota del profesional",
            Heading::Changes => "Cambios desde el cuestionario",
            Heading::Answers => "Respuestas",
            Heading::Declaration => "Declaración",
        }
    }

    fn verdict_in_force(&self) -> &'static str {
        "Valoración vigente"
    }

    fn overridden(&self, by: &str, at: &str) -> String {
        format!("Modificada por {by} el {at}.")
    }

    fn computed_verdict(&self, level: &str) -> String {
        format!("Valoración calculada: {level} (se conserva en el registro, no está vigente).")
    }

    fn override_reason(&self, reason: &str) -> String {
        format!("Motivo de la modificación: {reason}")
    }

    fn reviewed(&self, decision: &str, by: &str, at: &str) -> String {
        format!("Revisión firmada: {decision}, por {by} el {at}.")
    }

    fn not_reviewed(&self) -> &'static str {
        "Aún no revisado."
    }

    fn review_note(&self, note: &str) -> String {
        format!("Nota: {note}")
    }

    fn no_rule_applies(&self) -> &'static str {
        "No se aplica ninguna regla de cribado."
    }

    fn rule(&self, rule: &str) -> String {
        format!("regla {rule}")
    }

    fn assess_again(&self, date: &str) -> String {
        format!("Volver a valorar a partir del {date}.")
    }

    fn assess_again_all(&self, date: &str) -> String {
        format!(
            "Volver a valorar a partir del {date}, cuando hayan terminado todos los aplazamientos."
        )
    }

    fn schedule_in_force(&self, start: &str) -> String {
        format!("Calendario vigente: el de la modificación, desde el {start}")
    }

    fn schedule_computed(&self) -> &'static str {
        "Calendario calculado (no vigente)"
    }

    fn schedule_proposed(&self) -> &'static str {
        "Calendario propuesto"
    }

    fn if_needed(&self) -> &'static str {
        "si es necesario"
    }

    fn led_to(&self, level: &str) -> String {
        format!("Esta respuesta llevó a: {level}")
    }

    fn other_answers(&self) -> &'static str {
        "Otras respuestas"
    }

    fn no_changes(&self) -> &'static str {
        "No se ha cambiado ninguna respuesta desde que se terminó el cuestionario."
    }

    fn change(&self, at: &str, by: &str, question: &str) -> String {
        format!("{at}, por {by}: {question}")
    }

    fn before_after(&self, before: &str, after: &str) -> String {
        format!("Antes: {before}. Ahora: {after}.")
    }

    fn declaration(&self) -> &'static str {
        "Confirmo que mis respuestas anteriores son verdaderas y completas según mi leal saber y \
         entender, y que se me han explicado la valoración y el plan."
    }

    fn patient_signature(&self) -> &'static str {
        "Firma del paciente"
    }

    fn clinician_signature(&self) -> &'static str {
        "Firma del profesional"
    }

    fn name_line(&self, name: Option<&str>) -> String {
        format!("Nombre: {}", name.unwrap_or(""))
    }

    fn date_line(&self, date: Option<&str>) -> String {
        format!("Fecha: {}", date.unwrap_or(""))
    }

    fn pdf_to_terminal(&self) -> String {
        "un PDF no es para un terminal: envíelo a un archivo (skin-intake show --format pdf \
         ARCHIVO > registro.pdf) o a la impresora (skin-intake print ARCHIVO)"
            .into()
    }

    fn printed(&self, printer: Option<&str>, job: &str, kept: bool) -> String {
        let to = printer.map_or_else(
            || "la impresora predeterminada".to_owned(),
            |p| format!("la impresora {p}"),
        );
        let job = job.trim();
        let mut said = format!("Enviado a {to}");
        if !job.is_empty() {
            let _ = write!(said, " como trabajo {job}");
        }
        said.push('.');
        if kept {
            said.push_str(" El PDF se conserva junto al registro.");
        }
        said
    }

    fn not_printed(&self, printer: Option<&str>, cups: &str, kept: Option<&Path>) -> String {
        let to = printer.map_or_else(
            || "la impresora predeterminada".to_owned(),
            |p| format!("la impresora {p}"),
        );
        let mut said = format!("No se imprimió: {to} lo rechazó: {}", cups.trim());
        if let Some(kept) = kept {
            let _ = write!(said, " El PDF se conserva como {}.", kept.display());
        }
        said
    }

    fn no_lp(&self, error: &dyn Display, kept: Option<&Path>) -> String {
        let mut said = format!(
            "No se imprimió: no se pudo ejecutar la orden lp del sistema de impresión ({error}); \
             instale CUPS (el paquete cups-client)."
        );
        if let Some(kept) = kept {
            let _ = write!(said, " El PDF se conserva como {}.", kept.display());
        }
        said
    }

    fn pdf_not_kept(&self, dir: &Path, error: &dyn Display) -> String {
        format!(
            "No se imprimió: no se pudo escribir el PDF en {}: {error}",
            dir.display()
        )
    }
}
