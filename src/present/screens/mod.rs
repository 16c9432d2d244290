//! **Screens**: what the user sees of a [`Workspace`], built from its state in the user's language:
//! the status and the dashboard, one recording, the mentor's desk, the final assessment, and the
//! files a person reads (the dossier, the calendar) and the reminders. Each is a read-only method
//! of the workspace defined here, above the verbs, so the verbs know no view.
//!
//! [`Show`] turns what a verb changed into the screen that shows the change, which is how one
//! action is answered in one round trip (see [`crate::app::App::act`]).

mod assessment;
mod calendar;
mod check;
mod dashboard;
mod desk;
mod dossier;
mod lesson_day;
mod reminders;
mod statement;

pub use check::check_dossier;
pub use reminders::Reminder;

use crate::views::{AppStatus, AssessmentView, DeskView, ReceiptPreviewView, RecordingView};
use crate::workspace::{
    AssessmentChanged, BackupReport, DeskChanged, FileReport, ProfileChanged, ReceiptRead,
    RecordingChanged, Workspace, WorkspaceError,
};

type Result<T, E = WorkspaceError> = std::result::Result<T, E>;

/// What a verb changed, shown: the screen the user sees of it.
pub trait Show {
    /// The view of the change.
    type View;
    /// The view as of now.
    fn show(self, ws: &Workspace) -> Result<Self::View>;
}

impl Show for RecordingChanged {
    type View = RecordingView;
    fn show(self, ws: &Workspace) -> Result<RecordingView> {
        ws.view(&self.id)
    }
}

impl Show for DeskChanged {
    type View = DeskView;
    fn show(self, ws: &Workspace) -> Result<DeskView> {
        ws.desk()
    }
}

impl Show for ReceiptRead {
    type View = ReceiptPreviewView;
    fn show(self, ws: &Workspace) -> Result<ReceiptPreviewView> {
        Ok(desk::receipt_preview(&self, ws.lang()))
    }
}

impl Show for AssessmentChanged {
    type View = AssessmentView;
    fn show(self, ws: &Workspace) -> Result<AssessmentView> {
        ws.assessment()
    }
}

impl Show for ProfileChanged {
    type View = AppStatus;
    fn show(self, ws: &Workspace) -> Result<AppStatus> {
        ws.status()
    }
}

/// A report of a written file is its own view.
macro_rules! shown_as_is {
    ($($report:ty),*) => {$(
        impl Show for $report {
            type View = $report;
            fn show(self, _: &Workspace) -> Result<$report> {
                Ok(self)
            }
        }
    )*};
}
shown_as_is!(BackupReport, FileReport);
