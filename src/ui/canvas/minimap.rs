//! The minimap: the whole board and the part in view, in the canvas's
//! bottom-right corner (M toggles it).

use egui::{CornerRadius, Mesh, Pos2, Rect, Sense, Shape, Stroke, StrokeKind, Ui, Vec2, vec2};

use super::paint::push_block;
use super::{CanvasState, MINIMAP_MARGIN, MINIMAP_SIZE};
use crate::geometry::{Geometry, content_rect_in_board};
use crate::model::{NoteRef, Session};
use crate::ui::theme;

impl CanvasState {
    /// The minimap's size in `canvas`: at most a quarter of its width and
    /// height.
    pub(super) fn minimap_size(&self, canvas: Rect) -> Vec2 {
        let full: Vec2 = MINIMAP_SIZE.into();
        let shrink = (canvas.width() * 0.25 / full.x)
            .min(canvas.height() * 0.25 / full.y)
            .min(1.0);
        full * shrink
    }

    /// The minimap: the whole board and the part in view, in the canvas's
    /// bottom-right corner. Clicking or dragging in it centres the view
    /// there.
    pub(super) fn minimap_ui(
        &mut self,
        ui: &Ui,
        canvas: Rect,
        session: &Session,
        layout: &Geometry,
    ) {
        let size = self.minimap_size(canvas);
        if size.x < MINIMAP_SIZE[0] * 0.5 {
            self.minimap_rect = None;
            return;
        }
        let rect = Rect::from_min_size(canvas.max - size - Vec2::splat(MINIMAP_MARGIN), size);
        self.minimap_rect = Some(rect);
        let visible = Rect::from_min_max(
            self.view.board_from_screen(canvas, canvas.min),
            self.view.board_from_screen(canvas, canvas.max),
        );
        let world = layout
            .bounds()
            .or_else(|| content_rect_in_board(session))
            .map_or(visible, |c| c.union(visible))
            .expand(40.0);
        let inner = rect.shrink(6.0);
        let scale = (inner.width() / world.width()).min(inner.height() / world.height());
        if !(scale.is_finite() && scale > 0.0) {
            return;
        }
        let offset = inner.center() - world.center().to_vec2() * scale;
        let to_mini = |p: Pos2| offset + p.to_vec2() * scale;
        let mini_rect = |r: Rect| Rect::from_min_max(to_mini(r.min), to_mini(r.max));

        let response = ui.interact(rect, ui.scope_id().with("minimap"), Sense::click_and_drag());
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, "Minimap"));
        if let Some(p) = response.interact_pointer_pos()
            && (response.clicked() || response.dragged())
        {
            let target = (p - offset) / scale;
            self.view.pan = canvas.size() / 2.0 - target * self.view.zoom;
            self.view_touched = true;
        }
        if response.hovered() {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        }

        let painter = ui.painter_at(rect);
        painter.rect(
            rect,
            CornerRadius::same(6),
            theme::FIELD_FILL,
            Stroke::new(2.0, theme::INK_SOFT),
            StrokeKind::Inside,
        );
        let mut mesh = Mesh::default();
        for placed in &layout.notes {
            let (fill, stroke) = match placed.note {
                NoteRef::Tool(_) => (theme::TOOL_STROKE, theme::TOOL_STROKE),
                NoteRef::Task(_) => (theme::TASK_FILL, theme::TASK_STROKE),
                NoteRef::Pain(_) => (theme::ORCHESTRA_PAIN_FILL, theme::PAIN_STROKE),
            };
            let r = mini_rect(placed.rect);
            let r = Rect::from_center_size(r.center(), r.size().max(vec2(3.0, 3.0)));
            push_block(&mut mesh, r, fill, stroke);
        }
        painter.add(Shape::mesh(mesh));
        painter.rect_stroke(
            mini_rect(visible).intersect(rect.shrink(2.0)),
            CornerRadius::ZERO,
            Stroke::new(2.5, theme::SELECTION),
            StrokeKind::Middle,
        );
    }
}
