//! Export of the board and the typology grid as PNG images for the
//! workshop's minutes (issue 6), at the window's resolution: egui takes a
//! screenshot of the next frame, and the two views are cut out of it.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui::{ColorImage, Rect};

/// A requested export, waiting for its screenshot.
#[derive(Debug)]
pub struct PendingExport {
    /// Filled by egui's screenshot callback.
    slot: Arc<Mutex<Option<Arc<ColorImage>>>>,
    /// The views to cut out: file-name suffix and rectangle, points.
    parts: Vec<(&'static str, Rect)>,
    /// Physical pixels per point when the export was asked for.
    pixels_per_point: f32,
    /// Folder and file-name stem of the images.
    folder: PathBuf,
    stem: String,
}

impl PendingExport {
    /// Ask egui for a screenshot of the next frame; `parts` are the views
    /// to cut out of it (file-name suffix and screen rectangle, points).
    pub fn request(
        ctx: &egui::Context,
        parts: Vec<(&'static str, Rect)>,
        folder: PathBuf,
        stem: String,
    ) -> Self {
        let slot = Arc::new(Mutex::new(None));
        let filled = Arc::clone(&slot);
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            if let Ok(mut slot) = filled.lock() {
                *slot = Some(image);
            }
            repaint.request_repaint();
        });
        Self {
            slot,
            parts,
            pixels_per_point: ctx.pixels_per_point(),
            folder,
            stem,
        }
    }

    /// The screenshot, once it has arrived.
    fn image(&self) -> Option<Arc<ColorImage>> {
        self.slot.lock().ok().and_then(|mut slot| slot.take())
    }

    /// Write the images if the screenshot has arrived: `None` while
    /// waiting, else the files written or why not.
    pub fn poll(&self) -> Option<Result<Vec<PathBuf>, String>> {
        let image = self.image()?;
        Some(self.write(&image))
    }

    fn write(&self, image: &ColorImage) -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::new();
        for (suffix, rect) in &self.parts {
            let Some(part) = crop(image, *rect, self.pixels_per_point) else {
                continue;
            };
            let path = free_path(&self.folder, &format!("{}-{suffix}", self.stem));
            part.save_with_format(&path, image::ImageFormat::Png)
                .map_err(|err| format!("Cannot write {}: {err}", path.display()))?;
            written.push(path);
        }
        if written.is_empty() {
            return Err("Nothing to export: the board and the grid are not on screen".to_owned());
        }
        Ok(written)
    }
}

/// The part of `image` under `rect_in_points` (scaled by
/// `pixels_per_point`, clamped to the image) as an RGBA image; `None` if
/// nothing of it is inside the image.
pub fn crop(
    image: &ColorImage,
    rect_in_points: Rect,
    pixels_per_point: f32,
) -> Option<image::RgbaImage> {
    let [width, height] = image.size;
    let px = |v: f32, most: usize| ((v * pixels_per_point).round().max(0.0) as usize).min(most);
    let (x0, x1) = (
        px(rect_in_points.min.x, width),
        px(rect_in_points.max.x, width),
    );
    let (y0, y1) = (
        px(rect_in_points.min.y, height),
        px(rect_in_points.max.y, height),
    );
    if x1 <= x0 || y1 <= y0 {
        return None;
    }
    let mut bytes = Vec::with_capacity((x1 - x0) * (y1 - y0) * 4);
    for y in y0..y1 {
        let row = image.pixels.get(y * width + x0..y * width + x1)?;
        for pixel in row {
            bytes.extend_from_slice(&pixel.to_array());
        }
    }
    image::RgbaImage::from_raw((x1 - x0) as u32, (y1 - y0) as u32, bytes)
}

/// `folder/name.png`, or `folder/name-2.png`, `-3`, … : never an existing
/// file (earlier exports are kept).
pub fn free_path(folder: &Path, name: &str) -> PathBuf {
    let first = folder.join(format!("{name}.png"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| folder.join(format!("{name}-{n}.png")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{Color32, pos2};

    #[test]
    fn a_view_is_cut_out_at_the_window_resolution() {
        // A 20×10 pixel image at 2 pixels per point: left half red.
        let mut image = ColorImage::filled([20, 10], Color32::WHITE);
        for y in 0..10 {
            for x in 0..10 {
                image.pixels[y * 20 + x] = Color32::RED;
            }
        }
        let left = Rect::from_min_max(pos2(0.0, 0.0), pos2(5.0, 5.0));
        let part = crop(&image, left, 2.0).expect("inside");
        assert_eq!(part.dimensions(), (10, 10));
        assert!(part.pixels().all(|p| p.0 == [255, 0, 0, 255]));
        // Clamped to the image; nothing when outside it.
        let wide = Rect::from_min_max(pos2(8.0, 0.0), pos2(50.0, 50.0));
        assert_eq!(
            crop(&image, wide, 2.0).expect("partly inside").dimensions(),
            (4, 10)
        );
        let outside = Rect::from_min_max(pos2(30.0, 0.0), pos2(40.0, 5.0));
        assert!(crop(&image, outside, 2.0).is_none());
    }

    #[test]
    fn exports_never_overwrite_an_earlier_image() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = free_path(dir.path(), "team-board");
        assert_eq!(first, dir.path().join("team-board.png"));
        std::fs::write(&first, b"x").expect("write");
        assert_eq!(
            free_path(dir.path(), "team-board"),
            dir.path().join("team-board-2.png")
        );
    }
}
