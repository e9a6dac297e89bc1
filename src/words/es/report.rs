//! Spanish: the clinic report.

use std::path::Path;

use chrono::NaiveDate;

use super::Spanish;
use crate::model::questionnaire::Range;
use crate::words::count;
use crate::words::report::{ReportHeading, ReportWords};

impl ReportWords for Spanish {
    fn report_heading(&self, heading: ReportHeading) -> &'static str {
        match heading {
            ReportHeading::Weeks => "Entrevistas por semana",
            ReportHeading::Verdicts => "Resultados",
            ReportHeading::Concerns => "Motivos de consulta",
            ReportHeading::Reasons => "Razones más frecuentes",
            ReportHeading::Review => "Revisión",
            ReportHeading::Delivery => "Envío al servidor FHIR",
            ReportHeading::Sessions => "Sesiones previstas",
            ReportHeading::ComingMonths => "Sesiones en los próximos meses",
            ReportHeading::Rescore => "Con el otro cuestionario",
        }
    }

    fn report_title(
        &self,
        intakes: usize,
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
    ) -> String {
        let counted = count(intakes, " ", "entrevista", "entrevistas");
        match (first, last) {
            (Some(f), Some(l)) => format!(
                "Informe de la clínica: {counted}, terminadas del {} al {} (cada una en su última \
                 versión)",
                f.format("%d/%m/%Y"),
                l.format("%d/%m/%Y")
            ),
            _ => format!("Informe de la clínica: {counted}"),
        }
    }

    fn report_left_out(&self, unreadable: usize, foreign: usize) -> Option<String> {
        (unreadable + foreign > 0).then(|| {
            format!(
                "Excluidos: {} que no se pudieron leer, {}; se indican en stderr.",
                count(unreadable, " ", "archivo de resumen", "archivos de resumen"),
                count(foreign, " ", "otro archivo JSON", "otros archivos JSON")
            )
        })
    }

    fn delivery_not_queued(&self) -> &'static str {
        "no está en la bandeja de salida"
    }

    fn week(&self, monday: NaiveDate) -> String {
        format!("semana del {}", monday.format("%d/%m/%Y"))
    }

    fn sessions_expected(&self, intakes: usize, min: u64, max: u64) -> String {
        format!(
            "{min}–{max} sesiones en {} con plan",
            count(intakes, " ", "entrevista", "entrevistas")
        )
    }

    fn unreadable_summary(&self, path: &Path) -> String {
        format!(
            "{}: excluido, no se puede leer como resumen (`skin-intake show ARCHIVO` dice por qué)",
            path.display()
        )
    }

    fn foreign_file(&self, path: &Path) -> String {
        format!(
            "{}: excluido, por su nombre no es un resumen de skin-intake",
            path.display()
        )
    }

    fn more_left_out(&self, more: usize) -> String {
        format!(
            "… y {} excluidos",
            count(more, " ", "archivo más", "archivos más")
        )
    }

    fn report_folder(&self, dir: &Path, error: &dyn std::fmt::Display) -> String {
        format!(
            "No se pueden leer los registros de {}: {error}. Indique la carpeta donde se guardan \
             las entrevistas (--out).",
            dir.display()
        )
    }

    fn report_window(&self, since: NaiveDate, until: NaiveDate) -> String {
        format!(
            "--since {} es posterior a --until {}: indique un inicio igual o anterior al final.",
            since.format("%Y-%m-%d"),
            until.format("%Y-%m-%d")
        )
    }

    fn rescore_summary(
        &self,
        questionnaire: &str,
        intakes: usize,
        verdicts: usize,
        sessions: usize,
        answers_left_out: usize,
    ) -> String {
        let left_out = if answers_left_out > 0 {
            format!(" ({answers_left_out} con respuestas que ya no encajan, valoradas sin ellas)")
        } else {
            String::new()
        };
        format!(
            "Valoradas de nuevo con {questionnaire}: {}{left_out}; cambiarían {} y {}.",
            count(intakes, " ", "entrevista", "entrevistas"),
            count(verdicts, " ", "resultado", "resultados"),
            count(
                sessions,
                " ",
                "intervalo de sesiones",
                "intervalos de sesiones"
            )
        )
    }

    fn sessions_range(&self, range: Option<Range>) -> String {
        match range {
            Some(r) if r.min == r.max => count(r.min, " ", "sesión", "sesiones"),
            Some(r) => format!("{}–{} sesiones", r.min, r.max),
            None => "sin sesiones".to_owned(),
        }
    }
}
