//! Source lines into units: text lines and tables.
//!
//! Scraped pages give a table row per line with its cells joined by TAB,
//! but a cell that holds line breaks spreads its row over several lines
//! (`1⇥낚시전문교육` / `교육대상자 명단⇥…`), pages built from word
//! processors put every cell on its own line between TAB-only lines, and
//! rowspans are not expanded (a later row has fewer cells). This module
//! puts each table back together, row by row, from the header's width.

use super::text::{looks_like_company, normalize_line};

/// A piece of the source: one text line or one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit {
    /// A non-empty line that is not part of a table.
    Text {
        /// 1-based line number in the source.
        line: usize,
        /// The line, white space normalised.
        text: String,
    },
    /// A table; the first row is its header. Every row has the header's
    /// width: rowspans are filled from the row above.
    Table {
        /// 1-based line number of its first line.
        line: usize,
        /// The rows, cells white space normalised (a cell's lines joined by a space).
        rows: Vec<Vec<String>>,
        /// Rows whose missing cells were filled by guessing which columns
        /// they lacked.
        filled: usize,
    },
}

impl Unit {
    /// The text of a text unit.
    pub fn text(&self) -> Option<&str> {
        match self {
            Unit::Text { text, .. } => Some(text),
            Unit::Table { .. } => None,
        }
    }

    /// Its first source line.
    pub fn line(&self) -> usize {
        match self {
            Unit::Text { line, .. } | Unit::Table { line, .. } => *line,
        }
    }
}

fn has_tab(l: &str) -> bool {
    l.contains('\t')
}

fn tab_only(l: &str) -> bool {
    has_tab(l) && l.trim().is_empty()
}

fn blank(l: &str) -> bool {
    l.trim().is_empty() && !has_tab(l)
}

fn tabs(l: &str) -> usize {
    l.matches('\t').count()
}

/// The next non-blank line at or after `i`.
fn next_nonblank(raw: &[&str], i: usize) -> Option<usize> {
    (i..raw.len()).find(|&k| !blank(raw[k]))
}

/// Whether line `k`, a plain line, is followed (directly, or after one
/// more plain line) by a TAB-only line: the first cell of a row in the
/// one-cell-per-line layout. A `제N조` heading never is.
fn leads_glued_row(raw: &[&str], k: usize) -> bool {
    if super::heading::candidate(raw[k]).is_some_and(|c| c.number.is_some()) {
        return false;
    }
    let mut j = k + 1;
    for _ in 0..2 {
        let Some(n) = next_nonblank(raw, j) else {
            return false;
        };
        if tab_only(raw[n]) {
            return true;
        }
        if has_tab(raw[n]) {
            return false;
        }
        j = n + 1;
    }
    false
}

/// Whether a table starts at line `i`.
fn table_starts(raw: &[&str], i: usize) -> bool {
    let l = raw[i];
    if tab_only(l) || blank(l) {
        return false;
    }
    if has_tab(l) {
        let filled = l.split('\t').filter(|c| !c.trim().is_empty()).count();
        let next_tabbed = next_nonblank(raw, i + 1).is_some_and(|n| has_tab(raw[n]));
        return filled >= 2 || next_tabbed;
    }
    next_nonblank(raw, i + 1).is_some_and(|n| tab_only(raw[n]))
        && next_nonblank(raw, i + 1)
            .and_then(|n| next_nonblank(raw, n + 1))
            .is_some_and(|m| !tab_only(raw[m]))
}

/// A line that starts a block of its own after a table: a paragraph
/// (`①`), a note, a numbered heading.
fn starts_block(line: &str) -> bool {
    let t = line.trim();
    let first = t.chars().next().unwrap_or(' ');
    ('\u{2460}'..='\u{2473}').contains(&first)
        || matches!(first, '※' | '▶' | '■' | '☞')
        || super::heading::candidate(t).is_some_and(|c| c.number.is_some())
}

/// A line that can continue the last cell of a complete row: contact
/// details, an address, a bracketed note, a list's next entry.
fn cell_like(line: &str, cell: &[String]) -> bool {
    let t = line.trim();
    let first = t.chars().next().unwrap_or(' ');
    if starts_block(t) || t.chars().count() > 90 {
        return false;
    }
    let key: String = t
        .split(':')
        .next()
        .unwrap_or("")
        .trim_start_matches(['-', '·', '○', '•', ' '])
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    const KEYS: [&str; 14] = [
        "이메일",
        "e-mail",
        "E-mail",
        "메일",
        "팩스",
        "FAX",
        "Fax",
        "주소",
        "전화",
        "연락처",
        "근무시간",
        "홈페이지",
        "Tel",
        "tel",
    ];
    let keyed = t.contains(':') && key.chars().count() <= 8 && KEYS.iter().any(|k| key.contains(k));
    let starts_list = cell
        .first()
        .and_then(|c| c.chars().next())
        .is_some_and(|c| c == first && matches!(c, '○' | '·' | '-' | '•'));
    keyed
        || t.starts_with('(')
        || starts_list
        || t.contains('@')
        || cell
            .last()
            .is_some_and(|c| c.ends_with(',') || c.ends_with('·'))
}

/// Reads rows from the source; `width` is the header's width once known.
struct Reader<'a> {
    raw: &'a [&'a str],
}

/// A row being read: its cells as lists of lines.
#[derive(Default)]
struct RowBuf {
    cells: Vec<Vec<String>>,
}

impl RowBuf {
    fn add_line(&mut self, line: &str) {
        if self.cells.is_empty() {
            self.cells.push(Vec::new());
        }
        for (k, seg) in line.split('\t').enumerate() {
            if k > 0 {
                self.cells.push(Vec::new());
            }
            let seg = normalize_line(seg);
            if !seg.is_empty()
                && let Some(cell) = self.cells.last_mut()
            {
                cell.push(seg);
            }
        }
    }

    fn tabs(&self) -> usize {
        self.cells.len().saturating_sub(1)
    }

    fn into_cells(self) -> Vec<String> {
        self.cells.into_iter().map(|c| c.join(" ")).collect()
    }
}

impl Reader<'_> {
    /// Whether the inline rows from `k` on add up to exactly `need` TABs
    /// (a row whose cells hold line breaks), without two lines of the
    /// same short shape in a row (which are rowspan rows of their own).
    fn completes(&self, k: usize, have: usize, need: usize, shape: usize) -> bool {
        let mut total = have;
        for j in k..k + 8 {
            let Some(n) = self.raw.get(j).filter(|l| !blank(l)) else {
                return false;
            };
            let t = tabs(n);
            if t > 0 && t == shape && have > 0 && total == have {
                return false;
            }
            total += t;
            if total == need && t > 0 {
                return true;
            }
            if total > need {
                return false;
            }
        }
        false
    }

    /// Whether a row starts at line `k` of a table of `width` cells.
    fn row_starts(&self, k: usize) -> bool {
        let l = self.raw[k];
        !tab_only(l) && (has_tab(l) || leads_glued_row(self.raw, k))
    }

    /// Whether line `k` (not TAB-only) continues the row being read: a
    /// header goes on only across TAB-only lines (or a bracketed second
    /// line); a complete row takes contact details and such into its last
    /// cell; an incomplete one takes lines until its cells add up.
    fn joins(
        &self,
        row: &RowBuf,
        k: usize,
        need: Option<usize>,
        shape: usize,
        after_tab: bool,
    ) -> bool {
        let line = self.raw[k];
        let glue = shape == 0;
        let glued_next = next_nonblank(self.raw, k + 1).is_some_and(|n| tab_only(self.raw[n]));
        let last_cell = row.cells.last().map_or(&[][..], |c| &c[..]);
        match need {
            None => {
                (after_tab && !starts_block(line))
                    || (line.trim_start().starts_with('(') && !has_tab(line))
            }
            Some(n) if row.tabs() >= n => {
                let open_empty = after_tab && last_cell.is_empty();
                !has_tab(line)
                    && !glued_next
                    && if open_empty {
                        !starts_block(line)
                    } else {
                        cell_like(line, last_cell)
                    }
            }
            Some(n) => {
                ((after_tab || (glue && glued_next)) && !has_tab(line))
                    || self.completes(k, row.tabs(), n, shape)
            }
        }
    }

    /// Reads one row starting at line `i`. With a `width`, a row that
    /// reaches it ends at the end of its last cell; without (the header),
    /// at the first line not glued to the next by a TAB-only line.
    fn row(&self, i: usize, width: Option<usize>) -> (Vec<String>, usize) {
        let need = width.map(|w| w.saturating_sub(1));
        let mut row = RowBuf::default();
        row.add_line(self.raw[i]);
        let shape = tabs(self.raw[i]);
        // A row that starts on a line of its own is in the one-cell-per-line
        // layout, where blank lines separate everything.
        let glue = shape == 0;
        let mut j = i + 1;
        let mut after_tab = false;
        loop {
            // Blank lines sit between the cells of the one-cell-per-line
            // layout; elsewhere a blank line ends the row.
            let next = match next_nonblank(self.raw, j) {
                Some(k) if after_tab || tab_only(self.raw[k]) || glue => Some(k),
                _ => Some(j).filter(|&j| j < self.raw.len() && !blank(self.raw[j])),
            };
            let Some(k) = next else { break };
            let line = self.raw[k];
            let complete = need.is_some_and(|n| row.tabs() >= n);
            if tab_only(line) {
                if complete && !row.cells.last().is_some_and(|c| c.is_empty()) {
                    break;
                }
                for _ in 0..tabs(line) {
                    row.cells.push(Vec::new());
                }
                after_tab = true;
                j = k + 1;
                continue;
            }
            let joins = self.joins(&row, k, need, shape, after_tab);
            if !joins {
                break;
            }
            // The first segment continues the open cell.
            let mut segs = line.split('\t');
            if let (Some(first), Some(cell)) = (segs.next(), row.cells.last_mut()) {
                let first = normalize_line(first);
                if !first.is_empty() {
                    cell.push(first);
                }
            }
            for seg in segs {
                let seg = normalize_line(seg);
                row.cells.push(if seg.is_empty() {
                    Vec::new()
                } else {
                    vec![seg]
                });
            }
            after_tab = false;
            j = k + 1;
        }
        (row.into_cells(), j)
    }

    /// Reads a table starting at line `i`: its rows (header first, as
    /// read) and the line after it.
    fn table(&self, i: usize) -> (Vec<Vec<String>>, usize) {
        let (header, mut j) = self.row(i, None);
        let width = header.len();
        let mut rows = vec![header];
        while j < self.raw.len() && !blank(self.raw[j]) || self.glued_after(j) {
            let Some(k) = next_nonblank(self.raw, j) else {
                break;
            };
            if !self.row_starts(k) {
                break;
            }
            let (row, next) = self.row(k, Some(width));
            if row.len() > width + 1 && rows.len() > 1 {
                break;
            }
            rows.push(row);
            j = next;
        }
        (rows, j)
    }

    /// Whether the blank lines at `j` sit inside a one-cell-per-line table.
    fn glued_after(&self, j: usize) -> bool {
        j > 0
            && j < self.raw.len()
            && blank(self.raw[j])
            && next_nonblank(self.raw, j)
                .is_some_and(|k| leads_glued_row(self.raw, k) || tab_only(self.raw[k]))
    }
}

/// A markdown pipe-table separator row: `|---|:--:|`.
pub fn pipe_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// The cells of a pipe-table row (`| a | b \| c |`).
pub fn pipe_cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                chars.next();
                if let Some(l) = cells.last_mut() {
                    l.push('|');
                }
            }
            '|' => cells.push(String::new()),
            _ => {
                if let Some(l) = cells.last_mut() {
                    l.push(c);
                }
            }
        }
    }
    cells.into_iter().map(|c| normalize_line(&c)).collect()
}

/// A markdown pipe table at line `i`: lines starting with `|`, one of them
/// a separator row. Returns its rows (separators left out) and the line
/// after it.
fn pipe_table(raw: &[&str], i: usize) -> Option<(Vec<Vec<String>>, usize)> {
    let end = (i..raw.len())
        .find(|&k| !raw[k].trim_start().starts_with('|'))
        .unwrap_or(raw.len());
    if end - i < 2 || !(i..end).any(|k| pipe_separator(raw[k])) {
        return None;
    }
    let rows: Vec<Vec<String>> = (i..end)
        .filter(|&k| !pipe_separator(raw[k]))
        .map(|k| pipe_cells(raw[k]))
        .collect();
    (!rows.is_empty()).then_some((rows, end))
}

/// Splits a source into units.
pub fn units(source: &str) -> Vec<Unit> {
    let raw: Vec<&str> = source.lines().collect();
    let reader = Reader { raw: &raw };
    let mut out = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        if let Some((rows, next)) = pipe_table(&raw, i) {
            out.push(Unit::Table {
                line: i + 1,
                rows,
                filled: 0,
            });
            i = next;
        } else if table_starts(&raw, i) {
            let (rows, next) = reader.table(i);
            let (rows, filled) = fill_rowspans(rows);
            out.push(Unit::Table {
                line: i + 1,
                rows,
                filled,
            });
            i = next.max(i + 1);
        } else {
            let text = normalize_line(raw[i]);
            if !text.is_empty() {
                out.push(Unit::Text { line: i + 1, text });
            }
            i += 1;
        }
    }
    out
}

/// What a cell's value looks like, to match cells of a short row to
/// the columns of the row above.
fn likeness(a: &str, b: &str) -> u32 {
    let kind = |s: &str| {
        let company = looks_like_company(s);
        let digits = s.chars().filter(char::is_ascii_digit).count();
        let phone = digits >= 7 && s.contains('-') && s.len() < 30;
        let email = s.contains('@');
        let law = s.starts_with('「') || s.contains("법 제") || s.contains("법」");
        let period =
            s.ends_with('년') || s.ends_with("개월") || s.ends_with("까지") || s.ends_with("일");
        let number = !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
        [company, phone, email, law, period, number]
    };
    let (ka, kb) = (kind(a), kind(b));
    let mut score: u32 = ka.iter().zip(&kb).filter(|(x, y)| **x && **y).count() as u32 * 2;
    if a == b && !a.is_empty() {
        score += 2;
    }
    let words_b: Vec<&str> = b.split_whitespace().collect();
    if a.split_whitespace()
        .any(|w| w.chars().count() >= 2 && words_b.contains(&w))
    {
        score += 1;
    }
    score
}

/// Fills the cells a short row lacks (an unexpanded rowspan) from the row
/// above: the leading cells, or the trailing ones when the row's values
/// match the columns that way. Rows right after the header are left as
/// they are (a second header row).
fn fill_rowspans(mut rows: Vec<Vec<String>>) -> (Vec<Vec<String>>, usize) {
    let width = rows.first().map_or(0, Vec::len);
    let mut filled = 0;
    // A tie goes the way the table's last short row went, else to the
    // leading cells (the common rowspan of a first column).
    let mut trailing = false;
    for r in 1..rows.len() {
        let len = rows[r].len();
        if len >= width || r == 1 || len < 2 {
            continue;
        }
        let missing = width - len;
        let mut prev = rows[r - 1].clone();
        prev.resize(width.max(prev.len()), String::new());
        let left: u32 = (0..len).map(|k| likeness(&rows[r][k], &prev[k])).sum();
        let right: u32 = (0..len)
            .map(|k| likeness(&rows[r][k], &prev[k + missing]))
            .sum();
        let row = std::mem::take(&mut rows[r]);
        trailing = left > right || (left == right && trailing);
        rows[r] = if trailing {
            row.into_iter()
                .chain(prev[len..width].iter().cloned())
                .collect()
        } else {
            prev[..missing].iter().cloned().chain(row).collect()
        };
        filled += 1;
    }
    (rows, filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(src: &str) -> Vec<Vec<Vec<String>>> {
        units(src)
            .into_iter()
            .filter_map(|u| match u {
                Unit::Table { rows, .. } => Some(rows),
                Unit::Text { .. } => None,
            })
            .collect()
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn rows_whose_cells_hold_line_breaks() {
        let src = "목록\n순번\t파일명\t근거\t목적\n1\t낚시전문교육\n교육대상자 명단\t법 제47조\t신원 확인\n2\t명부\t동의\t안내\n다음 문단입니다.\n";
        let t = tables(src);
        assert_eq!(t.len(), 1);
        assert_eq!(
            t[0][1],
            row(&[
                "1",
                "낚시전문교육 교육대상자 명단",
                "법 제47조",
                "신원 확인"
            ])
        );
        assert_eq!(t[0][2], row(&["2", "명부", "동의", "안내"]));
        assert_eq!(
            units(src)
                .last()
                .and_then(|u| u.text().map(String::from))
                .as_deref(),
            Some("다음 문단입니다.")
        );
    }

    #[test]
    fn a_multi_line_cell_in_the_middle_and_at_the_end() {
        let src = "순번\t수탁자\t업무\t기간\n1\t수탁기관 : 휴먼웨어즈\n주소 : 서울 금천구\n전화 : 070-4154-1709\t홈페이지 운영\t1년\n② 위탁계약 체결시\n";
        let t = tables(src);
        assert_eq!(
            t[0][1],
            row(&[
                "1",
                "수탁기관 : 휴먼웨어즈 주소 : 서울 금천구 전화 : 070-4154-1709",
                "홈페이지 운영",
                "1년"
            ])
        );
        let src = "구분\t부서명\t성명\t연락처\n보호책임자\t부관장\t백종호\t전화번호 : 02-2220-1470\n이메일 : b@h.ac.kr\n보호담당자\t행정팀장\t김장곤\t전화번호 : 02-2220-1480\n② 정보주체께서는 문의하실 수 있습니다.\n";
        let t = tables(src);
        assert_eq!(t[0].len(), 3);
        assert_eq!(t[0][1][3], "전화번호 : 02-2220-1470 이메일 : b@h.ac.kr");
    }

    #[test]
    fn rowspans_fill_leading_or_trailing_cells() {
        // The trailing columns span every row.
        let src = "시스템명\t수탁업체\t이용목적\t기간\n홈페이지\t(주)플랜아이\t시스템유지보수\t종료시까지\n그룹웨어\t(주)가비아\n상담시스템\t(주)애드뱅크\n";
        let t = tables(src);
        assert_eq!(t[0].len(), 4);
        assert_eq!(
            t[0][2],
            row(&["그룹웨어", "(주)가비아", "시스템유지보수", "종료시까지"])
        );
        assert_eq!(
            t[0][3],
            row(&["상담시스템", "(주)애드뱅크", "시스템유지보수", "종료시까지"])
        );
        // The leading column spans two rows.
        let src = "시스템\t파일\t근거\t목적\n확인시스템\t사용자\t「개인정보 보호법」 제15조\t사용자 관리\n이력\t「여객자동차법」 제34조\t이력 관리\n";
        let t = tables(src);
        assert_eq!(
            t[0][2],
            row(&["확인시스템", "이력", "「여객자동차법」 제34조", "이력 관리"])
        );
    }

    #[test]
    fn one_cell_per_line_between_tab_lines() {
        let src = "제7조. 책임자\n구분\n\t\n직위\n\t\n성명\n\t\n연락처\n\t\n비 고\n책임자\n\t\n교장\n\t\n민병남\n\t\n02-2116-0100\n\t\n담당자\n\t\n교사\n\t\n이현호\n\t\n02-2116-0182\n\t\n제8조. 열람청구\n";
        let t = tables(src);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0][0], row(&["구분", "직위", "성명", "연락처", "비 고"]));
        assert_eq!(
            t[0][1],
            row(&["책임자", "교장", "민병남", "02-2116-0100", ""])
        );
        assert_eq!(
            t[0][2],
            row(&["담당자", "교사", "이현호", "02-2116-0182", ""])
        );
        assert_eq!(
            units(src)
                .last()
                .and_then(|u| u.text().map(String::from))
                .as_deref(),
            Some("제8조. 열람청구")
        );
    }

    #[test]
    fn empty_trailing_cells_end_their_row() {
        let src = "파일명\n\t\n부서\n\t\n연락처\n\t\n비 고\n생활기록부\n\t\n담임교사\n\t\n\t\n졸업생 기록\n\t\n행정실\n\t\n\t\n※ 홈페이지 회원정보는 직접 열람할 수 있습니다.\n";
        let t = tables(src);
        assert_eq!(t[0].len(), 3, "{:?}", t[0]);
        assert_eq!(t[0][2][0], "졸업생 기록");
        assert!(
            units(src)
                .last()
                .and_then(|u| u.text().map(String::from))
                .is_some_and(|t| t.starts_with('※'))
        );
    }

    #[test]
    fn markdown_pipe_tables() {
        let t = tables(
            "표\n| 구분 | 성명 |\n|---|:--:|\n| 책임자 | 홍길동 |\n| a \\| b | 김 |\n본문\n",
        );
        assert_eq!(
            t[0],
            vec![
                row(&["구분", "성명"]),
                row(&["책임자", "홍길동"]),
                row(&["a | b", "김"])
            ]
        );
        assert!(tables("| 표가 아닌 줄 |\n| 또 한 줄 |\n").is_empty());
    }

    #[test]
    fn a_key_value_table_ends_before_the_next_caption() {
        let src = "파일명\t입학지원자명단\n주요항목\t수험번호, 성명,\n이메일, 국적\n보유기간\t5년\n입학생 개인정보 수집 및 보유 안내\n파일명\t입학생관리\n";
        let t = tables(src);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0][1], row(&["주요항목", "수험번호, 성명, 이메일, 국적"]));
    }
}
