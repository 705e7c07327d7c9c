//! Places a [`Document`] on pages (wrapping, page breaks, page numbers) and draws the
//! pages with krilla.

use std::ops::Range;
use std::rc::Rc;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;

use super::PrintError;
use super::fonts::{self, Flavour, FontBook, Shaped, Weight};
use super::model::*;

/// Sizes for a paper: A5 is set a little smaller than A4.
#[derive(Clone, Copy)]
struct Metrics {
    width: f32,
    height: f32,
    margin_x: f32,
    margin_top: f32,
    margin_bottom: f32,
    font: f32,
    pad_x: f32,
    pad_y: f32,
    rule: f32,
}

impl Metrics {
    fn of(paper: Paper) -> Self {
        let (width, height) = paper.size_pt();
        match paper {
            Paper::A5 => Metrics {
                width,
                height,
                margin_x: 30.0,
                margin_top: 30.0,
                margin_bottom: 40.0,
                font: 8.5,
                pad_x: 4.5,
                pad_y: 3.5,
                rule: 0.6,
            },
            Paper::A4 => Metrics {
                width,
                height,
                margin_x: 48.0,
                margin_top: 44.0,
                margin_bottom: 56.0,
                font: 10.5,
                pad_x: 6.0,
                pad_y: 4.5,
                rule: 0.7,
            },
        }
    }

    fn size(&self, size: TextSize) -> f32 {
        match size {
            TextSize::Small => self.font * 0.85,
            TextSize::Normal => self.font,
            TextSize::Large => self.font * 1.25,
        }
    }

    /// Height of one line of text of this size.
    fn line(&self, size: f32) -> f32 {
        size * 1.45
    }

    fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }

    fn body_bottom(&self) -> f32 {
        self.height - self.margin_bottom
    }
}

const INK: (u8, u8, u8) = (25, 25, 25);
const LABEL_INK: (u8, u8, u8) = (70, 70, 70);
const QUIET_INK: (u8, u8, u8) = (110, 110, 110);
const RULE: (u8, u8, u8) = (60, 60, 60);
const SHADE: (u8, u8, u8) = (238, 238, 238);

/// One line of shaped text: pieces of runs (run index, glyph range).
#[derive(Clone)]
struct Line {
    shaped: Rc<Shaped>,
    pieces: Vec<(usize, Range<usize>)>,
    width: f32,
}

enum Op {
    Text { x: f32, baseline: f32, size: f32, bold: bool, ink: (u8, u8, u8), line: Line },
    Fill { rect: Rect, color: (u8, u8, u8) },
    Frame { rect: Rect, width: f32 },
    Rule { from: (f32, f32), to: (f32, f32), width: f32 },
}

/// A style of text: size in points and weight.
#[derive(Clone, Copy)]
struct Style {
    size: f32,
    weight: Weight,
    ink: (u8, u8, u8),
}

struct Layout {
    book: &'static FontBook,
    lang: Flavour,
    m: Metrics,
    pages: Vec<Vec<Op>>,
    y: f32,
}

/// Lays the document out and writes the PDF.
pub(crate) fn render(doc: &Document) -> Result<Vec<u8>, PrintError> {
    let m = Metrics::of(doc.paper);
    let mut layout = Layout {
        book: fonts::book(),
        lang: fonts::flavour_of_language(&doc.language),
        m,
        pages: vec![Vec::new()],
        y: m.margin_top,
    };
    for block in &doc.blocks {
        layout.block(block)?;
    }
    layout.furniture(doc)?;
    write_pdf(doc, &layout)
}

impl Layout {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.m.margin_top;
    }

    /// Starts a new page unless `height` still fits on this one (or the page is empty).
    fn ensure(&mut self, height: f32) {
        let page_is_fresh = self.y <= self.m.margin_top + 0.01;
        if self.y + height > self.m.body_bottom() && !page_is_fresh {
            self.new_page();
        }
    }

    fn style(&self, size: TextSize, bold: bool) -> Style {
        Style { size: self.m.size(size), weight: if bold { Weight::Bold } else { Weight::Regular }, ink: INK }
    }

    /// Wraps `text` (hard breaks at `\n`) into lines at most `width` wide.
    fn wrap(&self, text: &str, style: Style, width: f32) -> Result<Vec<Line>, PrintError> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let clean: String =
                paragraph.chars().map(|c| if c == '\t' { ' ' } else { c }).filter(|c| !c.is_control()).collect();
            let shaped = Rc::new(self.book.shape(&clean, style.weight, self.lang)?);
            let mut broken = break_lines(&shaped, style.size, width);
            if broken.is_empty() {
                broken.push(Line { shaped: shaped.clone(), pieces: Vec::new(), width: 0.0 });
            }
            lines.extend(broken);
        }
        Ok(lines)
    }

    /// One line, not wrapped (page furniture, short labels).
    fn single(&self, text: &str, style: Style) -> Result<Line, PrintError> {
        let clean: String = text.chars().filter(|c| !c.is_control()).collect();
        let shaped = Rc::new(self.book.shape(&clean, style.weight, self.lang)?);
        Ok(break_lines(&shaped, style.size, f32::INFINITY).into_iter().next().unwrap_or(Line {
            shaped,
            pieces: Vec::new(),
            width: 0.0,
        }))
    }

    /// Queues a line of text whose line box starts at `top`.
    fn text(&mut self, line: Line, style: Style, x: f32, width: f32, top: f32, align: Align) {
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - line.width) / 2.0,
            Align::Right => x + width - line.width,
        };
        let lh = self.m.line(style.size);
        // The middle of a CJK ideograph (and of Latin capitals) sits ~0.36 em above the baseline.
        let baseline = top + lh / 2.0 + 0.36 * style.size;
        let bold = style.weight == Weight::Bold;
        self.ops().push(Op::Text { x, baseline, size: style.size, bold, ink: style.ink, line });
    }

    /// Queues wrapped lines from `top`; returns the height used.
    fn lines(&mut self, lines: &[Line], style: Style, x: f32, width: f32, top: f32, align: Align) -> f32 {
        let lh = self.m.line(style.size);
        for (i, line) in lines.iter().enumerate() {
            self.text(line.clone(), style, x, width, top + i as f32 * lh, align);
        }
        lines.len() as f32 * lh
    }

    fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, color: (u8, u8, u8)) {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            self.ops().push(Op::Fill { rect, color });
        }
    }

    fn frame(&mut self, x: f32, y: f32, w: f32, h: f32) {
        let width = self.m.rule;
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            self.ops().push(Op::Frame { rect, width });
        }
    }

    fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.ops().push(Op::Rule { from, to, width });
    }

    fn block(&mut self, block: &Block) -> Result<(), PrintError> {
        match block {
            Block::Title(text) => self.title(text),
            Block::Paragraph(p) => self.paragraph(p),
            Block::Fields(f) => self.fields(f),
            Block::TextBox(b) => self.text_box(b),
            Block::Table(t) => self.table(t),
            Block::Signatures(s) => self.signatures(s),
            Block::Space(h) => {
                self.y += h;
                Ok(())
            }
            Block::Page(language) => {
                if self.y > self.m.margin_top + 0.01 {
                    self.new_page();
                }
                self.lang = fonts::flavour_of_language(language);
                Ok(())
            }
        }
    }

    fn title(&mut self, text: &str) -> Result<(), PrintError> {
        let style = Style { size: self.m.font * 1.9, weight: Weight::Bold, ink: INK };
        let width = self.m.content_width();
        let lines = self.wrap(text, style, width)?;
        let h = lines.len() as f32 * self.m.line(style.size);
        self.ensure(h);
        let (x, y) = (self.m.margin_x, self.y);
        self.lines(&lines, style, x, width, y, Align::Center);
        self.y += h + self.m.font * 0.6;
        Ok(())
    }

    fn paragraph(&mut self, p: &Paragraph) -> Result<(), PrintError> {
        let style = self.style(p.size, p.bold);
        let width = self.m.content_width();
        let lh = self.m.line(style.size);
        for line in self.wrap(&p.text, style, width)? {
            self.ensure(lh);
            let (x, y) = (self.m.margin_x, self.y);
            self.text(line, style, x, width, y, p.align);
            self.y += lh;
        }
        Ok(())
    }

    fn fields(&mut self, f: &Fields) -> Result<(), PrintError> {
        let m = self.m;
        let per_row = f.columns.clamp(1, 2) as usize;
        let slot = m.content_width() / per_row as f32;
        let label_style = Style { ink: LABEL_INK, ..self.style(TextSize::Normal, false) };
        let value_style = self.style(TextSize::Normal, false);
        // One label width for the grid: the widest label, within a third of a slot.
        let mut widest: f32 = 0.0;
        for item in &f.items {
            widest = widest.max(self.single(&item.label, label_style)?.width);
        }
        let label_w = (widest + 2.0 * m.pad_x).clamp(slot * 0.25, slot * 0.42);
        // Rows: two narrow items side by side, a wide (or lone) item across the row.
        let mut rows: Vec<Vec<&Field>> = Vec::new();
        for item in &f.items {
            match rows.last_mut() {
                Some(row) if !item.wide && row.len() < per_row && !row[0].wide => row.push(item),
                _ => rows.push(vec![item]),
            }
        }
        let lh = m.line(value_style.size);
        for row in rows {
            let mut cells = Vec::new();
            let count = row.len();
            for (i, item) in row.iter().enumerate() {
                let x = m.margin_x + i as f32 * slot;
                let w = if i + 1 == count { m.content_width() - i as f32 * slot } else { slot };
                let labels = self.wrap(&item.label, label_style, label_w - 2.0 * m.pad_x)?;
                let values = self.wrap(&item.value, value_style, w - label_w - 2.0 * m.pad_x)?;
                cells.push((x, w, labels, values));
            }
            let lines = cells.iter().map(|c| c.2.len().max(c.3.len())).max().unwrap_or(1).max(1);
            let h = lines as f32 * lh + 2.0 * m.pad_y;
            self.ensure(h);
            let y = self.y;
            for (x, w, labels, values) in cells {
                self.fill(x, y, label_w, h, SHADE);
                self.frame(x, y, label_w, h);
                self.frame(x + label_w, y, w - label_w, h);
                let top = y + m.pad_y;
                self.lines(&labels, label_style, x + m.pad_x, label_w - 2.0 * m.pad_x, top, Align::Left);
                let vx = x + label_w + m.pad_x;
                self.lines(&values, value_style, vx, w - label_w - 2.0 * m.pad_x, top, Align::Left);
            }
            self.y += h;
        }
        self.y += m.font * 0.9;
        Ok(())
    }

    fn text_box(&mut self, b: &TextBox) -> Result<(), PrintError> {
        let m = self.m;
        let (x, w) = (m.margin_x, m.content_width());
        let head_style = Style { ink: LABEL_INK, ..self.style(TextSize::Normal, true) };
        let body_style = self.style(TextSize::Normal, false);
        let lh = m.line(body_style.size);
        let head = self.single(&b.label, head_style)?;
        let head_h = m.line(head_style.size) + 2.0 * m.pad_y;
        let mut lines = self.wrap(&b.text, body_style, w - 2.0 * m.pad_x)?;
        while lines.len() < b.min_lines.max(1) {
            lines.push(Line {
                shaped: Rc::new(Shaped { text: String::new(), runs: Vec::new() }),
                pieces: Vec::new(),
                width: 0.0,
            });
        }
        self.ensure(head_h + lh + 2.0 * m.pad_y);
        let mut i = 0;
        while i < lines.len() {
            // One segment of the box per page.
            let top = self.y;
            self.fill(x, top, w, head_h, SHADE);
            self.frame(x, top, w, head_h);
            self.text(head.clone(), head_style, x + m.pad_x, w, top + m.pad_y, Align::Left);
            let mut y = top + head_h + m.pad_y;
            let start = i;
            while i < lines.len() && (i == start || y + lh + m.pad_y <= m.body_bottom()) {
                self.text(lines[i].clone(), body_style, x + m.pad_x, w - 2.0 * m.pad_x, y, Align::Left);
                y += lh;
                i += 1;
            }
            let bottom = y + m.pad_y;
            self.frame(x, top + head_h, w, bottom - top - head_h);
            self.y = bottom;
            if i < lines.len() {
                self.new_page();
            }
        }
        self.y += m.font * 0.9;
        Ok(())
    }

    fn table(&mut self, t: &Table) -> Result<(), PrintError> {
        let m = self.m;
        if t.columns.is_empty() {
            return Ok(());
        }
        let total_weight: f32 = t.columns.iter().map(|c| c.width.max(0.1)).sum();
        let widths: Vec<f32> = t.columns.iter().map(|c| m.content_width() * c.width.max(0.1) / total_weight).collect();
        let xs: Vec<f32> = widths
            .iter()
            .scan(m.margin_x, |x, w| {
                let here = *x;
                *x += w;
                Some(here)
            })
            .collect();
        let head_style = Style { ink: LABEL_INK, ..self.style(TextSize::Normal, true) };
        let cell_style = self.style(TextSize::Normal, false);
        let bold_style = self.style(TextSize::Normal, true);
        let lh = m.line(cell_style.size);

        // Every row wrapped first: (lines per cell, height).
        let wrap_row = |layout: &Layout, cells: &[String], style: Style| -> Result<(Vec<Vec<Line>>, f32), PrintError> {
            let mut wrapped = Vec::new();
            for (i, w) in widths.iter().enumerate() {
                let text = cells.get(i).map(String::as_str).unwrap_or("");
                wrapped.push(layout.wrap(text, style, w - 2.0 * m.pad_x)?);
            }
            let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            Ok((wrapped, lines as f32 * m.line(style.size) + 2.0 * m.pad_y))
        };
        let headers: Vec<String> = t.columns.iter().map(|c| c.header.clone()).collect();
        let head = wrap_row(self, &headers, head_style)?;
        let mut body = Vec::new();
        for row in &t.rows {
            body.push(wrap_row(self, row, cell_style)?);
        }
        while body.len() < t.min_rows {
            body.push((vec![Vec::new(); widths.len()], lh + 2.0 * m.pad_y));
        }
        let caption = match &t.caption {
            Some(c) => Some(self.single(c, bold_style)?),
            None => None,
        };
        let caption_h = if caption.is_some() { m.line(bold_style.size) + m.pad_y } else { 0.0 };
        let first_h = body.first().map_or(0.0, |r| r.1);
        self.ensure(caption_h + head.1 + first_h);
        if let Some(caption) = caption {
            let (x, y) = (m.margin_x, self.y);
            self.text(caption, bold_style, x, m.content_width(), y, Align::Left);
            self.y += caption_h;
        }

        let draw_row = |layout: &mut Layout, row: &(Vec<Vec<Line>>, f32), style: Style, shade: bool| {
            let y = layout.y;
            for (i, lines) in row.0.iter().enumerate() {
                if shade {
                    layout.fill(xs[i], y, widths[i], row.1, SHADE);
                }
                layout.frame(xs[i], y, widths[i], row.1);
                let align = if shade { Align::Center } else { t.columns[i].align };
                layout.lines(lines, style, xs[i] + m.pad_x, widths[i] - 2.0 * m.pad_x, y + m.pad_y, align);
            }
            layout.y += row.1;
        };
        draw_row(self, &head, head_style, true);
        for row in &body {
            if self.y + row.1 > m.body_bottom() {
                self.new_page();
                draw_row(self, &head, head_style, true);
            }
            draw_row(self, row, cell_style, false);
        }
        if let Some((label, value)) = &t.total {
            let n = widths.len();
            let label_w: f32 = widths[..n - 1].iter().sum();
            let label_lines = self.wrap(label, bold_style, (label_w - 2.0 * m.pad_x).max(1.0))?;
            let value_lines = self.wrap(value, bold_style, widths[n - 1] - 2.0 * m.pad_x)?;
            let h = label_lines.len().max(value_lines.len()).max(1) as f32 * lh + 2.0 * m.pad_y;
            if self.y + h > m.body_bottom() {
                self.new_page();
                draw_row(self, &head, head_style, true);
            }
            let y = self.y;
            if n > 1 {
                self.frame(m.margin_x, y, label_w, h);
                self.lines(
                    &label_lines,
                    bold_style,
                    m.margin_x + m.pad_x,
                    label_w - 2.0 * m.pad_x,
                    y + m.pad_y,
                    Align::Right,
                );
            }
            self.frame(xs[n - 1], y, widths[n - 1], h);
            let align = t.columns[n - 1].align;
            self.lines(
                &value_lines,
                bold_style,
                xs[n - 1] + m.pad_x,
                widths[n - 1] - 2.0 * m.pad_x,
                y + m.pad_y,
                align,
            );
            self.y += h;
        }
        self.y += m.font * 0.9;
        Ok(())
    }

    fn signatures(&mut self, boxes: &[SignatureBox]) -> Result<(), PrintError> {
        let m = self.m;
        if boxes.is_empty() {
            return Ok(());
        }
        let gap = m.font * 1.2;
        let n = boxes.len() as f32;
        let w = (m.content_width() - gap * (n - 1.0)) / n;
        let head_style = Style { ink: LABEL_INK, ..self.style(TextSize::Normal, true) };
        let label_style = Style { ink: LABEL_INK, ..self.style(TextSize::Normal, false) };
        let lh = m.line(label_style.size);
        let head_h = m.line(head_style.size) + 2.0 * m.pad_y;
        // Room to sign, then the signature line and the date line.
        let h = head_h + lh * 1.6 + lh * 2.0 + lh * 0.9 + m.pad_y;
        self.ensure(h);
        let y = self.y;
        for (i, b) in boxes.iter().enumerate() {
            let x = m.margin_x + i as f32 * (w + gap);
            self.fill(x, y, w, head_h, SHADE);
            self.frame(x, y, w, head_h);
            self.frame(x, y + head_h, w, h - head_h);
            let head = self.single(&b.title, head_style)?;
            self.text(head, head_style, x + m.pad_x, w - 2.0 * m.pad_x, y + m.pad_y, Align::Left);
            let sign = self.single(&b.signature_label, label_style)?;
            let date = self.single(&b.date_label, label_style)?;
            let label_w = sign.width.max(date.width) + m.font * 0.6;
            for (k, label) in [sign, date].into_iter().enumerate() {
                let top = y + head_h + lh * 1.6 + k as f32 * lh * 2.0;
                let lx = x + m.pad_x * 2.0;
                self.text(label, label_style, lx, label_w, top, Align::Left);
                let baseline = top + lh / 2.0 + 0.36 * label_style.size + 1.5;
                let end = x + w - m.pad_x * 2.0;
                self.rule((lx + label_w, baseline), (end, baseline), m.rule * 0.8);
            }
        }
        self.y += h + m.font * 0.9;
        Ok(())
    }

    /// Page numbers and running headers, once the number of pages is known.
    fn furniture(&mut self, doc: &Document) -> Result<(), PrintError> {
        let m = self.m;
        let total = self.pages.len();
        let small = Style { size: m.size(TextSize::Small), weight: Weight::Regular, ink: QUIET_INK };
        for page in 0..total {
            let mut ops = Vec::new();
            if let Some(template) = &doc.page_numbers {
                let text = template.replace("{page}", &(page + 1).to_string()).replace("{pages}", &total.to_string());
                let line = self.single(&text, small)?;
                let top = m.height - m.margin_bottom + (m.margin_bottom - m.line(small.size)) * 0.45;
                let x = m.margin_x + (m.content_width() - line.width) / 2.0;
                let baseline = top + m.line(small.size) / 2.0 + 0.36 * small.size;
                ops.push(Op::Text { x, baseline, size: small.size, bold: false, ink: small.ink, line });
            }
            if page > 0
                && let Some(header) = &doc.running_header
            {
                let line = self.single(header, small)?;
                let top = (m.margin_top - m.line(small.size)) * 0.45;
                let x = m.width - m.margin_x - line.width;
                let baseline = top + m.line(small.size) / 2.0 + 0.36 * small.size;
                ops.push(Op::Text { x, baseline, size: small.size, bold: false, ink: small.ink, line });
            }
            self.pages[page].extend(ops);
        }
        Ok(())
    }
}

/// Line breaking: greedy, with break opportunities between CJK characters and after
/// spaces (Latin breaks per word); no line starts with closing punctuation or ends with
/// opening punctuation; a word wider than the line breaks anywhere.
fn break_lines(shaped: &Rc<Shaped>, size: f32, width: f32) -> Vec<Line> {
    struct Item {
        run: usize,
        glyph: usize,
        advance: f32,
        cluster: usize,
        first: char,
        last: char,
    }
    let text = shaped.text.as_str();
    let mut items = Vec::new();
    for (r, run) in shaped.runs.iter().enumerate() {
        for (g, glyph) in run.glyphs.iter().enumerate() {
            let cluster = &text[glyph.text_range.clone()];
            items.push(Item {
                run: r,
                glyph: g,
                advance: glyph.x_advance * size,
                cluster: glyph.text_range.start,
                first: cluster.chars().next().unwrap_or(' '),
                last: cluster.chars().last().unwrap_or(' '),
            });
        }
    }
    let n = items.len();
    let space = |k: usize| items[k].first.is_whitespace();
    let allowed = |k: usize| -> bool {
        if items[k].cluster == items[k - 1].cluster {
            return false;
        }
        let (prev, cur) = (items[k - 1].last, items[k].first);
        if cur.is_whitespace() {
            return false;
        }
        if prev.is_whitespace() {
            return true;
        }
        if is_closing(cur) || is_opening(prev) {
            return false;
        }
        if fonts::is_cjk(prev) || fonts::is_cjk(cur) {
            return true;
        }
        matches!(prev, '-' | '/' | '\u{2013}' | '\u{2014}') && cur.is_alphanumeric()
    };
    let mut lines = Vec::new();
    let mut s = 0;
    while s < n {
        while s < n && space(s) {
            s += 1;
        }
        if s >= n {
            break;
        }
        let mut x = 0.0;
        let mut k = s;
        let mut brk = None;
        while k < n {
            if k > s && allowed(k) {
                brk = Some(k);
            }
            if x + items[k].advance > width + 0.01 && k > s && !space(k) {
                break;
            }
            x += items[k].advance;
            k += 1;
        }
        let end = if k >= n { n } else { brk.unwrap_or(k) };
        let mut trimmed = end;
        while trimmed > s && space(trimmed - 1) {
            trimmed -= 1;
        }
        // Pieces: consecutive glyphs of one run.
        let mut pieces: Vec<(usize, Range<usize>)> = Vec::new();
        let mut line_width = 0.0;
        for item in &items[s..trimmed] {
            line_width += item.advance;
            match pieces.last_mut() {
                Some((run, range)) if *run == item.run && range.end == item.glyph => range.end += 1,
                _ => pieces.push((item.run, item.glyph..item.glyph + 1)),
            }
        }
        lines.push(Line { shaped: shaped.clone(), pieces, width: line_width });
        s = end;
    }
    lines
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
            | '、'
            | '。'
            | '，'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '》'
            | '〉'
            | '〗'
            | '〙'
            | '…'
            | '‥'
            | 'ー'
            | '・'
            | '々'
            | '〜'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
            | '”'
            | '’'
            | '｝'
            | '］'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '（' | '「' | '『' | '【' | '〔' | '《' | '〈' | '〖' | '〘' | '“' | '‘' | '｛' | '［'
    )
}

fn color(c: (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn write_pdf(doc: &Document, layout: &Layout) -> Result<Vec<u8>, PrintError> {
    let m = layout.m;
    let mut pdf = krilla::Document::new();
    let mut metadata = Metadata::new().creator("Steward".to_owned());
    if !doc.title.is_empty() {
        metadata = metadata.title(doc.title.clone());
    }
    if !doc.language.is_empty() {
        metadata = metadata.language(doc.language.clone());
    }
    pdf.set_metadata(metadata);
    let settings =
        PageSettings::from_wh(m.width, m.height).ok_or_else(|| PrintError::Pdf("invalid page size".to_owned()))?;
    for ops in &layout.pages {
        let mut page = pdf.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            draw(&mut surface, op);
        }
        surface.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| PrintError::Pdf(format!("{e:?}")))
}

fn draw(surface: &mut Surface<'_>, op: &Op) {
    match op {
        Op::Fill { rect, color: c } => {
            let mut path = PathBuilder::new();
            path.push_rect(*rect);
            if let Some(path) = path.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill { paint: color(*c).into(), ..Fill::default() }));
                surface.draw_path(&path);
            }
        }
        Op::Frame { rect, width } => {
            let mut path = PathBuilder::new();
            path.push_rect(*rect);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { paint: color(RULE).into(), width: *width, ..Stroke::default() }));
                surface.draw_path(&path);
            }
        }
        Op::Rule { from, to, width } => {
            let mut path = PathBuilder::new();
            path.move_to(from.0, from.1);
            path.line_to(to.0, to.1);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { paint: color(RULE).into(), width: *width, ..Stroke::default() }));
                surface.draw_path(&path);
            }
        }
        Op::Text { x, baseline, size, bold, ink, line } => {
            let mut x = *x;
            for (run_index, range) in &line.pieces {
                let run = &line.shaped.runs[*run_index];
                let glyphs = &run.glyphs[range.clone()];
                let Some(font) = run.font() else { continue };
                surface.set_fill(Some(Fill { paint: color(*ink).into(), ..Fill::default() }));
                // A face without a bold weight (most CJK system fonts) is thickened.
                let stroke = (*bold && run.face.synthetic_bold).then(|| Stroke {
                    paint: color(*ink).into(),
                    width: size * 0.045,
                    opacity: NormalizedF32::ONE,
                    ..Stroke::default()
                });
                surface.set_stroke(stroke);
                surface.draw_glyphs(Point::from_xy(x, *baseline), glyphs, font, &line.shaped.text, *size, false);
                x += glyphs.iter().map(|g| g.x_advance * size).sum::<f32>();
            }
            surface.set_stroke(None);
        }
    }
}
