//! Which agency published a policy, when the text does not say it plainly.

use crate::model::Policy;

/// The agency an import settled on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyGuess {
    /// URL slug.
    pub slug: String,
    /// Short name.
    pub name: String,
    /// Full name.
    pub full_name: String,
    /// Metropolitan region.
    pub region: String,
    /// Kind of body.
    pub kind: String,
}

/// Korea's metropolitan regions: full name, slug, telephone area code,
/// e-mail domain label, short name.
const REGIONS: &[(&str, &str, &str, &str, &str)] = &[
    ("서울특별시", "seoul", "02", "seoul", "서울시"),
    ("부산광역시", "busan", "051", "busan", "부산시"),
    ("대구광역시", "daegu", "053", "daegu", "대구시"),
    ("인천광역시", "incheon", "032", "incheon", "인천시"),
    ("광주광역시", "gwangju", "062", "gwangju", "광주시"),
    ("대전광역시", "daejeon", "042", "daejeon", "대전시"),
    ("울산광역시", "ulsan", "052", "ulsan", "울산시"),
    ("세종특별자치시", "sejong", "044", "sejong", "세종시"),
    ("경기도", "gyeonggi", "031", "gg", "경기도"),
    ("강원특별자치도", "gangwon", "033", "gwd", "강원도"),
    ("충청북도", "chungbuk", "043", "chungbuk", "충북"),
    ("충청남도", "chungnam", "041", "chungnam", "충남"),
    ("전북특별자치도", "jeonbuk", "063", "jeonbuk", "전북"),
    ("전라남도", "jeonnam", "061", "jeonnam", "전남"),
    ("경상북도", "gyeongbuk", "054", "gb", "경북"),
    ("경상남도", "gyeongnam", "055", "gyeongnam", "경남"),
    ("제주특별자치도", "jeju", "064", "jeju", "제주도"),
];

/// The region whose telephone area code a number starts with.
pub fn region_of_area_code(phone: &str) -> Option<&'static str> {
    let digits: String = phone.chars().take_while(|c| c.is_ascii_digit()).collect();
    REGIONS.iter().find(|r| digits == r.2).map(|r| r.0)
}

fn region(
    full: &str,
) -> Option<&'static (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    REGIONS.iter().find(|r| r.0 == full)
}

/// Decides the agency of `policy`: `--agency` if given, else the title,
/// else the preamble; the region of a bare district or city name from the
/// e-mail domains and area codes of the policy's own contacts. Every
/// guess is reported in `inferred`.
pub fn agency(policy: &Policy, given: Option<&str>, inferred: &mut Vec<String>) -> AgencyGuess {
    let name = agency_name(policy, given, inferred);
    let Place { region, local } = place(&name);
    let region_name = region.or_else(|| {
        let (found, how) = region_from_contacts(policy)?;
        inferred.push(format!("region {found} for {local}: {how}"));
        Some(found)
    });
    guess(region_name.unwrap_or(""), &local)
}

/// The agency's name: `--agency` if given, else the title's, else the
/// subject of the preamble's first sentence, else the first region the
/// preamble names, else `미상 기관`. Every guess is reported in `inferred`.
fn agency_name(policy: &Policy, given: Option<&str>, inferred: &mut Vec<String>) -> String {
    let name = match given {
        Some(g) => g.trim().to_string(),
        None => name_in_title(&policy.title),
    };
    if given.is_none()
        && let Some((body, site)) = body_behind_site(policy)
    {
        inferred.push(format!(
            "agency {body}: the preamble's 개인정보 보호법 sentence is about it; the title names its site, \"{site}\""
        ));
        return body;
    }
    if !name.is_empty() {
        return name;
    }
    if let Some(subject) = subject_of_opening(policy) {
        inferred.push(format!(
            "agency {subject}: the title names none; the preamble's first sentence is about it"
        ));
        return subject;
    }
    if let Some(region) = region_in_preamble(policy) {
        inferred.push(format!(
            "agency {region}: the title names none; the preamble introduces \"{region}\""
        ));
        return region.to_string();
    }
    inferred.push("agency unknown: pass --agency".to_string());
    "미상 기관".to_string()
}

/// When the title names a site or service (통계지리정보서비스) and the
/// preamble's 개인정보 보호법 sentence is about another body (`통계청은
/// 개인정보 보호법 제30조에 따라…`): that body, which the law makes the
/// policy's author, and the site. The sentence's topic is the name just
/// before it (`…위탁받아 운영하는 낚시누리(…)(이하 "낚시누리")는` is about
/// 낚시누리, whatever runs it). Not when either name holds the other
/// (서울특별시 중구 and 중구 are one body).
fn body_behind_site(policy: &Policy) -> Option<(String, String)> {
    let site = name_in_title(&policy.title);
    let opening: String = policy
        .preamble
        .iter()
        .take(2)
        .map(|b| b.plain_text())
        .collect::<Vec<_>>()
        .join(" ");
    let at = opening
        .find("개인정보 보호법")
        .or_else(|| opening.find("개인정보보호법"))?;
    let body = topic_before(&opening[..at])?;
    let named_alike = body.contains(&site) || site.contains(&body);
    (!site.is_empty() && !named_alike && is_body(&body)).then_some((body, site))
}

/// The name a topic particle ends `text` with: `통계청은 ` → 통계청,
/// `… 낚시누리(www.naksinuri.kr)(이하 "낚시누리")는` → 낚시누리.
fn topic_before(text: &str) -> Option<String> {
    let text = text.trim_end();
    let mut name = ["은", "는", "이", "가"]
        .iter()
        .find_map(|p| text.strip_suffix(p))?
        .trim_end();
    while let Some(open) = name.strip_suffix(')').and_then(|n| n.rfind('(')) {
        name = name[..open].trim_end();
    }
    let mut words = name.split_whitespace().rev();
    let last = words.next()?;
    // 우리 도서관, 본 기관: a common noun standing for the body.
    if words
        .next()
        .is_some_and(|w| ["우리", "본", "당", "저희", "이"].contains(&w))
    {
        return None;
    }
    Some(
        last.trim_matches(['"', '“', '”', '\'', '「', '」'])
            .to_string(),
    )
}

/// Whether a name is a public body's by its ending and length (통계청,
/// 한국어촌어항공단, 국립세종도서관, 성균관대학교; not 본원).
fn is_body(name: &str) -> bool {
    const ENDINGS: [&str; 14] = [
        "청",
        "원",
        "공단",
        "공사",
        "학교",
        "센터",
        "위원회",
        "도서관",
        "재단",
        "협회",
        "병원",
        "시",
        "군",
        "구",
    ];
    name.chars().count() >= 3 && ENDINGS.iter().any(|e| name.ends_with(e))
}

/// The body the first sentence about personal data is about, among the
/// preamble and the first three blocks of the first article.
fn subject_of_opening(policy: &Policy) -> Option<String> {
    let opening = policy
        .articles
        .first()
        .into_iter()
        .flat_map(|a| a.blocks.iter().take(3));
    policy
        .preamble
        .iter()
        .chain(opening)
        .find_map(|b| subject_of(&b.plain_text()))
}

/// The region the preamble names first, by its full name.
fn region_in_preamble(policy: &Policy) -> Option<&'static str> {
    let preamble: String = policy
        .preamble
        .iter()
        .map(|b| b.plain_text())
        .collect::<Vec<_>>()
        .join(" ");
    REGIONS
        .iter()
        .filter_map(|r| preamble.find(r.0).map(|at| (at, r)))
        .min()
        .map(|r| r.1.0)
}

/// An agency name split into its region, when it starts with one, and
/// the rest.
struct Place {
    /// The region's full name, when the name starts with it.
    region: Option<&'static str>,
    /// The name without the region.
    local: String,
}

/// Splits a name after its region: `광주광역시 서구` is 광주광역시 then
/// 서구; `부산광역시 중구`, not `부산광역시립부전도서관`.
fn place(name: &str) -> Place {
    let in_region = |r: &&(&str, &str, &str, &str, &str)| {
        name.strip_prefix(r.0)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
    };
    match REGIONS.iter().find(in_region) {
        Some(r) => Place {
            region: Some(r.0),
            local: name[r.0.len()..].trim().to_string(),
        },
        None => Place {
            region: None,
            local: name.to_string(),
        },
    }
}

/// The agency named `local` in the region `region_name` (empty when
/// unknown): a local government's names and slug carry the region's, a
/// region alone is a metropolitan government, any other body keeps its
/// own name.
fn guess(region_name: &str, local: &str) -> AgencyGuess {
    let region_slug = region(region_name).map_or("kr", |r| r.1);
    let local_government = local.ends_with(['시', '군', '구']) || local.is_empty();
    let (full_name, kind, slug) = if !local_government {
        (
            local.to_string(),
            body_kind(local).to_string(),
            romanize_slug(local),
        )
    } else if local.is_empty() {
        (
            region_name.to_string(),
            "광역자치단체".to_string(),
            region_slug.to_string(),
        )
    } else {
        let stem = local
            .strip_suffix('시')
            .filter(|s| !s.is_empty())
            .unwrap_or(local);
        (
            format!("{region_name} {local}").trim().to_string(),
            "기초자치단체".to_string(),
            format!("{region_slug}-{}", romanize_slug(stem)),
        )
    };
    let short = if local.is_empty() {
        full_name.clone()
    } else {
        local.to_string()
    };
    AgencyGuess {
        slug,
        name: short,
        full_name,
        region: region_name.to_string(),
        kind,
    }
}

/// The agency a title names: the words before `개인정보…` or
/// `영상정보처리기기…`, without a web address in brackets or a trailing `의`.
fn name_in_title(title: &str) -> String {
    let cut = ["개인정보", "영상정보처리기기"]
        .iter()
        .filter_map(|w| title.find(w))
        .min()
        .unwrap_or(title.len());
    let mut name = title[..cut].to_string();
    while let (Some(a), Some(b)) = (name.find('('), name.rfind(')')) {
        if a >= b {
            break;
        }
        name.replace_range(a..=b, "");
    }
    let name = name.trim().trim_matches(['"', '“', '”', '\'']);
    name.strip_suffix('의').unwrap_or(name).trim().to_string()
}

/// The body a policy's first sentence is about: `단국대학교(이하 '본교')는
/// …`, `한양대학교 학생생활관은 개인정보 보호법 제30조에 따라 …`.
fn subject_of(text: &str) -> Option<String> {
    if !text.contains("개인정보") {
        return None;
    }
    let ends = ["(이하", "은 ", "는 ", "이 ", "가 ", "에서 "];
    let at = ends.iter().filter_map(|e| text.find(e)).min()?;
    let subject = text[..at]
        .trim()
        .trim_matches(['"', '“', '”', '\'', '「', '」']);
    let n = subject.chars().count();
    ((2..=30).contains(&n) && !subject.contains(['.', ',', '「'])).then(|| subject.to_string())
}

/// The kind of a body that is not a local government, by its name.
fn body_kind(name: &str) -> &'static str {
    if name.contains("학교") || name.contains("대학") {
        "교육기관"
    } else if ["청", "부", "처"].iter().any(|e| name.ends_with(e)) || name.ends_with("위원회")
    {
        "중앙행정기관"
    } else {
        "공공기관"
    }
}

fn region_from_contacts(policy: &Policy) -> Option<(&'static str, String)> {
    for c in &policy.contacts {
        if let Some(domain) = c.email.split('@').nth(1) {
            let labels: Vec<&str> = domain.split('.').collect();
            if let Some(r) = REGIONS.iter().find(|r| labels.contains(&r.3)) {
                return Some((r.0, format!("from the e-mail domain {domain}")));
            }
        }
    }
    for c in &policy.contacts {
        for p in &c.phones {
            if let Some(r) = region_of_area_code(p) {
                return Some((r, format!("from the area code of {p}")));
            }
        }
    }
    None
}

/// A Revised-Romanization slug (without sound-change rules): `중구` →
/// `junggu`, `서울계약마당` → `seoulgyeyakmadang`. Latin letters and digits
/// are kept, anything else becomes `-`.
pub fn romanize_slug(text: &str) -> String {
    const INITIAL: [&str; 19] = [
        "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
        "p", "h",
    ];
    const MEDIAL: [&str; 21] = [
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
        "we", "wi", "yu", "eu", "ui", "i",
    ];
    const FINAL: [&str; 28] = [
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
        "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
    ];
    let mut out = String::new();
    for c in text.chars() {
        let code = c as u32;
        if (0xAC00..=0xD7A3).contains(&code) {
            let s = code - 0xAC00;
            out.push_str(INITIAL[(s / 588) as usize]);
            out.push_str(MEDIAL[((s % 588) / 28) as usize]);
            out.push_str(FINAL[(s % 28) as usize]);
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The site a policy covers, when its preamble or history names one:
/// `서울특별시 서울계약마당 홈페이지(이하 …)`, `(클릭 <서울시 여론조사 시스템> …)`.
pub fn site(policy: &Policy, agency_full_name: &str) -> Option<(String, String)> {
    if let Some((body, site)) = body_behind_site(policy)
        && body == agency_full_name
    {
        let how = format!("the title names the site \"{site}\"");
        return Some((site, how));
    }
    if let Some(first) = policy.preamble.first() {
        let text = first.plain_text();
        if let Some(at) = text.find("홈페이지(이하") {
            let before = text[..at].trim();
            let site = before
                .strip_prefix(agency_full_name)
                .unwrap_or(before)
                .trim();
            if !site.is_empty() && site.chars().count() <= 20 {
                return Some((
                    site.to_string(),
                    format!("the preamble names the site \"{site}\""),
                ));
            }
        }
    }
    for v in &policy.versions {
        if let (Some(a), Some(b)) = (v.label.find('<'), v.label.find('>'))
            && a < b
        {
            let site = v.label[a + 1..b].trim();
            if !site.is_empty() && !site.contains("http") {
                return Some((
                    site.to_string(),
                    format!("the version history names the system \"{site}\""),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn romanization() {
        assert_eq!(romanize_slug("중구"), "junggu");
        assert_eq!(romanize_slug("서구"), "seogu");
        assert_eq!(romanize_slug("남양주"), "namyangju");
        assert_eq!(romanize_slug("서울계약마당"), "seoulgyeyakmadang");
        assert_eq!(romanize_slug("온라인 여론조사"), "onrain-yeoronjosa");
    }

    #[test]
    fn a_title_naming_a_site_gives_way_to_the_body_behind_it() {
        let import = |title: &str, preamble: &str| {
            let articles = "제1조(처리 목적)\n본문\n제2조(개인정보의 파기)\n본문\n제3조(처리방침 변경)\n본문\n";
            let src = format!("{title}\n\n{preamble}\n\n{articles}");
            crate::import::import_text(&src, &crate::import::ImportOptions::default())
        };
        let sgis = import(
            "통계지리정보서비스 개인정보 처리방침",
            "통계청은 개인정보 보호법 제30조에 따라 정보주체의 개인정보를 보호하고 다음과 같이 공개합니다.",
        );
        assert_eq!(sgis.agency.full_name, "통계청");
        let policy = &sgis.agency.policies[0];
        assert_eq!(policy.site.as_deref(), Some("통계지리정보서비스"));
        assert_eq!(
            body_behind_site(policy),
            Some(("통계청".into(), "통계지리정보서비스".into()))
        );
        // A sentence about the site, run by another body: the site.
        let run_by = import(
            "낚시누리(www.naksinuri.kr) 개인정보 처리방침",
            "한국어촌어항공단이 위탁받아 운영하는 낚시누리(www.naksinuri.kr)(이하 “낚시누리”)는 개인정보 보호법 제30조에 따라 다음과 같이 공개합니다.",
        );
        assert_eq!(run_by.agency.full_name, "낚시누리");
        // The same body named twice, or a pronoun: the title's name.
        let same = import(
            "남양주시 개인정보 처리방침",
            "경기도 남양주시는 개인정보 보호법 제30조에 따라 다음과 같이 공개합니다.",
        );
        assert_eq!(body_behind_site(&same.agency.policies[0]), None);
        let pronoun = import(
            "부전도서관 개인정보 처리방침",
            "우리 도서관은 개인정보 보호법 제30조에 따라 다음과 같이 공개합니다.",
        );
        assert_eq!(pronoun.agency.full_name, "부전도서관");
        assert_eq!(topic_before("우리 도서관은 "), None);
        assert_eq!(topic_before("본원은 ").filter(|n| is_body(n)), None);
        // --agency wins.
        let mut inferred = Vec::new();
        let given = agency_name(policy, Some("통계청 공간정보서비스과"), &mut inferred);
        assert_eq!(given, "통계청 공간정보서비스과");
    }

    #[test]
    fn area_codes() {
        assert_eq!(region_of_area_code("031)590-4214"), Some("경기도"));
        assert_eq!(region_of_area_code("02-3396-8219"), Some("서울특별시"));
        assert_eq!(region_of_area_code("1833-6972"), None);
    }
}
