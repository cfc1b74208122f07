//! The File menu's recent files, kept in eframe's persistence under
//! [`RECENT_KEY`]: paths only, never session data. Files that were moved
//! or deleted stay listed, disabled and marked "(missing)".

use std::path::{Path, PathBuf};

/// The eframe storage key of the list (a RON list of path strings).
pub const RECENT_KEY: &str = "recent_files";
/// How many files the list keeps, most recent first.
pub const RECENT_MAX: usize = 10;

/// Recently opened or saved session files, most recent first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecentFiles {
    paths: Vec<PathBuf>,
}

impl RecentFiles {
    /// The list as stored; empty when there is none or it is unreadable.
    pub fn load(storage: &dyn eframe::Storage) -> Self {
        let stored: Vec<String> = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
        let mut paths: Vec<PathBuf> = Vec::new();
        for path in stored.into_iter().map(PathBuf::from) {
            if !paths.contains(&path) && paths.len() < RECENT_MAX {
                paths.push(path);
            }
        }
        Self { paths }
    }

    /// Store the list (paths that are not valid Unicode are left out).
    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        let paths: Vec<&str> = self.paths.iter().filter_map(|p| p.to_str()).collect();
        eframe::set_value(storage, RECENT_KEY, &paths);
    }

    /// Put a file first (as an absolute path), keeping at most
    /// [`RECENT_MAX`].
    pub fn add(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        self.paths.retain(|p| *p != path);
        self.paths.insert(0, path);
        self.paths.truncate(RECENT_MAX);
    }

    /// Add every path of `older` after the current ones (for a list read
    /// from storage after files were already opened).
    pub fn append(&mut self, older: RecentFiles) {
        for path in older.paths {
            if !self.paths.contains(&path) && self.paths.len() < RECENT_MAX {
                self.paths.push(path);
            }
        }
    }

    /// The files, most recent first.
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The entries of an "Open recent" menu; the file picked, if any.
    /// Missing files are shown disabled with "(missing)".
    pub fn menu_ui(&mut self, ui: &mut egui::Ui) -> Option<PathBuf> {
        if self.paths.is_empty() {
            ui.add_enabled(false, egui::Button::new("No recent files"));
            return None;
        }
        let mut picked = None;
        for path in &self.paths {
            let name = crate::store::display_name(path);
            let exists = path.is_file();
            let label = if exists {
                name
            } else {
                format!("{name} (missing)")
            };
            let full = path.display().to_string();
            let response = ui
                .add_enabled(exists, egui::Button::new(label))
                .on_hover_text(&full)
                .on_disabled_hover_text(format!("{full} was moved or deleted"));
            if response.clicked() {
                picked = Some(path.clone());
                ui.close();
            }
        }
        ui.separator();
        if ui.button("Clear the list").clicked() {
            self.paths.clear();
            ui.close();
        }
        picked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_without_duplicates_and_bounded() {
        let mut recent = RecentFiles::default();
        for i in 0..15 {
            recent.add(Path::new(&format!("/s/{i}.ron")));
        }
        recent.add(Path::new("/s/12.ron"));
        assert_eq!(recent.paths().len(), RECENT_MAX);
        assert_eq!(recent.paths()[0], Path::new("/s/12.ron"));
        assert_eq!(recent.paths()[1], Path::new("/s/14.ron"));
    }
}
