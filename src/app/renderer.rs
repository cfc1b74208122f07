//! Which of eframe's two renderers draws the window (issue 12), chosen at
//! start-up: glow (OpenGL) first, wgpu when no OpenGL context can be
//! made, or the one forced with `--renderer` / `RHYTHM_RENDERER`.
//!
//! On a laptop without a GPU driver both end up in Mesa's CPU rasteriser
//! (llvmpipe), and there glow is 3.5–4.5× faster than wgpu for the same
//! frames (README, "Performance"). Once the window is open,
//! [`RendererInfo`] says which renderer and which adapter (OpenGL's
//! `GL_RENDERER`, or wgpu's adapter name) draw it: in the log, in the
//! keyboard cheat sheet (F1) and in `bench-pan`'s JSON line.

use std::fmt;
use std::str::FromStr;

use eframe::Renderer;

/// Environment variable that picks the renderer when `--renderer` is not
/// given: `auto`, `glow` or `wgpu`.
pub const ENV_VAR: &str = "RHYTHM_RENDERER";

/// The renderer the user asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RendererChoice {
    /// glow (OpenGL) first; wgpu if glow cannot start, glow if wgpu was
    /// tried first and cannot (see [`RendererChoice::attempts`]).
    #[default]
    Auto,
    /// glow only: an error if no OpenGL context can be made.
    Glow,
    /// wgpu only: an error if no wgpu adapter can be found.
    Wgpu,
}

impl RendererChoice {
    /// `auto`, `glow` or `wgpu`, as the command line takes it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Glow => "glow",
            Self::Wgpu => "wgpu",
        }
    }

    /// The renderers to try, in order: `Auto` tries glow, then wgpu;
    /// a forced renderer is tried alone.
    pub fn attempts(self) -> &'static [Renderer] {
        match self {
            Self::Auto => &[Renderer::Glow, Renderer::Wgpu],
            Self::Glow => &[Renderer::Glow],
            Self::Wgpu => &[Renderer::Wgpu],
        }
    }

    /// The choice from the command line if given, else from
    /// [`ENV_VAR`] if set and not empty, else `Auto`.
    ///
    /// # Errors
    /// The environment variable holds something other than `auto`,
    /// `glow` or `wgpu`.
    pub fn from_cli_or_env(cli: Option<Self>) -> Result<Self, String> {
        if let Some(choice) = cli {
            return Ok(choice);
        }
        match std::env::var(ENV_VAR) {
            Ok(value) if !value.trim().is_empty() => value
                .parse()
                .map_err(|err: String| format!("{ENV_VAR}={value}: {err}")),
            _ => Ok(Self::Auto),
        }
    }
}

impl FromStr for RendererChoice {
    type Err = String;

    /// `auto`, `glow` or `wgpu` (any case, surrounding spaces ignored).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Self::Auto),
            "glow" | "gl" | "opengl" => Ok(Self::Glow),
            "wgpu" => Ok(Self::Wgpu),
            other => Err(format!(
                "renderer must be `auto`, `glow` or `wgpu`, not `{other}`"
            )),
        }
    }
}

impl fmt::Display for RendererChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// What draws the window, read once it has opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RendererInfo {
    /// `glow` or `wgpu`.
    pub renderer: &'static str,
    /// The adapter: OpenGL's `GL_RENDERER` string (e.g. "llvmpipe (LLVM
    /// 15.0.6, 256 bits)") or wgpu's adapter name; "unknown" if the
    /// renderer did not say.
    pub adapter: String,
    /// The graphics API and driver: OpenGL's `GL_VERSION` (e.g. "4.5
    /// (Core Profile) Mesa 22.3.6"), or wgpu's backend and driver.
    pub driver: String,
    /// The adapter is a CPU rasteriser (llvmpipe, lavapipe, softpipe,
    /// swrast, or a wgpu adapter of type `Cpu`).
    pub software: bool,
    /// Why the renderer tried before this one could not start, if one was.
    pub fallback_from: Option<String>,
}

impl RendererInfo {
    /// Read the renderer and adapter from eframe's creation context.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>) -> Self {
        if let Some(gl) = &cc.gl {
            return Self::from_gl(gl);
        }
        if let Some(state) = &cc.wgpu_render_state {
            let info = state.adapter.get_info();
            let software =
                info.device_type == eframe::wgpu::DeviceType::Cpu || is_software_name(&info.name);
            let driver = [format!("{:?}", info.backend), info.driver, info.driver_info]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            return Self {
                renderer: "wgpu",
                adapter: info.name,
                driver,
                software,
                fallback_from: None,
            };
        }
        Self {
            renderer: "unknown",
            adapter: "unknown".to_owned(),
            driver: String::new(),
            software: false,
            fallback_from: None,
        }
    }

    fn from_gl(gl: &eframe::glow::Context) -> Self {
        use eframe::glow::HasContext as _;
        // SAFETY: eframe hands the app its context while that context is
        // current on this thread; `glGetString` of RENDERER and VERSION
        // only reads two strings every OpenGL version has (1.1 on).
        let (adapter, driver) = unsafe {
            (
                gl.get_parameter_string(eframe::glow::RENDERER),
                gl.get_parameter_string(eframe::glow::VERSION),
            )
        };
        let adapter = if adapter.trim().is_empty() {
            "unknown".to_owned()
        } else {
            adapter
        };
        Self {
            renderer: "glow",
            software: is_software_name(&adapter),
            adapter,
            driver: if driver.starts_with("OpenGL") {
                driver
            } else {
                format!("OpenGL {driver}")
            },
            fallback_from: None,
        }
    }

    /// One line for people: "glow (OpenGL) on llvmpipe (LLVM 15.0.6, 256
    /// bits), software rendering · OpenGL 4.5 Mesa 22.3.6".
    pub fn summary(&self) -> String {
        let api = match self.renderer {
            "glow" => "glow (OpenGL)",
            "wgpu" => "wgpu",
            other => other,
        };
        let mut line = format!("{api} on {}", self.adapter);
        if self.software {
            line.push_str(", software rendering");
        }
        if !self.driver.is_empty() {
            line.push_str(" · ");
            line.push_str(&self.driver);
        }
        line
    }
}

/// Is this adapter name one of Mesa's (or Microsoft's) CPU rasterisers?
fn is_software_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "llvmpipe",
        "lavapipe",
        "softpipe",
        "swrast",
        "swiftshader",
        "basic render",
    ]
    .iter()
    .any(|s| name.contains(s))
}

fn info_id() -> egui::Id {
    egui::Id::unique("rhythm renderer info")
}

/// Keep `info` in `ctx` for [`about_ui`] (not persisted).
pub fn remember(ctx: &egui::Context, info: RendererInfo) {
    ctx.data_mut(|d| d.insert_temp(info_id(), info));
}

/// What [`remember`] kept in `ctx`, if anything (tests and the kittest
/// harness have no renderer).
pub fn current(ctx: &egui::Context) -> Option<RendererInfo> {
    ctx.data(|d| d.get_temp::<RendererInfo>(info_id()))
}

/// The "Drawn by" line of the keyboard cheat sheet: which renderer and
/// adapter draw the window, and how to pick the other one.
pub fn about_ui(ui: &mut egui::Ui) {
    let Some(info) = current(ui.ctx()) else {
        return;
    };
    ui.separator();
    ui.label(format!("Drawn by {}", info.summary()));
    if let Some(why) = &info.fallback_from {
        ui.label(format!("(the first renderer could not start: {why})"));
    }
    ui.label(
        egui::RichText::new(format!(
            "To choose: rhythm --renderer glow|wgpu, or {ENV_VAR}=glow|wgpu"
        ))
        .small(),
    );
}

/// Size of the block [`settle_allocator`] takes and frees, bytes: below
/// glibc's 32 MiB cap on its dynamic mmap threshold.
const ALLOCATOR_SETTLING_BLOCK: usize = 24 << 20;

/// Raise glibc's mmap and trim thresholds before the renderer starts.
///
/// glibc serves blocks over its mmap threshold (128 KiB at start) with a
/// fresh `mmap` and gives them back on `free`, and trims the heap's top
/// above the trim threshold. llvmpipe allocates and frees its per-frame
/// buffers (vertices, scene bins) of several MiB every frame, so each frame
/// faulted fresh zeroed pages in: a `perf` profile of the glow window on
/// the 19-note example had 12 % of all samples in page faults and `brk`.
/// Freeing one large block raises both thresholds for the life of the
/// process (glibc's dynamic threshold); `vec!` of zeros comes from
/// `calloc`, so no page is touched. The wgpu renderer happens to do the
/// same at start-up (it frees 8–27 MB buffers).
fn settle_allocator() {
    drop(std::hint::black_box(vec![0_u8; ALLOCATOR_SETTLING_BLOCK]));
}

/// What a running window's app is made by: eframe's app creator, called
/// once with the renderer and adapter that started.
pub type Creator<'a> = Box<
    dyn 'a
        + FnOnce(
            &eframe::CreationContext<'_>,
            RendererInfo,
        )
            -> Result<Box<dyn 'a + eframe::App>, Box<dyn std::error::Error + Send + Sync>>,
>;

/// Open a window with the first renderer of `choice` that starts, and run
/// it until it closes. `options.renderer` is overwritten per attempt, and
/// dithering is turned off.
/// The renderer and adapter are logged (`info`), remembered in the egui
/// context (for [`about_ui`]) and passed to `creator`.
///
/// A renderer "cannot start" when eframe returns an error before it
/// called the app creator (no OpenGL context, no wgpu adapter, a shader
/// the driver refuses); then the next one of [`RendererChoice::attempts`]
/// is tried in the same event loop.
///
/// # Errors
/// The last renderer tried could not start, or the app itself failed.
pub fn run_native(
    app_name: &str,
    options: &eframe::NativeOptions,
    choice: RendererChoice,
    creator: Creator<'_>,
) -> anyhow::Result<()> {
    settle_allocator();
    let mut creator = Some(creator);
    let mut failures: Vec<String> = Vec::new();
    for &renderer in choice.attempts() {
        let mut attempt = options.clone();
        attempt.renderer = renderer;
        // The palette is flat colours, which do not band: dithering would
        // cost every pixel ~14 % more under llvmpipe for nothing (issue
        // 12). The kittest snapshots render without it too.
        attempt.dithering = false;
        let fallback_from = failures.last().cloned();
        let slot = &mut creator;
        let result = eframe::run_native(
            app_name,
            attempt,
            Box::new(move |cc| {
                let create = slot
                    .take()
                    .ok_or("the app was already created by another renderer")?;
                let mut info = RendererInfo::from_creation_context(cc);
                info.fallback_from = fallback_from;
                tracing::info!("window drawn by {}", info.summary());
                remember(&cc.egui_ctx, info.clone());
                create(cc, info)
            }),
        );
        match result {
            Ok(()) => return Ok(()),
            // The app was made: this renderer started, the failure is the app's.
            Err(err) if creator.is_none() => {
                return Err(anyhow::anyhow!("the window failed ({renderer}): {err}"));
            }
            Err(err) => {
                tracing::warn!("the {renderer} renderer could not start: {err}");
                failures.push(format!("{renderer}: {err}"));
            }
        }
    }
    let hint = match choice {
        RendererChoice::Auto => String::new(),
        forced => format!(" (`--renderer {forced}` was asked for; `--renderer auto` tries both)"),
    };
    Err(anyhow::anyhow!(
        "cannot open the window: no renderer could start{hint}: {}",
        failures.join("; ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_parse_from_the_command_line_words() {
        assert_eq!("glow".parse(), Ok(RendererChoice::Glow));
        assert_eq!(" WGPU ".parse(), Ok(RendererChoice::Wgpu));
        assert_eq!("auto".parse(), Ok(RendererChoice::Auto));
        let err = "vulkan".parse::<RendererChoice>().unwrap_err();
        assert!(err.contains("`vulkan`") && err.contains("glow"), "{err}");
    }

    #[test]
    fn auto_tries_glow_first_then_wgpu_and_a_forced_one_alone() {
        assert_eq!(
            RendererChoice::Auto.attempts(),
            &[Renderer::Glow, Renderer::Wgpu]
        );
        assert_eq!(RendererChoice::Glow.attempts(), &[Renderer::Glow]);
        assert_eq!(RendererChoice::Wgpu.attempts(), &[Renderer::Wgpu]);
    }

    #[test]
    fn the_command_line_wins_over_the_environment() {
        // Only the command-line path: the environment is shared by the
        // tests of this binary and is not touched here.
        assert_eq!(
            RendererChoice::from_cli_or_env(Some(RendererChoice::Wgpu)),
            Ok(RendererChoice::Wgpu)
        );
    }

    #[test]
    fn mesa_and_windows_cpu_rasterisers_count_as_software() {
        assert!(is_software_name("llvmpipe (LLVM 15.0.6, 256 bits)"));
        assert!(is_software_name("Microsoft Basic Render Driver"));
        assert!(!is_software_name(
            "Mesa Intel(R) UHD Graphics 620 (KBL GT2)"
        ));
    }

    #[test]
    fn the_summary_names_renderer_adapter_and_software_rendering() {
        let info = RendererInfo {
            renderer: "glow",
            adapter: "llvmpipe (LLVM 15.0.6, 256 bits)".to_owned(),
            driver: "OpenGL 4.5 (Core Profile) Mesa 22.3.6".to_owned(),
            software: true,
            fallback_from: None,
        };
        assert_eq!(
            info.summary(),
            "glow (OpenGL) on llvmpipe (LLVM 15.0.6, 256 bits), software rendering \
             · OpenGL 4.5 (Core Profile) Mesa 22.3.6"
        );
    }
}
