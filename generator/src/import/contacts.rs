//! Contacts: privacy officers, privacy contacts, access-request desks,
//! inquiry desks and CCTV managers.
//!
//! From tables (columns recognised by their header words: 구분, 부서,
//! 소속, 성명, 이름, 직위, 연락처, 이메일, FAX, 비고) and from groups of
//! lines: a line that names a role (`▶ 개인정보 보호책임자`,
//! `개인정보 보호책임자 : 빅데이터정보원장 서응교`, `① … 책임관 경영기획실
//! 강선무 실장`) followed by `key : value` lines (`성 명 : 박 민 수`,
//! `- 연락처 : …`) or by one line of department, name and phone. Names
//! are kept as written: masked (`홍○○`), one syllable, letter-spaced.

use super::extract::{all_blocks, email_in, keyed_parts, phones_in, unmarked};
use super::text::{key_value, normalize_line, squash};
use crate::model::{Block, BlockKind, Category, Contact, Policy, Role};

/// The role a text names, if any.
pub fn role_of(text: &str) -> Option<Role> {
    let s = squash(text);
    let has = |k: &str| s.contains(k);
    if has("분야별") && has("책임자") {
        Some(Role::FieldOfficer)
    } else if has("분야별") && (has("담당자") || has("취급자")) {
        Some(Role::FieldContact)
    } else if has("영상정보") || has("접근권한자") || (has("관리책임자") && !has("개인정보관리"))
    {
        Some(Role::Cctv)
    } else if has("열람청구") || has("열람등청구") || has("열람등요구") {
        Some(Role::AccessRequest)
    } else if has("보호책임자") || has("책임관") || has("개인정보책임자") || has("관리책임자")
    {
        Some(Role::PrivacyOfficer)
    } else if (has("개인정보") || has("고충처리"))
        && (has("담당자") || has("담당부서") || has("담당팀장") || has("취급자"))
    {
        Some(Role::PrivacyContact)
    } else if has("상담센터")
        || has("콜센터")
        || has("고객센터")
        || has("민원실")
        || (has("고충") && has("부서"))
    {
        Some(Role::Inquiry)
    } else {
        None
    }
}

fn new_contact(role: Role) -> Contact {
    Contact {
        role,
        department: String::new(),
        name: String::new(),
        title: String::new(),
        phones: Vec::new(),
        email: String::new(),
        fax: String::new(),
    }
}

/// Reads phones, e-mail and fax out of a contact text.
fn contact_details(c: &mut Contact, text: &str) {
    let fax_at = ["팩스", "FAX", "Fax", "fax", "F A X"]
        .iter()
        .filter_map(|k| text.find(k))
        .min();
    for (at, phone) in phones_in(text) {
        if fax_at.is_some_and(|f| at > f) && c.fax.is_empty() {
            c.fax = phone;
        } else if !c.phones.contains(&phone) && Some(&phone) != Some(&c.fax) {
            c.phones.push(phone);
        }
    }
    if c.email.is_empty() {
        c.email = email_in(text);
    }
}

/// Job titles written after a name (`강선무 실장`).
const TITLES: [&str; 22] = [
    "실장",
    "과장",
    "팀장",
    "부장",
    "차장",
    "국장",
    "처장",
    "책임",
    "선임",
    "주무관",
    "주임",
    "대리",
    "사원",
    "계장",
    "원장",
    "소장",
    "관장",
    "교장",
    "교감",
    "교사",
    "위원장",
    "팀원",
];

/// Whether a word can be a person's name: 1–4 Hangul syllables, possibly
/// masked (`홍○○`, `김**`).
fn name_like(w: &str) -> bool {
    let n = w.chars().count();
    (1..=4).contains(&n)
        && w.chars()
            .all(|c| ('가'..='힣').contains(&c) || matches!(c, '○' | '*' | '◯' | '●' | 'O' | 'x'))
        && !TITLES.contains(&w)
        && !w.ends_with(['과', '팀', '실', '처', '국', '부', '관'])
}

/// `부서 … 이름 직함` → (department, name, title). Letter-spaced names
/// (`진 숙`, `박 민 수`) are kept as written.
pub fn split_person(value: &str) -> (String, String, String) {
    // The words before the details: `(☎ …`, `/ 02-…`, a phone, an e-mail.
    let value = value
        .split(['(', '☎', '/', '|', '<'])
        .next()
        .unwrap_or(value);
    let mut words: Vec<&str> = value
        .split_whitespace()
        .take_while(|w| !w.contains('@') && !w.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    let mut title = String::new();
    if words.len() >= 2 && words.last().is_some_and(|w| TITLES.contains(w)) {
        title = words.pop().unwrap_or_default().to_string();
    }
    // `총무과 주무관 김철수`: a title between department and name.
    if words.len() >= 3 && title.is_empty() && TITLES.contains(&words[words.len() - 2]) {
        title = words.remove(words.len() - 2).to_string();
    }
    // Trailing one-syllable words are one letter-spaced name.
    let singles = words
        .iter()
        .rev()
        .take_while(|w| w.chars().count() == 1 && name_like(w))
        .count();
    let take = if singles >= 2 {
        singles
    } else {
        usize::from(words.last().is_some_and(|w| name_like(w)))
    };
    if take == 0 || (take == words.len() && take == 1 && words.len() > 1) {
        return (words.join(" "), String::new(), title);
    }
    let name = words[words.len() - take..].join(" ");
    let dept = words[..words.len() - take].join(" ");
    (dept, name, title)
}

/// Applies one `key : value` line to a contact; false if the key is not
/// a contact field.
fn apply_field(c: &mut Contact, key: &str, value: &str) -> bool {
    let k = key.to_lowercase();
    if k.contains("부서") || k.contains("소속") {
        c.department = value.to_string();
    } else if k.contains("성명") || k.contains("이름") || k.contains("담당자") {
        let (dept, name, title) = split_person(value);
        if c.department.is_empty() {
            c.department = dept;
        }
        c.name = if name.is_empty() {
            value.to_string()
        } else {
            name
        };
        if c.title.is_empty() {
            c.title = title;
        }
    } else if k.contains("직책") || k.contains("직급") || k.contains("직위") {
        if c.title.is_empty() {
            c.title = value.to_string();
        }
    } else if k.contains("메일")
        || k.contains("e-mail")
        || k.contains("email")
        || k.contains("전자우편")
    {
        c.email = email_in(value);
    } else if k == "fax" || k.contains("팩스") {
        if let Some((_, p)) = phones_in(value).into_iter().next() {
            c.fax = p;
        }
    } else if k.contains("전화") || k.contains("연락처") || k.contains("tel") || k.contains('☎')
    {
        contact_details(c, value);
    } else {
        return k.contains("주소") || k.contains("근무시간");
    }
    true
}

/// The column of a contact table a header names.
#[derive(Clone, Copy, PartialEq)]
enum Col {
    Role,
    Department,
    Name,
    Title,
    Phone,
    Email,
    Fax,
    Note,
    Other,
}

fn col(h: &str) -> Col {
    let h = squash(h).to_lowercase();
    if h == "구분" || h.contains("직책명") {
        Col::Role
    } else if h.contains("성명") || h.contains("이름") || h == "담당자" || h == "담당자명"
    {
        Col::Name
    } else if h.starts_with("fax") || h.starts_with("팩스") {
        Col::Fax
    } else if h.contains("메일") {
        Col::Email
    } else if h.contains("연락처") || h.contains("전화") {
        Col::Phone
    } else if h.contains("fax") || h.contains("팩스") {
        Col::Fax
    } else if h.contains("부서") || h.contains("소속") {
        Col::Department
    } else if h.contains("직위") || h.contains("직급") || h.contains("직책") {
        Col::Title
    } else if h.contains("비고") {
        Col::Note
    } else {
        Col::Other
    }
}

fn dept_like(s: &str) -> bool {
    let s = s.trim();
    [
        "팀", "과", "실", "부", "처", "국", "본부", "센터", "관", "단",
    ]
    .iter()
    .any(|e| s.ends_with(e))
        && s.chars().count() <= 20
}

/// A two-column table of labels and values whose value cell holds a
/// person's details (`청구 관련 문의 | 담당자 : 정책자료과 진 숙 연락처 : …`).
fn from_labelled_cells(table: &Block, fallback: Option<Role>) -> Vec<Contact> {
    // A person's card: 성명 | 김철수, 부서 | …, 전화 | … one per row.
    let fields = table
        .rows
        .iter()
        .filter(|r| r.len() == 2 && is_contact_key(&r[0]))
        .count();
    if fields >= 2
        && table
            .rows
            .iter()
            .any(|r| r.len() == 2 && !phones_in(&r[1]).is_empty())
    {
        let role = table
            .rows
            .iter()
            .find_map(|r| r.iter().find_map(|c| role_of(c)))
            .or(fallback);
        let Some(role) = role else { return Vec::new() };
        let mut c = new_contact(role);
        for row in table.rows.iter().filter(|r| r.len() == 2) {
            apply_field(&mut c, &squash(&row[0]), &row[1]);
        }
        return vec![c];
    }
    let mut out = Vec::new();
    for row in &table.rows {
        let [label, value] = &row[..] else { continue };
        if phones_in(value).is_empty() || !value.contains(':') {
            continue;
        }
        let Some(role) = role_of(label).or(fallback) else {
            continue;
        };
        let mut c = new_contact(role);
        for (key, v) in keyed_parts(value) {
            apply_field(&mut c, &key, &v);
        }
        if c.name.is_empty() && c.department.is_empty() {
            c.department = label.clone();
        }
        out.push(c);
    }
    out
}

/// Whether a label names a field of a person's contact card.
fn is_contact_key(label: &str) -> bool {
    let k = squash(label).to_lowercase();
    [
        "성명",
        "이름",
        "부서",
        "소속",
        "직위",
        "직급",
        "직책",
        "전화",
        "연락처",
        "이메일",
        "e-mail",
        "팩스",
        "fax",
    ]
    .iter()
    .any(|w| k == *w || (k.starts_with(w) && k.chars().count() <= 5))
}

/// Contacts from one table, if it is a contact table.
fn from_table(table: &Block, fallback: Option<Role>) -> Vec<Contact> {
    if table.rows.first().is_some_and(|r| r.len() == 2) {
        return from_labelled_cells(table, fallback);
    }
    let Some(header) = table.rows.first() else {
        return Vec::new();
    };
    let cols: Vec<Col> = header.iter().map(|h| col(h)).collect();
    let has = |c: Col| cols.contains(&c);
    if !(has(Col::Phone) || has(Col::Email) || has(Col::Name))
        || !(has(Col::Name) || has(Col::Department) || has(Col::Role))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for row in &table.rows[1..] {
        let role_cell = cols
            .iter()
            .zip(row)
            .find(|(c, _)| **c == Col::Role)
            .map(|(_, v)| v.as_str());
        if role_cell.is_some_and(|r| squash(r).contains("수탁")) {
            continue; // a contractor, not a citizen's contact
        }
        let Some(role) = role_cell
            .and_then(role_of)
            .or_else(|| row.iter().find_map(|c| role_of(c)))
            .or(fallback)
        else {
            continue;
        };
        let mut c = new_contact(role);
        let mut note = String::new();
        for (k, cell) in cols.iter().zip(row) {
            match k {
                Col::Department => c.department = cell.clone(),
                Col::Name => c.name = cell.clone(),
                Col::Title => c.title = cell.clone(),
                Col::Phone => contact_details(&mut c, cell),
                Col::Email => c.email = email_in(cell),
                Col::Fax => {
                    c.fax = phones_in(cell)
                        .into_iter()
                        .next()
                        .map(|p| p.1)
                        .unwrap_or_default()
                }
                Col::Note => note = cell.clone(),
                Col::Role | Col::Other => {}
            }
        }
        if c.name.is_empty()
            && let Some((dept, name)) = c.department.split_once('/')
        {
            (c.department, c.name) = (dept.trim().to_string(), name.trim().to_string());
        }
        if c.department.is_empty() && dept_like(&note) {
            c.department = note;
        } else if c.title.is_empty() && note.ends_with('장') && note.chars().count() <= 12 {
            c.title = note; // 경영기획본부장
        }
        if !c.name.is_empty() || !c.phones.is_empty() || !c.email.is_empty() {
            out.push(c);
        }
    }
    out
}

/// The role a block of an article of `category` defaults to.
fn default_role(category: Category) -> Option<Role> {
    match category {
        Category::Officer => Some(Role::PrivacyContact),
        Category::AccessRequest => Some(Role::AccessRequest),
        _ => None,
    }
}

/// A line that starts a contact group: it names a role and is no
/// sentence. Returns the role, the words naming it, and what follows.
fn role_line(text: &str) -> Option<(Role, String, String)> {
    let t = unmarked(text)
        .trim_start_matches(|c: char| ('\u{2460}'..='\u{2473}').contains(&c) || c == ' ');
    let (head, value) = match t.split_once(':') {
        Some((h, v)) => (h, normalize_line(v)),
        None => (t, String::new()),
    };
    if head.chars().count() > 45
        || head.contains(',')
        || t.ends_with('.')
        || t.ends_with("다")
        || t.ends_with("요")
    {
        return None;
    }
    let nouns = [
        "책임자",
        "담당자",
        "책임관",
        "담당부서",
        "권한자",
        "취급자",
        "부서",
        "담당팀장",
        "센터",
        "접수",
    ];
    if !nouns.iter().any(|n| squash(head).contains(n)) {
        return None;
    }
    let role = role_of(head)?;
    if !value.is_empty() {
        return Some((role, head.to_string(), value));
    }
    // `o 개인정보 보호책임자 유`, `① 기관 개인정보보호책임관 경영기획실 강선무 실장`.
    let ends = [
        "책임자",
        "담당자",
        "책임관",
        "담당부서",
        "권한자",
        "취급자",
        "부서",
        "담당팀장",
    ];
    let after = ends
        .iter()
        .filter_map(|k| head.rfind(k).map(|at| at + k.len()))
        .max();
    let rest = after.map_or("", |a| &head[a..]);
    // `담당자의 최소화`, `책임자는 …`: the role word inside a phrase.
    if [
        "의", "는", "은", "가", "이", "를", "을", "에", "와", "과", "로", "께",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
    {
        return None;
    }
    Some((
        role,
        head[..after.unwrap_or(head.len())].to_string(),
        normalize_line(rest),
    ))
}

/// `경영기획본부 대외홍보팀 곽혜경(02-735-8990, a@b.kr)`,
/// `자료봉사과장 공은희 ☎051-802-5901`: a department, a name and details.
fn person_line(c: &mut Contact, text: &str) -> bool {
    let (dept, name, title) = split_person(text);
    let unit = |d: &str| {
        [
            "과", "팀", "실", "부", "처", "국", "장", "원", "센터", "본부", "관",
        ]
        .iter()
        .any(|e| d.ends_with(e))
    };
    if name.is_empty() || dept.chars().count() > 30 || (!dept.is_empty() && !unit(&dept)) {
        return false;
    }
    (c.department, c.name, c.title) = (dept, name, title);
    contact_details(c, text);
    true
}

/// Words that follow a role in captions and lists, never names.
const NOT_NAMES: [&str; 12] = [
    "리스트",
    "현황",
    "목록",
    "안내",
    "연락처",
    "지정",
    "명단",
    "부서",
    "정보",
    "접근권자",
    "운영",
    "등",
];

/// The people one role line names: `부서 이름`, `부서 이름, 이름`, or a
/// desk (`낚시누리 상담센터 : 1833-7139`).
fn people_of(role: Role, head: &str, value: &str) -> Vec<Contact> {
    // A desk: named by its line (`… 상담센터 : 1833-7139`, `… 관련한 문의`).
    if role == Role::Inquiry || value == DESK {
        let mut c = new_contact(role);
        c.department =
            normalize_line(head.trim_matches(|ch: char| matches!(ch, '(' | ')' | '[' | ']' | ' ')));
        contact_details(&mut c, value);
        return vec![c];
    }
    let mut people: Vec<Contact> = Vec::new();
    // `정보보안처 양륜겸, 장지혜`: several people only when every part is
    // a name without details; else one person and their details.
    let parts: Vec<&str> = value
        .split([',', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let several = parts.len() > 1
        && parts.iter().all(|p| {
            !p.contains(['(', '@', '☎'])
                && !p.chars().any(|c| c.is_ascii_digit())
                && !split_person(p).1.is_empty()
        });
    let parts = if several { parts } else { vec![value] };
    for part in parts.into_iter().filter(|p| !p.trim().is_empty()) {
        let mut c = new_contact(role);
        (c.department, c.name, c.title) = split_person(part);
        if NOT_NAMES.contains(&c.name.as_str()) {
            c.name.clear();
        }
        if c.department.is_empty()
            && let Some(first) = people.first()
        {
            c.department = first.department.clone();
        }
        contact_details(&mut c, part);
        people.push(c);
    }
    if people.is_empty() {
        people.push(new_contact(role));
    }
    people
}

/// Reads the contact group whose role line is at `i`: the people it
/// names, a line of department/name/phone under it, then `key : value`
/// lines. Returns the people and the index after the group.
fn read_group(
    blocks: &[(&Block, Category)],
    i: usize,
    role: Role,
    head: &str,
    value: &str,
) -> (Vec<Contact>, usize) {
    let is_text = |k: usize| {
        blocks
            .get(k)
            .is_some_and(|(b, _)| b.kind != BlockKind::Table)
    };
    let line = |k: usize| unmarked(&blocks[k].0.text);
    let mut people = people_of(role, head, value);
    let mut i = i + 1;
    if people[0].name.is_empty()
        && role != Role::Inquiry
        && value != DESK
        && is_text(i)
        && key_value(line(i)).is_none()
        && role_line(&blocks[i].0.text).is_none()
        && person_line(&mut people[0], line(i))
    {
        i += 1;
    }
    while is_text(i) && role_line(&blocks[i].0.text).is_none() {
        let Some((key, value)) = key_value(line(i)) else {
            break;
        };
        let values: Vec<&str> = value.split([',', '|']).map(str::trim).collect();
        if people.len() > 1 && values.len() == people.len() {
            for (p, v) in people.iter_mut().zip(&values) {
                apply_field(p, &key, v);
            }
        } else if let Some(last) = people.last_mut()
            && !apply_field(last, &key, &value)
        {
            break;
        }
        i += 1;
    }
    share_details(&mut people);
    (people, i)
}

/// Contacts from the lines of the policy's articles.
fn from_lines(blocks: &[(&Block, Category)]) -> Vec<Contact> {
    // Each group: the index of its role line, the index after it, its people.
    let mut groups: Vec<(usize, usize, Vec<Contact>)> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let found = (blocks[i].0.kind != BlockKind::Table)
            .then(|| role_line(&blocks[i].0.text).or_else(|| desk_heading(blocks, i)))
            .flatten();
        let Some((role, head, value)) = found else {
            i += 1;
            continue;
        };
        let (people, next) = read_group(blocks, i, role, &head, &value);
        groups.push((i, next, people));
        i = next;
    }
    // `책임자 : A` / `담당자 : B` / `연락처 : …`: a group right above another
    // without details of its own shares the next one's.
    for k in (1..groups.len()).rev() {
        let (before, after) = groups.split_at_mut(k);
        let (prev, next) = (&mut before[k - 1], &after[0]);
        let bare = prev
            .2
            .iter()
            .all(|c| c.phones.is_empty() && c.email.is_empty() && !c.name.is_empty());
        if prev.1 == next.0
            && bare
            && let Some(with) = next.2.first()
        {
            for c in &mut prev.2 {
                c.phones = with.phones.clone();
                c.email = with.email.clone();
            }
        }
    }
    let mut out: Vec<Contact> = groups.into_iter().flat_map(|g| g.2).collect();
    out.retain(|c| {
        !c.phones.is_empty()
            || !c.email.is_empty()
            || name_like(c.name.split_whitespace().next().unwrap_or(""))
    });
    out
}

/// The value [`desk_heading`] gives: the line names a desk, not a person.
const DESK: &str = "\u{0}desk";

/// `개인정보 열람 등 요구와 관련한 문의` followed by `- 전화 : …`: a desk
/// named by a short line, with its number on the next.
fn desk_heading(blocks: &[(&Block, Category)], i: usize) -> Option<(Role, String, String)> {
    let t = unmarked(&blocks[i].0.text);
    let words = ["문의", "접수", "창구", "상담", "민원"];
    if t.contains(':')
        || t.chars().count() > 40
        || t.ends_with('.')
        || !words.iter().any(|w| t.contains(w))
    {
        return None;
    }
    let next = blocks
        .get(i + 1)
        .filter(|(b, _)| b.kind != BlockKind::Table)?;
    let (key, value) = key_value(unmarked(&next.0.text))?;
    if !(key.contains("전화") || key.contains("연락처")) || phones_in(&value).is_empty() {
        return None;
    }
    let role = if t.contains("열람") {
        Role::AccessRequest
    } else {
        Role::Inquiry
    };
    Some((role, t.to_string(), DESK.to_string()))
}

/// People listed together without details of their own take those of
/// the others in their group.
fn share_details(group: &mut [Contact]) {
    let Some(with) = group.iter().find(|c| !c.phones.is_empty()).cloned() else {
        return;
    };
    for c in group.iter_mut().filter(|c| c.phones.is_empty()) {
        c.phones = with.phones.clone();
        if c.email.is_empty() {
            c.email = with.email.clone();
        }
    }
}

/// The contacts of a policy: tables first, then lines; the same person
/// in the same role once.
pub fn contacts(policy: &Policy) -> Vec<Contact> {
    let mut out = Vec::new();
    let skip = [Category::Remedies, Category::Changes, Category::Entrustment];
    for a in policy
        .articles
        .iter()
        .filter(|a| !skip.contains(&a.category))
    {
        for t in a.blocks.iter().filter(|b| b.kind == BlockKind::Table) {
            out.extend(from_table(t, default_role(a.category)));
        }
    }
    if policy.articles.len() <= 1 {
        for t in all_blocks(policy).filter(|b| b.kind == BlockKind::Table) {
            out.extend(from_table(t, None));
        }
    }
    let lines: Vec<(&Block, Category)> = policy
        .articles
        .iter()
        .filter(|a| !skip.contains(&a.category))
        .flat_map(|a| a.blocks.iter().map(move |b| (b, a.category)))
        .collect();
    for c in from_lines(&lines) {
        if let Some(same) = out
            .iter_mut()
            .find(|o| o.name == c.name && o.role == c.role && !c.name.is_empty())
        {
            if same.phones.is_empty() {
                same.phones = c.phones;
            }
            if same.email.is_empty() {
                same.email = c.email;
            }
        } else if let Some(same) = out
            .iter_mut()
            .find(|o| !c.name.is_empty() && o.name == c.name && o.phones.is_empty())
        {
            // The desk completes an entry of the same person without a phone.
            same.phones = c.phones;
            if same.email.is_empty() {
                same.email = c.email;
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contacts_of(body: &str) -> Vec<Contact> {
        crate::import::policy_with_article("개인정보 보호책임자", body).contacts
    }

    #[test]
    fn people_in_words() {
        assert_eq!(
            split_person("경영기획실 강선무 실장"),
            ("경영기획실".into(), "강선무".into(), "실장".into())
        );
        assert_eq!(
            split_person("정책자료과 진 숙"),
            ("정책자료과".into(), "진 숙".into(), String::new())
        );
        assert_eq!(
            split_person("박 민 수"),
            (String::new(), "박 민 수".into(), String::new())
        );
        assert_eq!(
            split_person("빅데이터정보원장 서응교"),
            ("빅데이터정보원장".into(), "서응교".into(), String::new())
        );
        assert_eq!(
            split_person("홍○○"),
            (String::new(), "홍○○".into(), String::new())
        );
        assert_eq!(split_person("통계청 보안담당관").1, "");
        assert_eq!(
            split_person("총무과 주무관 김철수 / 033-123-4568"),
            ("총무과".into(), "김철수".into(), "주무관".into())
        );
        assert_eq!(
            split_person("총무과장 홍길동 (☎ 033-123-4567, hong@x.go.kr)").1,
            "홍길동"
        );
    }

    #[test]
    fn key_value_groups_with_spaced_keys_and_names() {
        let c = contacts_of(
            "▶개인정보 보호책임자\n성 명 : 박 민 수\n부 서 : 경영기획부\n직 급 : 부장\n연락처 : 051-400-3210\nFAX : 051-464-6154\ne-mail : mspark@bpfmc.or.kr\n▶ 개인정보 보호 담당자\n성 명 : 김 정 원\n부 서 : 전산부\n연락처 : 051-400-3220",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].name.as_str(), c[0].department.as_str(), c[0].role),
            ("박 민 수", "경영기획부", Role::PrivacyOfficer)
        );
        assert_eq!(
            (
                c[0].phones[0].as_str(),
                c[0].fax.as_str(),
                c[0].email.as_str()
            ),
            ("051-400-3210", "051-464-6154", "mspark@bpfmc.or.kr")
        );
        assert_eq!(
            (c[1].name.as_str(), c[1].role),
            ("김 정 원", Role::PrivacyContact)
        );
    }

    #[test]
    fn one_shared_line_of_details() {
        let c = contacts_of(
            "개인정보 보호책임자 : 빅데이터정보원장 서응교\n개인정보 보호담당자 : 빅데이터정보원 정보인프라팀 공윤수\n연락처 : ☎ 031-8005-2324 | privacy@dankook.ac.kr",
        );
        assert_eq!(c.len(), 2);
        assert!(
            c.iter()
                .all(|c| c.phones == ["031-8005-2324"] && c.email == "privacy@dankook.ac.kr"),
            "{c:?}"
        );
    }

    #[test]
    fn several_people_on_one_line() {
        let c = contacts_of(
            "※ 개인정보보호 및 고충처리 담당자 : 정보보안처 양륜겸, 장지혜\n- 이메일 : yeti@kotsa.or.kr, jangjh@kotsa.or.kr\n- 전화번호 : 054-459-7485, 054-459-7483",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(
            (
                c[1].name.as_str(),
                c[1].department.as_str(),
                c[1].phones[0].as_str()
            ),
            ("장지혜", "정보보안처", "054-459-7483")
        );
    }

    #[test]
    fn a_role_line_then_a_person_line() {
        let c = contacts_of(
            "개인정보보호책임자\n자료봉사과장 공은희 ☎051-802-5901\n개인정보보호담당자\n자료봉사과 김수미 ☎051-802-5901",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].name.as_str(), c[0].department.as_str()),
            ("공은희", "자료봉사과장")
        );
        assert_eq!(c[1].phones, ["051-802-5901"]);
    }

    #[test]
    fn tables_with_many_header_words() {
        let c = contacts_of(
            "구분\t이름\t연락처\t비고\n개인정보보호 책임자\t김지혜\t02-735-0161\t경영기획본부장\n정보화 업무 및 개인정보보호 담당자\t곽혜경\t02-735-8990\t대외홍보팀",
        );
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[1].name.as_str(), c[1].department.as_str(), c[1].role),
            ("곽혜경", "대외홍보팀", Role::PrivacyContact)
        );
        let c = contacts_of(
            "구분\t소속\t연락처\n관리책임자 및 접근권한자\t경영기획본부 / 곽혜경\t02-735-8990\n수탁업체\t(주)에스원\t1588-3112",
        );
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].name.as_str(), c[0].role), ("곽혜경", Role::Cctv));
    }

    #[test]
    fn a_card_of_labels_and_values() {
        let c = contacts_of(
            "구분\t내용\n성명\t김철수\n부서\t경영지원팀\n직위\t팀장\n전화\t031-111-2222\n이메일\tkim@gongdan.or.kr",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(
            (
                c[0].name.as_str(),
                c[0].department.as_str(),
                c[0].title.as_str()
            ),
            ("김철수", "경영지원팀", "팀장")
        );
        assert_eq!(
            (c[0].phones[0].as_str(), c[0].email.as_str()),
            ("031-111-2222", "kim@gongdan.or.kr")
        );
    }

    #[test]
    fn a_complaint_desk_with_its_fields() {
        let c = contacts_of(
            "② 고충처리부서\n- 부서명 : 고객지원팀\n- 전화 : 02-333-2000\n- 이메일 : help@gongdan.or.kr",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].role, c[0].department.as_str()),
            (Role::Inquiry, "고객지원팀")
        );
        assert_eq!(
            (c[0].phones[0].as_str(), c[0].email.as_str()),
            ("02-333-2000", "help@gongdan.or.kr")
        );
    }

    #[test]
    fn a_desk_with_a_phone() {
        let c = contacts_of("(낚시누리 상담센터 : 1833-7139 )");
        assert_eq!(
            (c[0].role, c[0].phones[0].as_str()),
            (Role::Inquiry, "1833-7139")
        );
    }
}
