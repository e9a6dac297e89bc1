//! Spanish for the screens and the printed record: labels, key hints, sentences with data,
//! verdicts, decisions, and dates with the names of months and days (day first).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

use crate::engine::summary::{Decision, Mode};
use crate::model::questionnaire::Level;
use crate::words::count;
use crate::words::phrases::{
    DateForm, FileKind, FolderProblem, Hint, Label, ModeForm, MomentForm, Say,
};

/// Month names as Spanish writes them, in lower case; [`crate::dates`] reads them too.
pub const MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_SHORT: [&str; 12] = [
    "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
];
/// From Monday.
const WEEKDAYS_SHORT: [&str; 7] = ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"];

// One arm per label: the catalogue itself.
#[allow(clippy::too_many_lines, clippy::match_same_arms)]
pub fn label(label: Label) -> &'static str {
    match label {
        Label::Welcome => "Bienvenido/a",
        Label::WelcomeIntro => {
            "Antes de su consulta, responda unas preguntas sobre su piel y su salud."
        }
        Label::WelcomeTime => {
            "Se tarda unos 5 minutos. Sus respuestas son confidenciales y solo llegan a su \
             clínica."
        }
        Label::PressEnterToBegin => "Pulse Intro para empezar",
        Label::ThankYou => "Gracias",
        Label::AnswersSaved => "Sus respuestas se han guardado.",
        Label::ClinicianTalksItThrough => "Su profesional sanitario lo comentará con usted.",
        Label::ClinicianGoesThrough => {
            "Un profesional sanitario revisará sus respuestas con usted."
        }
        Label::DoctorApprovesFirst => {
            "Un médico debe aprobar primero su tratamiento: las fechas que se le den solo son \
             válidas cuando un médico lo haya aprobado."
        }
        Label::TakeASeat => "Tome asiento, por favor. Le llamaremos en breve.",
        Label::ClearsByItself => "Esta pantalla se borra sola. Pulse Intro para terminar ya.",
        Label::TellStaff => "Avise a un miembro del personal, por favor",
        Label::AnswersKept => "Sus respuestas se conservan.",
        Label::StaffFinishSaving => "Un miembro del personal terminará de guardarlas con usted.",
        Label::StillThere => "¿Sigue ahí?",
        Label::PressAnyKey => "Pulse cualquier tecla para continuar.",
        Label::LanguageName => "Español",
        Label::LanguageKey => "s",
        Label::StartOver => "Empezar de nuevo",
        Label::CallStaff => "Llamar al personal",
        Label::StartOverExplained => {
            "¿Quiere empezar otra vez desde el principio? Se borrarán las respuestas que ha dado \
             hasta ahora."
        }
        Label::StartOverYes => "Sí, empezar de nuevo",
        Label::StartOverNo => "No, conservar mis respuestas",
        Label::StartOverKeys => "↑↓ elegir   Intro confirmar",
        Label::StaffOnTheWay => "Un miembro del personal está en camino.",
        Label::PleaseStayHere => "Por favor, quédese aquí.",
        Label::BackToPatient => "Volver a las preguntas del paciente",
        Label::DateHint => {
            "Escriba la fecha como DD/MM/AAAA (primero el día), por ejemplo 31/05/1980. También \
             vale AAAA-MM-DD."
        }
        Label::ApproximateDateHint => {
            "Escriba la fecha como DD/MM/AAAA (primero el día) o AAAA-MM-DD. Si no sabe el día, \
             basta con el mes y el año: 08/2026 o agosto 2026."
        }
        Label::NewLineKeys => "Alt-Intro o Ctrl-J: nueva línea",
        Label::Yes => "Sí",
        Label::No => "No",
        Label::Back => "Atrás",
        Label::Next => "Siguiente",
        Label::MoreAbove => "▲ más arriba",
        Label::MoreBelow => "▼ más abajo",
        Label::CheckYourAnswers => "Revise sus respuestas, por favor",
        Label::ReviewHowTo => {
            "Pulse Intro para enviarlas. Para cambiar una, vaya a ella con ↑↓ y pulse Intro."
        }
        Label::ReviewHowToChange => {
            "Vaya a una respuesta con ↑↓ y pulse Intro para cambiarla con el paciente. Intro en \
             la primera fila guarda los cambios como una nueva versión del registro."
        }
        Label::SubmitMine => "Enviar mis respuestas",
        Label::SubmitTheirs => "Enviar las respuestas",
        Label::SaveAsNewVersion => "Guardar los cambios como nueva versión del registro",
        Label::LeftEmpty => "(sin respuesta)",
        Label::VerdictSoFar => "Valoración hasta ahora",
        Label::F3ToOverride => "(F3 para modificarla)",
        Label::StaffGuided => "cuestionario guiado por el personal",
        Label::StaffShort => "personal",
        Label::EnlargeWindow => "Amplíe la ventana, por favor.",
        Label::LiveAssessment => "Valoración en curso (respuestas hasta ahora)",
        Label::NoAnswersYet => "Aún no hay respuestas",
        Label::MoreOnResult => "▼ más en la pantalla de resultado",
        Label::MoreBelowScroll => "▼ más abajo: ↑↓ para desplazarse",
        Label::LeaveTitle => "¿Salir de este cuestionario?",
        Label::ResumeOfferTitle => "¿Retomar el cuestionario sin terminar?",
        Label::ResumeOfferKeys => "Intro retomar · Esc empezar de nuevo",
        Label::LeaveExplained => {
            "Las respuestas dadas hasta ahora se guardan. El cuestionario espera en Sin terminar, \
             en la lista de cuestionarios, para terminarlo más tarde."
        }
        Label::LeaveToList => "Intro   ir a la lista de cuestionarios",
        Label::LeaveQuit => "Ctrl-C  salir de skin-intake",
        Label::LeaveKeepAnswering => "Esc     seguir respondiendo",
        Label::ChangeAnswersTitle => "Cambiar respuestas",
        Label::EachChangeKept => "Cada cambio queda en el registro junto con quién lo hizo.",
        Label::YourInitials => "Sus iniciales:",
        Label::InitialsRequired => "Sus iniciales (obligatorio):",
        Label::EnterInitials => "Escriba sus iniciales, por favor.",
        Label::InitialsKeys => "Intro continuar   Esc cancelar",
        Label::StaffOnly => "Solo personal",
        Label::TypePin => "Escriba el PIN del personal y pulse Intro.",
        Label::PinLocked => "Ese PIN no es correcto. La entrada queda bloqueada 60 segundos.",
        Label::EnterPinToLeave => "PIN del personal: abre el menú del personal.",
        Label::Pin => "PIN",
        Label::PinKeys => "Intro confirmar   Esc cancelar",
        Label::OverrideTitle => "Modificar la valoración",
        Label::GiveReason => "Indique el motivo de la modificación, por favor.",
        Label::ReasonRequired => "Motivo (obligatorio):",
        Label::SessionsStartOnField => {
            "Las sesiones empiezan el (opcional, DD/MM/AAAA o AAAA-MM-DD):"
        }
        Label::OverrideKeys => {
            "←→/1-5 valoración  Tab campo siguiente  Intro guardar  Supr quitar  Esc cancelar"
        }
        Label::NoteIntro => "Una nota para el registro (se exporta con el resumen).",
        Label::NoteKeys => "Tab campo siguiente   Intro guardar   Esc cancelar",
        Label::StaffMenuTitle => "Personal",
        Label::WhatToDo => "¿Qué desea hacer?",
        Label::ReviewIntakes => "Revisar cuestionarios",
        Label::BackToKiosk => "Volver al quiosco",
        Label::LeaveKioskMode => "Salir del modo quiosco",
        Label::StaffMenuKeys => "↑↓/número elegir  Intro abrir  Esc atrás",
        Label::AnyDay => "cualquier día",
        Label::ClearNeedsDate => {
            "Para declarar apto hace falta la fecha desde la que vale: fije antes el inicio de la \
             modificación (F3)."
        }
        Label::ClearedNoDate => "Apto para tratar: aún sin fecha (fije antes un inicio con F3)",
        Label::ColAge => "Edad",
        Label::ColHow => "Cómo",
        Label::ColName => "Nombre",
        Label::ColReview => "Revisión",
        Label::ColVerdict => "Resultado",
        Label::ColWhen => "Cuándo",
        Label::ComputedScheduleNotInForce => {
            "Calendario calculado (se conserva en el registro, NO está vigente: vea el de la \
             modificación arriba)"
        }
        Label::FlagSamePatientTwice => "mismo paciente dos veces",
        Label::FollowUpRequired => "Qué seguir con el paciente (obligatorio):",
        Label::HasIssues => "Asuntos pendientes",
        Label::ShowAllStates => "todos los estados",
        Label::ShowHasIssues => "asuntos pendientes",
        Label::ShowReviewed => "revisadas",
        Label::ShowUnfinished => "sin terminar",
        Label::ShowWaiting => "pendientes de revisión",
        Label::ThisWeek => "esta semana",
        Label::Today => "hoy",
        Label::WhatToFollowUp => "Escriba qué hay que seguir con el paciente.",
        Label::LeaveKioskModeKeys => "Intro/s salir del modo quiosco   Esc quedarse",
        Label::LeaveKioskModeExplained => {
            "skin-intake se cierra y esta pantalla deja de estar abierta a los pacientes. Lo que \
             un paciente estuviera respondiendo se conserva en Sin terminar."
        }
        Label::LeaveKioskModeTitle => "¿Salir del modo quiosco?",
        Label::SignOffTitle => "Firmar la revisión",
        Label::SignOffIntro => "La revisión se convierte en una nueva versión del registro.",
        Label::Decision => "Decisión",
        Label::NoteOptional => "Nota (opcional):",
        Label::SignOffKeys => "←→/1-3 decisión  Tab campo siguiente  Intro guardar  Esc cancelar",
        Label::FindBy => "Buscar por nombre o fecha de nacimiento:",
        Label::ClinicIntakes => "Cuestionarios de la clínica",
        Label::NewIntake => "Nuevo cuestionario",
        Label::WaitingForReview => "Pendientes de revisión",
        Label::Unfinished => "Sin terminar",
        Label::Reviewed => "Revisados",
        Label::NobodyFound => "(no se encontró a nadie)",
        Label::NobodyWaiting => "(nadie en espera)",
        Label::NoName => "(sin nombre)",
        Label::NoNameYet => "(aún sin nombre)",
        Label::FlagProvisional => "⚠ provisional",
        Label::FlagOverride => "modificada",
        Label::FlagSeenBefore => "visto antes",
        Label::OpenElsewhere => "abierto en otro terminal",
        Label::SaveChangesFirst => {
            "Guarde primero las respuestas cambiadas; después, o en el registro modifica su \
             valoración."
        }
        Label::OverrideRemoved => "Se quitó la modificación; vale la valoración calculada.",
        Label::RecordNeverDeleted => {
            "El registro de un cuestionario terminado nunca se borra: la política de registros \
             de la clínica decide qué pasa con sus archivos."
        }
        Label::NoIntakeUnderWay => "no hay ningún cuestionario en curso",
        Label::OpenElsewhereIntake => "este cuestionario está abierto en otro terminal",
        Label::IntakeGone => "este cuestionario ya no está; se terminó o se borró en otro terminal",
        Label::DraftNotLocked => "el borrador no es el que está bloqueado",
        Label::AnswersTooLarge => {
            "las respuestas son demasiado grandes para guardarlas; acorte la respuesta más larga"
        }
        Label::DamagedWhenListed => "no se pudo leer la última vez que se listó",
        Label::NotUtf8Text => "no es texto UTF-8",
        Label::NoFreeName => "no hay un nombre libre para apartar el archivo",
        Label::SignedOff => "Revisión",
        Label::History => "Historial",
        Label::ByStaff => "personal",
        Label::SomeAnswer => "(respuesta)",
        Label::NoneGiven => "(ninguna)",
        Label::Note => "Nota",
        Label::NoRuleApplies => "No se aplica ninguna regla de cribado.",
        Label::Reasons => "Motivos",
        Label::Plan => "Plan",
        Label::Sessions => "Sesiones",
        Label::Interval => "Intervalo",
        Label::Maintenance => "Mantenimiento",
        Label::Course => "Tratamiento",
        Label::NonePlanned => "ninguna prevista (no se eligió ningún objetivo)",
        Label::NoneNeeded => "no es necesario",
        Label::ProposedSchedule => "Calendario propuesto",
        Label::Schedule => "Calendario",
        Label::ApproveBeforeDates => {
            "⚠ Un médico debe aprobar el tratamiento antes de fijar ninguna fecha."
        }
        Label::ProvisionalDates => {
            "⚠ Provisional: estas fechas solo son válidas cuando un médico haya aprobado el \
             tratamiento."
        }
        Label::NoSessionsNotSuitable => "No hay sesiones previstas: no apto.",
        Label::NoSessionsUntilDelayOver => {
            "No se pueden programar sesiones hasta que termine el aplazamiento."
        }
        Label::NoSessionsYet => "Aún no se pueden programar sesiones.",
        Label::NoSessionsUnderOverride => "No hay sesiones previstas con la modificación.",
        Label::IfNeeded => "si es necesario",
        Label::Notes => "Notas",
        Label::ClinicianNote => "Nota del profesional",
        Label::Override => "Modificación",
        Label::Computed => "calculada",
        Label::ComputedVerdict => "valoración calculada",
        Label::KeptInRecord => "se conserva en el registro",
        Label::Reason => "Motivo",
        Label::Verdict => "Valoración",
        Label::DefaultTitle => "Consulta de microagujas",
        Label::NoNameGiven => "(no se indicó nombre)",
        Label::NoAnswer => "(sin respuesta)",
        Label::DateOfBirth => "Fecha de nacimiento",
        Label::Age => "Edad",
        Label::Answered => "Respondido",
        Label::Finished => "Terminado",
        Label::AssessedOn => "Valorado el",
        Label::Record => "Registro",
        Label::Questionnaire => "Cuestionario",
        Label::Patient => "Paciente",
        Label::Name => "Nombre",
        Label::Answers => "Respuestas",
        Label::Question => "Pregunta",
        Label::Answer => "Respuesta",
        Label::Changes => "Cambios",
        Label::NoChanges => {
            "No se ha cambiado ninguna respuesta desde que se terminó el cuestionario."
        }
        Label::When => "Cuándo",
        Label::By => "Por",
        Label::Before => "Antes",
        Label::After => "Después",
        Label::Review => "Revisión",
        Label::NotReviewed => "Aún no revisado.",
        Label::Session => "Sesión",
        Label::Date => "Fecha",
        Label::Confirmation => {
            "Confirmo que mis respuestas anteriores son verdaderas y completas según mi leal \
             saber y entender, y que se me han explicado la valoración y el plan."
        }
        Label::PatientSignature => "Firma del paciente",
        Label::ClinicianSignature => "Firma del profesional",
    }
}

/// The key as it is read, and what it does.
pub fn hint(hint: Hint) -> (&'static str, &'static str) {
    match hint {
        Hint::Choose => ("↑↓", "elegir"),
        Hint::Open => ("Intro", "abrir"),
        Hint::Find => ("/", "buscar"),
        Hint::ShowAll => ("Esc", "ver todo"),
        Hint::Delete => ("d", "borrar"),
        Hint::Quit => ("q", "salir"),
        Hint::Scroll => ("↑↓", "desplazar"),
        Hint::ChangeAnswers => ("e", "respuestas"),
        Hint::StaffMenu => ("q/Esc", "volver al menú del personal"),
        Hint::FilterDay => ("t", "día"),
        Hint::FilterState => ("f", "estado"),
        Hint::ChangeNote => ("n", "nota"),
        Hint::File => ("f", "archivo"),
        Hint::SignOff => ("s", "firmar"),
        Hint::Override => ("o", "modificar"),
        Hint::Print => ("p", "imprimir"),
        Hint::BackToList => ("Esc", "la lista"),
        Hint::Begin => ("Intro", "empezar"),
        Hint::Finish => ("Intro", "terminar"),
        Hint::ChooseByDigit => ("↑↓/número", "elegir"),
        Hint::Move => ("↑↓", "mover"),
        Hint::Tick => ("Espacio", "marcar"),
        Hint::YesNo => ("s/n", "elegir"),
        Hint::TypeAnswer => ("escriba", "respuesta"),
        Hint::TypeDate => ("escriba", "fecha"),
        Hint::Next => ("Intro", "siguiente"),
        Hint::Back => ("Esc", "atrás"),
        Hint::Note => ("F2", "nota"),
        Hint::OverrideF3 => ("F3", "modificar"),
        Hint::Leave => ("Ctrl-C", "salir"),
        Hint::OpenOrSubmit => ("Intro", "abrir / enviar"),
        Hint::TryAgain => ("r", "reintentar"),
        Hint::NextPatient => ("Intro", "siguiente paciente"),
        Hint::LeaveKept => ("Ctrl-C", "salir (queda sin terminar)"),
        Hint::NewLine => ("Alt-Intro", "nueva línea"),
        Hint::StartOver => ("F5", "empezar de nuevo"),
        Hint::CallStaff => ("F9", "llamar al personal"),
    }
}

#[allow(clippy::too_many_lines)] // one arm per sentence: the catalogue itself
pub fn say(say: &Say) -> String {
    match *say {
        // Non-breaking spaces keep each number with its unit.
        Say::CourseTakes { sessions, weeks } => format!(
            "Según sus respuestas, un tratamiento suele constar de unas {}, con {} entre una y \
             otra.",
            count(sessions, "\u{a0}", "sesión", "sesiones"),
            count(weeks, "\u{a0}", "semana", "semanas")
        ),
        Say::ClearsIn { seconds } => format!(
            "Para proteger la confidencialidad de sus respuestas, esta pantalla se borrará en {}.",
            count(format!("{seconds:.0}"), " ", "segundo", "segundos")
        ),
        Say::ChangeAnswersWith { name } => format!("Cambiar respuestas con {name}"),
        Say::NoteBy { note, by } => format!("{note} — {by}"),
        Say::RecordOfName { name } => format!("Registro de {name}"),
        Say::VersionKeptAs { version, path } => {
            format!("La versión {version} se conserva en {path}")
        }
        Say::QuestionOf { number, of } => format!("Pregunta {number} de {of}"),
        Say::CharactersOf { typed, most } => {
            format!("{typed} de {}", count(most, " ", "carácter", "caracteres"))
        }
        Say::PinWrong { tries_left } => format!(
            "Ese PIN no es correcto. {}",
            if tries_left == 1 {
                "Queda 1 intento.".to_owned()
            } else {
                format!("Quedan {tries_left} intentos.")
            }
        ),
        Say::PinWait { seconds } => {
            format!(
                "Demasiados intentos fallidos. Espere {}, por favor.",
                count(format!("{seconds:.0}"), " ", "segundo", "segundos")
            )
        }
        Say::WindowTooSmall {
            least_width,
            least_height,
            width,
            height,
        } => format!("Necesita al menos {least_width} × {least_height}; tiene {width} × {height}."),
        Say::AnsweredOf { answered, shown } => format!("{answered} de {shown} respondidas"),
        Say::FinishedSavedAs { file } => format!("TERMINADO, guardado como {file}"),
        Say::NewerFormat {
            format_version,
            file,
        } => format!("FORMATO MÁS RECIENTE {format_version}, se deja como está: {file}"),
        Say::Damaged { file, reason } => {
            format!("DAÑADO, no se puede abrir: {file} ({reason})")
        }
        Say::SavedTo { path } => format!("✔ Guardado en {path}"),
        Say::NotSaved { dir, cause } => format!(
            "⚠ NO GUARDADO: no se pudo escribir el resumen en la carpeta {dir} ({cause}). \
             Las respuestas se conservan. Corrija la carpeta y pulse r para reintentar."
        ),
        Say::ResultFor {
            name,
            age,
            assessed,
        } => format!("Resultado de {name}{} — valorado el {assessed}", years(age)),
        Say::RecordOf {
            name,
            age,
            version,
            versions,
        } => format!(
            "Registro de {name}{} — versión {version} de {versions}",
            years(age)
        ),
        Say::OverrideBy { by, verdict } => format!("Modificada por {by}: {verdict}"),
        Say::OverrideReason { reason } => {
            format!("{reason} (la valoración calculada de arriba se conserva en el registro)")
        }
        Say::ScheduleInForce { from } => {
            format!("Calendario vigente — el de la modificación, desde el {from}:")
        }
        Say::ClearedFrom { date } => format!("Apto para tratar desde el {date}"),
        Say::ClearedFromShort { date } => format!("apto desde el {date}"),
        Say::LeftAtKiosk { minutes } => match minutes {
            ..=0 => "se fue del quiosco hace un momento".to_owned(),
            1..=59 => format!("se fue del quiosco hace {minutes} min"),
            60..=1439 => format!("se fue del quiosco hace {} h", minutes / 60),
            1440..=2879 => "se fue del quiosco hace 1 día".to_owned(),
            _ => format!("se fue del quiosco hace {} días", minutes / 1440),
        },
        Say::ListShowing { state, day } => format!("Entrevistas de la clínica: {state}, {day}"),
        Say::ComputedStays { verdict } => {
            format!("Calculada: {verdict} (se conserva en el registro)")
        }
        Say::ByOn { by, at } => format!("por {by} el {at}"),
        Say::ByWhom { by } => format!("por {by}"),
        Say::FinishedPlace { place, at } => format!("terminado {place} el {at}"),
        Say::SignedOffHistory { decision, by, at } => {
            format!("revisión firmada ({decision}) por {by} el {at}")
        }
        Say::AnswersChanged { by, at } => format!("respuestas cambiadas por {by} el {at}"),
        Say::AssessAgain { date } => format!("→ volver a valorar a partir del {date}"),
        Say::AssessAgainAll { date } => format!(
            "Volver a valorar a partir del {date} (cuando hayan terminado todos los \
             aplazamientos)"
        ),
        Say::EveryWeeks { weeks: "1" } => "cada semana".to_owned(),
        Say::EveryWeeks { weeks } => format!("cada {weeks} semanas"),
        Say::MaintenanceEvery { months: "1" } => "una sesión cada mes".to_owned(),
        Say::MaintenanceEvery { months } => format!("una sesión cada {months} meses"),
        Say::Weeks { weeks } => count(weeks, " ", "semana", "semanas"),
        Say::Years { age } => count(age, " ", "año", "años"),
        Say::RecordVersion {
            intake,
            version,
            replaces,
        } => format!(
            "cuestionario {intake}, versión {version}{}",
            replaces
                .map(|s| format!(" (sustituye a {s})"))
                .unwrap_or_default()
        ),
        Say::QuestionnaireVersion { id, version } => format!("{id} versión {version}"),
        Say::OverrideByOn { by, at, computed } => format!(
            "Modificada por {by} el {at}; la valoración calculada, {computed}, se conserva en el \
             registro."
        ),
        Say::SessionsFromOverride { start } => {
            format!("Sesiones desde el {start} (el calendario de la modificación)")
        }
        Say::SessionsFromOverrideBelow { start } => {
            format!("Sesiones desde el {start} (el calendario de la modificación, abajo).")
        }
        Say::DecisionByOn { decision, by, at } => format!("{decision} por {by} el {at}"),
        Say::CannotRead { path, error } => {
            format!("{path}: no se puede leer el archivo: {error}")
        }
        Say::NotUtf8 { path } => format!("{path}: no es texto UTF-8"),
        Say::NotRegular { kind } => {
            let kind = match kind {
                FileKind::SymbolicLink => "un enlace simbólico",
                FileKind::Fifo => "un FIFO (tubería con nombre)",
                FileKind::Device => "un dispositivo",
                FileKind::Socket => "un socket",
                FileKind::Folder => "una carpeta",
                FileKind::Other => "algo que no es un archivo normal",
            };
            format!("es {kind}, no un archivo normal; indique la ruta de un archivo")
        }
        Say::TooLarge { cap } => format!(
            "es mayor que {}, lo máximo que lee skin-intake; compruebe que es el archivo correcto",
            size(cap)
        ),
        Say::FolderOpenToOthers { dir, mode } => format!(
            "Otros usuarios de este ordenador pueden abrir la carpeta {dir} (permisos \
             {mode:o}). Para proteger las respuestas de los pacientes: chmod 700 {dir}"
        ),
        Say::NotSavedStays { cause } => format!(
            "No se pudo guardar el cuestionario ({cause}), así que sigue en pantalla. Corrija la \
             carpeta y vuelva a intentarlo."
        ),
        Say::LeavingLoses { cause } => format!(
            "No se pudo guardar el cuestionario ({cause}), así que salir ahora perdería sus \
             respuestas. Corrija la carpeta y pulse Ctrl-C de nuevo para guardar y salir, o \
             pulse Ctrl-C de nuevo para salir sin guardar."
        ),
        Say::DamagedKept { path } => {
            format!("Este archivo está dañado y no se puede abrir. Se ha conservado como {path}.")
        }
        Say::SubmittedAsStopped { summary } => format!(
            "Este cuestionario se envió cuando skin-intake se detuvo; su resumen está guardado \
             como {summary}. No se puede volver a abrir."
        ),
        Say::NewerDraft {
            path,
            format_version,
        } => format!(
            "{path} lo guardó un skin-intake más reciente (formato de borrador \
             {format_version}); ábralo con esa versión. Se deja como está."
        ),
        Say::ResumeOffer {
            name,
            born,
            when,
            answered,
            shown,
        } => format!(
            "{name} (nacido el {born}) tiene un cuestionario sin terminar del {when}, con \
             {answered} de {shown} respuestas. ¿Retomarlo?"
        ),
        Say::AskDelete { unfinished_of } => {
            let what = match unfinished_of {
                Some(name) => format!(
                    "el cuestionario sin terminar de {}",
                    name.unwrap_or("un paciente aún sin nombre")
                ),
                None => "este archivo dañado".to_owned(),
            };
            format!(
                "¿Borrar {what}? Sus respuestas se perderán para siempre. Pulse d otra vez para \
                 borrar, o cualquier otra tecla para conservarlo."
            )
        }
        Say::PagePrinted { page } => format!(
            "La página para imprimir se ha guardado como {page} (ábrala en un navegador e \
             imprímala)."
        ),
        Say::PageNotPrinted { beside, error } => {
            format!("No se pudo escribir la página para imprimir junto a {beside}: {error}")
        }
        Say::NotDurable { path, error } => {
            format!("{path} se escribió pero no se pudo hacer duradero: {error}")
        }
        Say::OtherQuestionnaire { id, version, not } => {
            format!("el cuestionario '{id}' (versión {version}), no '{not}'")
        }
        Say::OtherQuestionnaireVersion { version, not } => {
            format!("la versión {version} del cuestionario, no la versión {not}")
        }
        Say::DraftsFolder {
            dir,
            why: FolderProblem::Link,
        } => format!(
            "{dir} es un enlace simbólico; skin-intake guarda los cuestionarios sin terminar solo \
             dentro de la carpeta de salida: quite el enlace (su destino no se toca)"
        ),
        Say::DraftsFolder {
            dir,
            why: FolderProblem::NotAFolder,
        } => format!(
            "{dir} no es una carpeta; muévalo a otro sitio para que skin-intake pueda crear la \
             carpeta"
        ),
        Say::DraftsFolder {
            dir,
            why: FolderProblem::Others,
        } => format!(
            "{dir} pertenece a otro usuario; skin-intake guarda los cuestionarios sin terminar \
             solo en una carpeta propia: muévala a otro sitio"
        ),
        Say::IntakeFinished { summary } => {
            format!("este cuestionario está terminado; su resumen está guardado como {summary}")
        }
        Say::DraftUnreadable { reason } => format!("no se puede leer su borrador: {reason}"),
        Say::DraftNewer { version } => {
            format!("lo guardó un skin-intake más reciente (formato de borrador {version})")
        }
        Say::NotADraft { format } => {
            format!("no es un borrador de skin-intake (formato '{format}')")
        }
        Say::IdNotFileName { id } => {
            format!("su id '{id}' no es su nombre de archivo; puede que se haya copiado a mano")
        }
        Say::MoreProblems { count } => format!(
            "… y {count} {} más",
            if count == 1 { "problema" } else { "problemas" }
        ),
        Say::StoppedBy { signal: Some(name) } => format!("por {name}"),
        Say::StoppedBy { signal: None } => "porque su terminal desapareció".to_owned(),
        Say::TerminalFailed { cause } => {
            format!("porque no se pudo dibujar en su terminal ({cause})")
        }
        Say::InternalError { place, drafts } => format!(
            "skin-intake se detuvo por un error interno{}. Las respuestas confirmadas hasta ahora \
             se conservan en {drafts}; inicie skin-intake de nuevo para continuar el \
             cuestionario.",
            place
                .map(|(file, line)| format!(" en {file}:{line}"))
                .unwrap_or_default()
        ),
        Say::PageFooter {
            summary,
            format_version,
        } => format!("resumen de skin-intake {summary}, formato {format_version}"),
    }
}

/// `bytes` in words: "10 MB", "1 KB", "512 bytes".
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1024 * 1024 && b % (1024 * 1024) == 0 => format!("{} MB", b / (1024 * 1024)),
        b if b >= 1024 && b % 1024 == 0 => format!("{} KB", b / 1024),
        b => format!("{b} bytes"),
    }
}

/// `, 44 años` after a name, or nothing.
fn years(age: Option<u32>) -> String {
    age.map(|a| format!(", {}", count(a, " ", "año", "años")))
        .unwrap_or_default()
}

/// A verdict in words, with a symbol so that it never rests on colour alone.
pub fn verdict(level: Level) -> &'static str {
    match level {
        Level::Suitable => "✔ APTO",
        Level::SuitableWithPrecautions => "▲ APTO CON PRECAUCIONES",
        Level::PhysicianReview => "? REQUIERE REVISIÓN MÉDICA",
        Level::Delay => "⏸ APLAZAR EL TRATAMIENTO",
        Level::NotSuitable => "✖ NO APTO",
    }
}

/// The verdict in a list row: its symbol and a short word.
pub fn verdict_short(level: Level) -> &'static str {
    match level {
        Level::Suitable => "✔ apto",
        Level::SuitableWithPrecautions => "▲ precauciones",
        Level::PhysicianReview => "? revisión médica",
        Level::Delay => "⏸ aplazar",
        Level::NotSuitable => "✖ no apto",
    }
}

pub fn decision(decision: Decision) -> &'static str {
    match decision {
        Decision::Cleared => "Apto para tratar",
        Decision::HasIssues => "Hay asuntos pendientes: hacer seguimiento con el paciente",
        Decision::Approved => "Aprobado",
        Decision::Declined => "No apto: no es adecuado",
        Decision::NeedsPhysician => "Requiere un médico",
    }
}

/// A decision in a list row, among other flags.
pub fn decision_short(decision: Decision) -> &'static str {
    match decision {
        Decision::Cleared => "apto",
        Decision::HasIssues => "asuntos pendientes",
        Decision::Approved => "aprobado",
        Decision::Declined => "no apto",
        Decision::NeedsPhysician => "requiere un médico",
    }
}

pub fn mode(mode: Mode, form: ModeForm) -> &'static str {
    match (form, mode) {
        (ModeForm::Answered, Mode::Kiosk) => "por el paciente en el quiosco",
        (ModeForm::Answered, Mode::Staff) => "con un miembro del personal",
        (ModeForm::Answered | ModeForm::Place, Mode::Batch) => "desde un archivo de respuestas",
        (ModeForm::Column, Mode::Kiosk) => "quiosco",
        (ModeForm::Column, Mode::Staff) => "personal",
        (ModeForm::Column, Mode::Batch) => "archivo",
        (ModeForm::Place, Mode::Kiosk) => "en el quiosco",
        (ModeForm::Place, Mode::Staff) => "con el personal",
    }
}

/// Day first, years as four digits: `3 de diciembre de 2026`, `3 dic 2026`.
pub fn date(date: NaiveDate, form: DateForm) -> String {
    let (day, month, year) = (date.day(), date.month0() as usize, date.year());
    match form {
        DateForm::Long => format!("{day} de {} de {year:04}", MONTHS[month]),
        DateForm::Short => format!("{day} {} {year:04}", MONTHS_SHORT[month]),
        DateForm::ShortNoYear => format!("{day} {}", MONTHS_SHORT[month]),
        DateForm::Weekday => format!(
            "{} {day} {} {year:04}",
            WEEKDAYS_SHORT[date.weekday().num_days_from_monday() as usize],
            MONTHS_SHORT[month]
        ),
    }
}

/// A month of a year: `agosto 2026`.
pub fn month(first_day: NaiveDate) -> String {
    format!(
        "{} {:04}",
        MONTHS[first_day.month0() as usize],
        first_day.year()
    )
}

pub fn moment(at: &DateTime<FixedOffset>, form: MomentForm) -> String {
    let day = at.date_naive();
    let time = format!("{:02}:{:02}", at.hour(), at.minute());
    match form {
        MomentForm::Printed => format!("{}, {time}", date(day, DateForm::Long)),
        MomentForm::Long => format!("{} {time}", date(day, DateForm::Long)),
        MomentForm::Short => format!("{} {time}", date(day, DateForm::Short)),
        MomentForm::ShortNoYear => format!("{} {time}", date(day, DateForm::ShortNoYear)),
    }
}
