//! The desk: intakes under way. It starts, resumes (taking the draft's lock), saves and submits
//! them, and queues what is written for the FHIR server. Every answer and the step stay in the
//! engine's [`Intake`]; the desk keeps what belongs to the clinic's files: the draft, its lock, and
//! the record an intake changes.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::delivery::{self, Queued};
use super::summary::{self, Added};
use crate::engine::intake::Intake;
use crate::engine::summary::{Metadata, Mode, Override, Summary};
use crate::fhir::delivery::Sender;
use crate::model::answer::Answers;
use crate::model::questionnaire::Questionnaire;
use crate::store::durability::Syncer;
use crate::store::{self, Draft, DraftLock, LockError, OpenError, Version};

/// The clinic's files and the questionnaire in use, for one front door.
#[derive(Debug)]
pub struct Desk {
    pub(super) out: PathBuf,
    pub(super) questionnaire: Arc<Questionnaire>,
    pub(super) language: String,
    pub(super) today: NaiveDate,
    pub(super) delivery: Option<Sender>,
    /// Makes saved drafts durable off the caller's thread; [`Desk::durable`] waits for it.
    syncer: Syncer,
}

/// An intake at the desk, beside its [`Intake`]: its draft (written from the first save) and the
/// draft's lock, or the record whose answers it changes.
#[derive(Debug)]
pub struct Case {
    draft: Draft,
    /// Held from the first save (or from resuming) until the intake is submitted or put away: no
    /// other terminal can open it meanwhile.
    lock: Option<DraftLock>,
    amending: Option<Amending>,
}

/// A record whose answers are being changed with the patient: its versions, and who changes them.
#[derive(Debug)]
pub struct Amending {
    pub versions: Vec<Version>,
    pub by: String,
}

impl Case {
    /// The intake's id: its draft's and its record's.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.draft.id
    }

    #[must_use]
    pub fn mode(&self) -> Mode {
        self.draft.mode
    }

    #[must_use]
    pub fn note(&self) -> Option<&str> {
        self.draft.clinician_note.as_deref()
    }

    pub fn set_note(&mut self, note: Option<String>) {
        self.draft.clinician_note = note;
    }

    #[must_use]
    pub fn verdict_override(&self) -> Option<&Override> {
        self.draft.verdict_override.as_ref()
    }

    pub fn set_override(&mut self, verdict_override: Option<Override>) {
        self.draft.verdict_override = verdict_override;
    }

    /// Set when the intake changes a finished record: submitting saves its next version, not a
    /// draft or a record of its own.
    #[must_use]
    pub fn amending(&self) -> Option<&Amending> {
        self.amending.as_ref()
    }

    /// Nothing in it is worth keeping: no answer, note or override.
    #[must_use]
    pub fn is_empty(&self, intake: &Intake) -> bool {
        intake.answers().is_empty()
            && self.draft.clinician_note.is_none()
            && self.draft.verdict_override.is_none()
    }

    /// Lets other terminals open this intake: this front door is done with it.
    pub fn release(&mut self) {
        self.lock = None;
    }
}

/// An intake opened again from its draft, as the draft is on disk now.
#[derive(Debug)]
pub struct Resumed {
    pub case: Case,
    /// At its first unanswered shown question.
    pub intake: Intake,
    /// The questionnaire the draft was started with, when it is another than the one in use.
    pub made_with: Option<String>,
    /// Questions whose saved answers no longer fit the questionnaire, left out.
    pub dropped: Vec<String>,
    /// Questions whose meaning changed since the draft was saved: their answers are left out
    /// and asked again.
    pub asked_again: Vec<String>,
}

/// A draft that could not be saved: the folder and why.
#[derive(Debug)]
pub struct NotSaved {
    pub dir: PathBuf,
    pub error: LockError,
}

impl fmt::Display for NotSaved {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.dir.display(), self.error)
    }
}

/// A submitted intake: its record written once, its draft gone.
#[derive(Debug)]
pub struct Submitted {
    pub path: PathBuf,
    /// What went wrong removing the draft (it is then listed as finished, never resumed).
    pub leftover: Option<io::Error>,
    pub queued: Queued,
}

/// Why an intake's record could not be written; the intake stays open, with its lock.
#[derive(Debug)]
pub enum NotSubmitted {
    /// Its draft's lock could not be taken (open on another terminal, or the I/O error).
    Lock(LockError),
    Write(io::Error),
}

impl fmt::Display for NotSubmitted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotSubmitted::Lock(e) => e.fmt(f),
            NotSubmitted::Write(e) => e.fmt(f),
        }
    }
}

impl Desk {
    /// The language of the intakes started from now on (the kiosk's patient picks it).
    pub fn set_language(&mut self, language: &str) {
        language.clone_into(&mut self.language);
    }

    /// The desk for `out`, with `questionnaire` in `language`, assessing on `today`; records go to
    /// the FHIR server of `delivery` when there is one.
    #[must_use]
    pub fn new(
        out: PathBuf,
        questionnaire: Arc<Questionnaire>,
        language: &str,
        today: NaiveDate,
        delivery: Option<Sender>,
    ) -> Self {
        Desk {
            out,
            questionnaire,
            language: language.to_owned(),
            today,
            delivery,
            syncer: Syncer::start(),
        }
    }

    /// The folder of the clinic's files.
    #[must_use]
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// The folder's permissions, when other users of this computer can open it.
    #[must_use]
    pub fn open_to_others(&self) -> Option<u32> {
        store::open_to_others(&self.out)
    }

    /// The folder of unfinished intakes.
    #[must_use]
    pub fn unfinished_dir(&self) -> PathBuf {
        self.out.join(store::UNFINISHED)
    }

    fn intake(&self, answers: Answers) -> Intake {
        Intake::new(
            Arc::clone(&self.questionnaire),
            answers,
            self.today,
            &self.language,
        )
    }

    /// A new intake, at its first question; nothing is written until it is saved.
    #[must_use]
    pub fn start(&self, mode: Mode, now: DateTime<FixedOffset>) -> (Case, Intake) {
        let draft = Draft::new(&self.questionnaire, &self.language, mode, now);
        let case = Case {
            draft,
            lock: None,
            amending: None,
        };
        (case, self.intake(Answers::new()))
    }

    /// Deletes the draft of `case`, an intake given up for another (staff resumed the
    /// patient's unfinished one instead).
    ///
    /// # Errors
    /// [`LockError`]: open elsewhere meanwhile, or the file could not be removed.
    pub fn discard(&self, mut case: Case) -> Result<(), LockError> {
        // Its own lock is let go first: deleting takes the lock again.
        case.release();
        store::delete_draft(&self.out, case.id())
    }

    /// Resumes intake `id` as its draft is on disk now, holding its lock; the answers that no
    /// longer fit the questionnaire in use are left out and named.
    ///
    /// # Errors
    /// [`OpenError`]: open on another terminal, finished or gone meanwhile, unreadable.
    pub fn resume(&self, id: &str) -> Result<Resumed, OpenError> {
        let (mut draft, lock) = store::open_draft(&self.out, id)?;
        let made_with = draft.made_with_other(&self.questionnaire);
        let resumed = draft.resume(&self.questionnaire);
        // From now on the draft holds answers to this questionnaire.
        draft.questionnaire_id.clone_from(&self.questionnaire.id);
        draft
            .questionnaire_version
            .clone_from(&self.questionnaire.version);
        Ok(Resumed {
            case: Case {
                draft,
                lock: Some(lock),
                amending: None,
            },
            intake: self.intake(resumed.answers),
            made_with,
            dropped: resumed.dropped,
            asked_again: resumed.asked_again,
        })
    }

    /// Starts changing the answers of the record whose versions are `versions` (oldest first),
    /// by `by`: an intake at the review of the latest version's answers, assessed on today's
    /// date. Returns `None` for a record with no version; else the answers that no longer fit
    /// the questionnaire, left out.
    #[must_use]
    pub fn amend(
        &self,
        versions: Vec<Version>,
        by: String,
        now: DateTime<FixedOffset>,
    ) -> Option<(Case, Intake, Vec<String>)> {
        let latest = &versions.last()?.summary;
        let (answers, dropped) = crate::load::summary::answers_of(&self.questionnaire, latest);
        let mut intake = self.intake(answers);
        intake.open_review();
        // The draft is never written: a record's changes are kept when they are saved.
        let draft = Draft::new(&self.questionnaire, &self.language, latest.mode, now);
        let case = Case {
            draft,
            lock: None,
            amending: Some(Amending { versions, by }),
        };
        Some((case, intake, dropped))
    }

    /// Saves the intake as its draft, with the question on screen, taking the draft's lock with
    /// the first save. The draft is durable soon after ([`Desk::durable`] waits for it). An intake
    /// that changes a record writes nothing: its changes are kept when they are saved as the
    /// record's next version; the latest version's file is returned.
    ///
    /// # Errors
    /// [`NotSaved`]: the folder and the cause.
    pub fn save(
        &self,
        case: &mut Case,
        intake: &Intake,
        now: DateTime<FixedOffset>,
    ) -> Result<PathBuf, NotSaved> {
        if let Some(amending) = &case.amending {
            return amending
                .versions
                .last()
                .map(|v| v.path.clone())
                .ok_or_else(|| NotSaved {
                    dir: self.out.clone(),
                    error: LockError::Io(io::Error::other("the record has no version")),
                });
        }
        case.draft
            .record(intake.answers(), intake.current_question(), now);
        let not_saved = |error| NotSaved {
            dir: self.unfinished_dir(),
            error,
        };
        let lock = match case.lock.take() {
            Some(lock) => lock,
            None => store::lock_draft(&self.out, &case.draft.id).map_err(not_saved)?,
        };
        let saved = store::save_draft_soon_durable(&self.out, &case.draft, &lock, &self.syncer)
            .map_err(|e| not_saved(LockError::Io(e)));
        case.lock = Some(lock);
        saved
    }

    /// Waits until every saved draft is durable on disk, as leaving must.
    ///
    /// # Errors
    /// The first fsync that failed since the last wait.
    pub fn durable(&self) -> io::Result<()> {
        self.syncer.wait()
    }

    /// Version 1 of the intake's record, finished now: its answers and what staff added.
    #[must_use]
    pub fn summary(
        &self,
        case: &Case,
        intake: &Intake,
        mode: Mode,
        now: DateTime<FixedOffset>,
    ) -> Summary {
        let meta = Metadata {
            // One intake, one record: the summary carries the intake's id.
            id: case.draft.id.clone(),
            language: self.language.clone(),
            mode,
            completed_at: now,
            reference_date: self.today,
        };
        let added = Added {
            clinician_note: case.draft.clinician_note.clone(),
            verdict_override: case.draft.verdict_override.clone(),
        };
        summary::assemble(&self.questionnaire, intake.answers(), meta, added)
    }

    /// Submits the intake: writes its record once (when it exists already, from a submission
    /// that stopped half way, that one stands), removes its draft and lock, and queues the record
    /// for the FHIR server.
    ///
    /// # Errors
    /// [`NotSubmitted`]: nothing was written; the intake keeps its lock.
    pub fn submit(
        &self,
        case: &mut Case,
        summary: &Summary,
        now: DateTime<FixedOffset>,
    ) -> Result<Submitted, NotSubmitted> {
        let lock = match case.lock.take() {
            Some(lock) => lock,
            None => store::lock_draft(&self.out, &case.draft.id).map_err(NotSubmitted::Lock)?,
        };
        match store::submit(&self.out, summary, lock) {
            Ok(submitted) => Ok(Submitted {
                path: submitted.summary,
                leftover: submitted.leftover,
                queued: self.queue(summary, now),
            }),
            Err(store::NotSubmitted { error, lock }) => {
                case.lock = Some(lock);
                Err(NotSubmitted::Write(error))
            }
        }
    }

    /// Queues a written record for the FHIR server, when there is one.
    #[must_use]
    pub fn queue(&self, summary: &Summary, now: DateTime<FixedOffset>) -> Queued {
        delivery::queue(
            self.delivery.as_ref(),
            &self.out,
            summary,
            &self.questionnaire,
            now,
        )
    }
}
