//! The profile: whose name ticks and entries carry, in which language the app speaks, and whether
//! it is used by a student or a mentor.

use super::{ProfileChanged, RecordingError, Result, Workspace};
use crate::store::Change;

impl Workspace {
    /// Sets the name recorded with ticks and the UI language.
    pub fn set_profile(&mut self, profile: crate::profile::Profile) -> Result<ProfileChanged> {
        let name = profile.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(RecordingError::InvalidName.into());
        }
        let profile = crate::profile::Profile {
            name: name.to_owned(),
            lang: profile.lang,
            mode: profile.mode,
        };
        self.record_entry(Change::ProfileChanged, |e| {
            e.profile = Some(profile.clone())
        })?;
        self.state.profile = profile;
        Ok(ProfileChanged)
    }

    /// On the first start of a new installation (an empty journal, the profile as it comes),
    /// takes the computer's language; from then on the profile's language is the user's to
    /// switch, and stays. Answers whether it changed anything.
    pub fn adopt_system_language(&mut self, lang: crate::text::Lang) -> Result<bool> {
        let fresh =
            self.store.entries() == 0 && self.state.profile == crate::profile::Profile::default();
        if !fresh || self.state.profile.lang == lang {
            return Ok(false);
        }
        let profile = crate::profile::Profile {
            lang,
            ..self.state.profile.clone()
        };
        self.set_profile(profile)?;
        Ok(true)
    }
}
