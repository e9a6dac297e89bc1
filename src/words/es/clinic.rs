//! Spanish: the clinic layer's outcomes, for staff.

use std::fmt::Display;
use std::path::Path;

use chrono::NaiveDate;

use super::Spanish;
use crate::words::clinic::ClinicWords;
use crate::words::phrases::DateForm;

impl ClinicWords for Spanish {
    fn unfinished_unreadable(&self, dir: &Path, error: &dyn Display) -> String {
        format!(
            "No se pudieron leer los cuestionarios sin terminar de {}: {error}",
            dir.display()
        )
    }

    fn records_unreadable(&self, dir: &Path, error: &dyn Display) -> String {
        format!(
            "No se pudieron leer los cuestionarios terminados de {}: {error}",
            dir.display()
        )
    }

    fn summaries_unreadable(&self, count: usize, example: &Path) -> String {
        format!(
            "No se pudieron leer {count} archivo(s) de resumen, por ejemplo {}: `skin-intake show \
             ARCHIVO` dice por qué.",
            example.display()
        )
    }

    fn not_opened(&self, why: &dyn Display) -> String {
        format!("No se pudo abrir este cuestionario: {why}.")
    }

    fn resumed(
        &self,
        made_with: Option<&str>,
        dropped: &[String],
        asked_again: &[String],
    ) -> Option<String> {
        let dropped = (!dropped.is_empty()).then(|| {
            format!(
                "Algunas respuestas guardadas ya no encajan en este cuestionario y se han dejado \
                 fuera: {}.",
                dropped.join(", ")
            )
        });
        let asked_again = (!asked_again.is_empty()).then(|| {
            format!(
                "Estas preguntas han cambiado desde entonces, así que sus respuestas guardadas se \
                 han dejado fuera y se preguntan de nuevo: {}.",
                asked_again.join(", ")
            )
        });
        let origin = made_with.map(|m| format!("Este cuestionario se empezó con {m}."));
        let said: Vec<String> = [dropped, asked_again].into_iter().flatten().collect();
        match (origin, said.is_empty()) {
            (Some(origin), false) => Some(format!("{origin} {}", said.join(" "))),
            (Some(origin), true) => Some(format!(
                "{origin} Todas las respuestas guardadas siguen encajando."
            )),
            (None, _) => (!said.is_empty()).then(|| said.join(" ")),
        }
    }

    fn draft_not_saved(&self, cause: &dyn Display) -> String {
        format!(
            "No se pudo guardar el cuestionario sin terminar en {cause}. Las respuestas siguen en \
             pantalla."
        )
    }

    fn draft_left_over(&self, error: &dyn Display) -> String {
        format!("El resumen está guardado, pero no se pudo quitar su copia sin terminar: {error}")
    }

    fn not_queued(&self, error: &dyn Display) -> String {
        format!(
            "El resumen está guardado, pero no se pudo poner en cola para el servidor FHIR \
             ({error}); `skin-intake push` lo pondrá en cola y lo enviará."
        )
    }

    fn no_readable_version(&self) -> String {
        "Este registro no tiene ninguna versión legible.".into()
    }

    fn amending_dropped(&self, dropped: &[String]) -> Option<String> {
        (!dropped.is_empty()).then(|| {
            format!(
                "Algunas respuestas de este registro ya no encajan en este cuestionario, o sus \
                 preguntas han cambiado, y se dejan fuera para preguntarlas de nuevo: {}.",
                dropped.join(", ")
            )
        })
    }

    fn version_saved(&self, version: u32, name: Option<&str>) -> String {
        match name {
            Some(name) => format!("Guardado como versión {version} del registro de {name}."),
            None => format!("Guardado como versión {version} del registro."),
        }
    }

    fn version_unchanged(&self) -> String {
        "No se cambió ninguna respuesta; el registro queda como estaba.".into()
    }

    fn version_taken(&self, _version: u32) -> String {
        "Otra persona acaba de guardar este registro; vuelva a abrirlo para ver su versión. Aquí \
         está abierto de nuevo tal como lo dejó; repita su cambio si todavía hace falta."
            .into()
    }

    fn version_not_saved(&self, version: u32, dir: &Path, error: &dyn Display) -> String {
        format!(
            "No se pudo guardar la versión {version} del registro en {}: {error}. No se cambió \
             nada.",
            dir.display()
        )
    }

    fn seen_before(&self, name: &str, finished: NaiveDate, verdict: &str) -> String {
        format!(
            "Visto antes: {name} terminó un cuestionario el {} — {verdict}",
            super::screens::date(finished, DateForm::Long)
        )
    }

    fn deleted(&self) -> String {
        "Borrado.".into()
    }

    fn not_deleted(&self, path: &Path, error: &dyn Display) -> String {
        format!("No se pudo borrar {}: {error}", path.display())
    }
}
