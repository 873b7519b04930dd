//! The one place that maps values to pixels and back (after egui_plot's `transform.rs`):
//! drawing, hover, tooltips and brushing all go through a `PlotTransform`.

use serde::Serialize;

/// A rectangle in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub fn width(&self) -> f64 {
        self.right - self.left
    }
    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }
    pub fn contains(&self, x: f64, y: f64) -> bool {
        (self.left..=self.right).contains(&x) && (self.top..=self.bottom).contains(&y)
    }
}

/// Maps the data range `x: [x_min, x_max]`, `y: [y_min, y_max]` onto `plot`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PlotTransform {
    pub plot: Rect,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
}

impl PlotTransform {
    #[inline]
    pub fn x_px(&self, x: f64) -> f64 {
        self.plot.left + (x - self.x_min) / (self.x_max - self.x_min) * self.plot.width()
    }

    /// Pixel rows grow downwards, values upwards.
    #[inline]
    pub fn y_px(&self, y: f64) -> f64 {
        self.plot.bottom - (y - self.y_min) / (self.y_max - self.y_min) * self.plot.height()
    }

    #[inline]
    pub fn x_value(&self, px: f64) -> f64 {
        self.x_min + (px - self.plot.left) / self.plot.width() * (self.x_max - self.x_min)
    }

    /// Pixels per unit of x (per day on a time chart).
    pub fn x_scale(&self) -> f64 {
        self.plot.width() / (self.x_max - self.x_min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_and_values_round_trip() {
        let t = PlotTransform {
            plot: Rect { left: 40.0, top: 10.0, right: 440.0, bottom: 210.0 },
            x_min: -0.5,
            x_max: 9.5,
            y_min: 0.0,
            y_max: 100.0,
        };
        assert_eq!(t.x_px(-0.5), 40.0);
        assert_eq!(t.y_px(100.0), 10.0);
        assert_eq!(t.x_value(t.x_px(3.0)), 3.0);
        assert_eq!(t.x_scale(), 40.0);
    }
}
