//! How each requirement is read from a policy's content: which sentences
//! and table rows provide it, whatever the article is called.

use super::units::{Unit, count_of, has_any, has_reach, is_placeholder, names_date, names_period};
use crate::model::{Article, Category, Policy, PolicyKind, Role};

/// What a rule found: the units that provide the item, those that say the
/// practice does not happen, and notes on its quality.
#[derive(Debug, Default)]
pub struct Reading<'u, 'a> {
    /// Units that provide the item.
    pub provides: Vec<&'u Unit<'a>>,
    /// Units that say the practice does not happen.
    pub denies: Vec<&'u Unit<'a>>,
    /// Data that shows the practice (trustees listed, a CCTV policy).
    pub practice: Option<String>,
    /// Checks beyond presence that failed.
    pub notes: Vec<String>,
    /// What the law says of an item the text is silent on (a note).
    pub by_law: Option<&'static str>,
}

/// Reads requirement `id` from the policy's article units; `preamble`
/// holds the units of its text before the first article, which only the
/// change statement is read from (a preamble is also where tables of
/// contents sit, whose lines name every item).
pub fn read<'u, 'a>(
    id: &str,
    policy: &Policy,
    units: &'u [Unit<'a>],
    preamble: &'u [Unit<'a>],
) -> Reading<'u, 'a> {
    match id {
        "purpose" => with_file_pointers(provided(units, purpose), units, &["목적"]),
        "items" => with_file_pointers(provided(units, items), units, &["항목"]),
        "retention" => with_file_pointers(retention(units), units, &["보유", "보존"]),
        "destruction" => provided(units, destruction),
        "rights" => provided(units, rights),
        "safety" => safety(units),
        "officer" => officer(policy, units),
        "changes" => changes(policy, units, preamble),
        "remedies" => remedies(policy, units),
        "labels" => provided(preamble, |u| {
            u.row.is_none() && has_any(&u.key, &["라벨링", "처리표시"])
        }),
        "auto_collection" => auto_collection(units),
        "domestic_agent" => Reading {
            by_law: Some(
                "국내에 주소나 영업소가 있는 기관에는 국내대리인 지정 의무가 없습니다(개인정보 보호법 제31조의2).",
            ),
            ..conditional(units, topic(id))
        },
        _ => Reading {
            practice: practice(id, policy),
            ..conditional(units, topic(id))
        },
    }
}

fn provided<'u, 'a>(units: &'u [Unit<'a>], test: fn(&Unit) -> bool) -> Reading<'u, 'a> {
    Reading {
        provides: units.iter().filter(|u| test(u)).collect(),
        ..Reading::default()
    }
}

/// A sentence that sends the reader to the national portal or a board for
/// the details (`…목적·보유기간 및 항목은 개인정보 포털에서 공개`), which the
/// guideline accepts from a public body for its registered files.
fn points_elsewhere(u: &Unit) -> bool {
    u.row.is_none()
        && has_any(
            &u.key,
            &["포털", "privacy.go.kr", "파일목록", "게시판", "누리집"],
        )
        && has_any(
            &u.key,
            &["공개", "확인", "안내", "게재", "검색", "참조", "조회"],
        )
}

/// A public body may give the purpose, items and retention of its
/// registered files by pointing to their list on the national portal
/// (`등록·공개하는 개인정보파일은 … 포털 … 목록검색 메뉴를 통해 공개`): an
/// article that names its registered files and the portal provides them.
fn file_pointers<'u, 'a>(units: &'u [Unit<'a>]) -> Vec<&'u Unit<'a>> {
    by_article(units, |article_units| {
        let portal = article_units.iter().any(|u| {
            u.row.is_none() && has_any(&u.key, &["포털", "privacy.go.kr", "파일목록", "파일대장"])
        });
        portal
            .then(|| {
                article_units.iter().copied().find(|u| {
                    u.row.is_none()
                        && u.key.contains("개인정보파일")
                        && has_any(&u.key, &["등록", "공개"])
                })
            })
            .flatten()
    })
}

/// Adds the file pointers that speak of the item (`words`), in their
/// sentence or in their article's heading.
fn with_file_pointers<'u, 'a>(
    mut reading: Reading<'u, 'a>,
    units: &'u [Unit<'a>],
    words: &[&str],
) -> Reading<'u, 'a> {
    let pointers: Vec<&Unit> = file_pointers(units)
        .into_iter()
        .filter(|u| has_any(&u.key, words) || has_any(&super::units::key(&u.article.title), words))
        .collect();
    if !pointers.is_empty() {
        // A period stated on the portal is a period stated.
        reading.notes.clear();
    }
    reading.provides.extend(pointers);
    reading
}

/// Sentences and rows that speak of another practice than the one sought.
const ELSEWHERE: [&str; 4] = ["제3자", "제공받", "위탁", "수탁"];

fn purpose(u: &Unit) -> bool {
    if points_elsewhere(u) && u.key.contains("목적") {
        return true;
    }
    if let Some(row) = &u.row {
        return row.filled_under(&["목적"], &["제공받", "위탁", "수탁", "변경"]);
    }
    has_any(
        &u.key,
        &[
            "다음의목적",
            "처리하는목적",
            "처리의목적",
            "목적은다음",
            "목적은아래",
            "목적의범위",
            "목적을위하여",
            "목적을위해",
            "목적으로",
            "목적이외",
            "목적외",
            "목적범위",
            "이용목적",
            "처리목적",
            "수집목적",
        ],
    ) && !has_any(&u.key, &["파기", "달성", "보유기간"])
        && !has_any(&u.key, &ELSEWHERE)
}

/// Personal-data items policies list (lower case).
const ITEM_WORDS: [&str; 22] = [
    "성명",
    "이름",
    "생년월일",
    "주소",
    "전화번호",
    "휴대전화",
    "휴대폰",
    "이메일",
    "전자우편",
    "e-mail",
    "아이디",
    "비밀번호",
    "주민등록번호",
    "성별",
    "직업",
    "계좌",
    "접속로그",
    "쿠키",
    "ip",
    "이용기록",
    "학번",
    "소속",
];

fn items(u: &Unit) -> bool {
    if points_elsewhere(u) && u.key.contains("항목") {
        return true;
    }
    if let Some(row) = &u.row {
        return row.filled_under(&["항목"], &["제공", "위탁", "수탁", "변경"])
            || row.labelled(&["항목"])
            || row
                .cells
                .iter()
                .any(|c| count_of(&c.to_lowercase(), &ITEM_WORDS) >= 3);
    }
    if has_any(&u.key, &ELSEWHERE) || u.key.contains("변경") {
        return false;
    }
    let key = u.key.to_lowercase();
    let listed = count_of(&key, &ITEM_WORDS);
    // `수집되는 정보는 다음과 같습니다`, then the list.
    let announces = has_any(
        &key,
        &[
            "다음의정보",
            "다음과같은정보",
            "정보는다음과",
            "항목은다음과",
            "다음의개인정보",
            "다음과같은개인정보",
            "개인정보는다음과",
        ],
    ) && has_any(&key, &["수집", "처리"]);
    // A bare list of items on a line of its own (`성명, 휴대폰번호, 이메일`).
    let bare_list = listed >= 3 && u.text.chars().count() < 80 && !has_reach(&u.text);
    if announces || bare_list {
        return true;
    }
    (key.contains("항목")
        && (u.text.contains(':') || has_any(&key, &["다음과같", "다음의", "수집", "처리하는"])))
        || (listed >= 2
            && has_any(
                &key,
                &["수집", "필수", "선택", "항목", "처리하는개인정보", "생성"],
            ))
}

fn retention<'u, 'a>(units: &'u [Unit<'a>]) -> Reading<'u, 'a> {
    let mut reading = provided(units, |u| match &u.row {
        _ if points_elsewhere(u) => has_any(&u.key, &["보유", "보존기간"]),
        Some(row) => row.filled_under(&["보유", "보존", "이용기간", "보관기간"], &["변경"]),
        None => {
            has_any(
                &u.key,
                &[
                    "보유기간",
                    "보존기간",
                    "이용기간",
                    "보관기간",
                    "보유이용기간",
                    "보유합니다",
                    "보존합니다",
                    "보관합니다",
                ],
            ) && !has_any(&u.key, &["파기", "경과", "달성되", "불구하고"])
        }
    });
    // The periods often follow the sentence that announces them (`각각의
    // 보유 기간은 다음과 같습니다.`, then `1. 민원 처리: 3년`).
    let stated = reading.provides.iter().any(|p| {
        points_elsewhere(p)
            || units
                .iter()
                .any(|u| std::ptr::eq(u.article, p.article) && names_period(&u.key))
    });
    if !reading.provides.is_empty() && !stated {
        reading
            .notes
            .push("보유 기간을 몇 년·몇 개월처럼 구체적으로 적지 않았습니다.".into());
    }
    reading
}

fn destruction(u: &Unit) -> bool {
    u.key.contains("파기")
        && has_any(
            &u.key,
            &[
                "절차",
                "방법",
                "분쇄",
                "소각",
                "재생",
                "복구",
                "복원",
                "영구삭제",
                "기술적",
                "파쇄",
            ],
        )
}

fn rights(u: &Unit) -> bool {
    // A path through the portal's menus (`정보주체권리행사 → 개인정보 열람등요구`)
    // is no statement of rights.
    // Nor is the appeal against a refused request (행정심판), a remedy, nor
    // the right to refuse cookies.
    if u.text.contains('→')
        || has_any(
            &u.key,
            &["행정심판", "부작위", "권익침해", "쿠키", "cookie"],
        )
    {
        return false;
    }
    (count_of(&u.key, &["열람", "정정", "삭제", "처리정지"]) >= 2
        && has_any(&u.key, &["요구", "청구", "권리", "행사"]))
        || (has_any(
            &u.key,
            &[
                "권리를행사",
                "권리행사",
                "권리의무",
                "권리와의무",
                "권리및의무",
            ],
        ) && has_any(&u.key, &["정보주체", "법정대리인", "이용자"]))
}

/// The measures of the 안전성 확보조치 기준.
const MEASURES: [&str; 22] = [
    "접근제한",
    "취급자의최소화",
    "위변조",
    "물리적조치",
    "기술적조치",
    "관리적조치",
    "암호화",
    "접근통제",
    "접근권한",
    "백신",
    "보안프로그램",
    "내부관리계획",
    "접속기록",
    "잠금장치",
    "출입통제",
    "침입차단",
    "해킹",
    "방화벽",
    "보안서버",
    "자체감사",
    "취급직원의최소화",
    "비인가자",
];

/// An article provides the safety measures when it names at least two
/// (not those of pseudonymised data, a requirement of its own).
fn safety<'u, 'a>(units: &'u [Unit<'a>]) -> Reading<'u, 'a> {
    let provides = by_article(units, |article_units| {
        // The measures of an article about pseudonymised data, and the
        // sentences on it in the safety article, are that item's.
        let general: Vec<&Unit> = article_units
            .iter()
            .copied()
            .filter(|u| u.article.category != Category::Pseudonymised && !u.key.contains("가명"))
            .collect();
        let named = MEASURES
            .iter()
            .filter(|m| general.iter().any(|u| u.key.contains(*m)))
            .count();
        (named >= 2)
            .then(|| {
                general
                    .iter()
                    .copied()
                    .find(|u| count_of(&u.key, &MEASURES) > 0)
            })
            .flatten()
    });
    Reading {
        provides,
        ..Reading::default()
    }
}

const OFFICER_WORDS: [&str; 12] = [
    "책임자",
    "채임자",
    "보호책임자",
    "보호담당자",
    "개인정보책임자",
    "개인정보담당자",
    "책임관",
    "보호담당부서",
    "보호담당관",
    "개인정보보호담당",
    "고충처리",
    "보호업무",
];

/// An article provides the officer when it names one (or the privacy
/// department) and gives a phone number or an e-mail address.
fn officer<'u, 'a>(policy: &Policy, units: &'u [Unit<'a>]) -> Reading<'u, 'a> {
    let names = |u: &Unit| has_any(&u.key, &OFFICER_WORDS) && !has_any(&u.key, &ELSEWHERE);
    let provides = by_article(units, |article_units| {
        let reach = article_units
            .iter()
            .any(|u| has_reach(&u.text) && !has_any(&u.key, &ELSEWHERE));
        let named: Vec<&&Unit> = article_units.iter().filter(|u| names(u)).collect();
        reach
            .then(|| {
                named
                    .iter()
                    .find(|u| has_reach(&u.text))
                    .or(named.first())
                    .map(|u| **u)
            })
            .flatten()
    });
    let reachable = policy.contacts.iter().any(|c| {
        matches!(c.role, Role::PrivacyOfficer | Role::PrivacyContact)
            && (!c.phones.is_empty() || !c.email.is_empty())
    });
    let mut reading = Reading {
        provides,
        // The contacts table the importer read names the officer with a
        // phone or e-mail, wherever it stood.
        practice: reachable.then(|| "보호책임자·담당자 연락처가 있습니다.".to_string()),
        ..Reading::default()
    };
    let officers: Vec<_> = policy
        .contacts
        .iter()
        .filter(|c| c.role == Role::PrivacyOfficer)
        .collect();
    if !officers.is_empty()
        && officers
            .iter()
            .all(|c| c.phones.is_empty() && c.email.is_empty())
    {
        reading
            .notes
            .push("보호책임자에게 직접 닿는 전화번호나 전자우편이 없습니다.".into());
    }
    reading
}

/// What a policy calls itself.
const POLICY_WORDS: [&str; 4] = ["방침", "정책", "지침", "취급방침"];

fn changes<'u, 'a>(
    policy: &Policy,
    units: &'u [Unit<'a>],
    preamble: &'u [Unit<'a>],
) -> Reading<'u, 'a> {
    let states_change = |u: &Unit| {
        if let Some(row) = &u.row {
            return row.filled_under(
                &[
                    "시행일",
                    "적용기간",
                    "적용일",
                    "변경일",
                    "개정일",
                    "변경사항",
                    "개정내용",
                    "변경내용",
                    "일자",
                    "날짜",
                ],
                &[],
            );
        }
        let policy_words = has_any(&u.key, &POLICY_WORDS);
        let dated = names_date(&u.key)
            && has_any(&u.key, &["시행", "적용", "부터", "개정", "변경", "제정"]);
        let announced = u.key.contains("변경")
            && has_any(&u.key, &["공지", "고지", "알려", "게시", "공개", "안내"])
            && !has_any(&u.key, &ELSEWHERE);
        policy_words && (dated || announced)
    };
    // `이 방침은 다음과 같이 시행합니다.` with the dates on lines of their
    // own (`시행일자 : 2024. 1. 8.`).
    let all: Vec<&Unit> = units
        .iter()
        .chain(preamble.iter().filter(|u| u.row.is_none()))
        .collect();
    let takes_effect = |u: &Unit| {
        has_any(&u.key, &POLICY_WORDS)
            && has_any(&u.key, &["시행", "적용"])
            && all
                .iter()
                .any(|o| std::ptr::eq(o.article, u.article) && names_date(&o.key))
    };
    let mut reading = Reading {
        provides: all
            .iter()
            .copied()
            .filter(|u| states_change(u) || takes_effect(u))
            .collect(),
        practice: policy
            .effective
            .map(|d| format!("시행일 {d}을 본문에서 읽었습니다.")),
        ..Reading::default()
    };
    if policy.effective.is_none() {
        reading
            .notes
            .push("처리방침의 시행일을 찾지 못했습니다.".into());
    }
    reading
}

fn remedies<'u, 'a>(policy: &Policy, units: &'u [Unit<'a>]) -> Reading<'u, 'a> {
    let mut reading = provided(units, |u| {
        has_any(
            &u.key,
            &[
                "권익침해",
                "분쟁조정",
                "침해신고",
                "사이버수사",
                "사이버범죄",
                "대검찰청",
            ],
        )
    });
    if reading.provides.is_empty() && !policy.remedies.is_empty() {
        reading.practice = Some(format!("구제 기관 {}곳", policy.remedies.len()));
    }
    reading
}

/// Cookies named only in a list of collected items show the practice but
/// are no section about it.
fn auto_collection<'u, 'a>(units: &'u [Unit<'a>]) -> Reading<'u, 'a> {
    let mut reading = conditional(units, topic("auto_collection"));
    let listed = |u: &Unit| count_of(&u.key.to_lowercase(), &ITEM_WORDS) >= 3;
    let (lists, sections): (Vec<_>, Vec<_>) = reading.provides.into_iter().partition(|u| listed(u));
    reading.provides = sections;
    if reading.provides.is_empty() && !lists.is_empty() {
        reading.practice = Some("쿠키가 수집 항목에 있습니다.".into());
    }
    reading
}

/// A conditional item: the words that speak of it, and the verbs whose
/// negation denies the practice.
struct Topic {
    /// The requirement's id.
    id: &'static str,
    /// Any of these…
    keys: &'static [&'static str],
    /// …and, if not empty, any of these.
    also: &'static [&'static str],
    /// The practice's verbs (`제공`): `제공하지 않습니다` denies it,
    /// `동의하지 않을 수 있습니다` does not.
    verbs: &'static [&'static str],
    /// The category of an article about it (for a body that only says
    /// `해당 없음`).
    category: Option<Category>,
    /// Whether a mention inside the data subject's rights does not count
    /// (`만 14세 미만 아동의 법정대리인은 … 열람 … 요구`, `자동화된 결정에
    /// 대한 거부 또는 설명 요구`).
    not_rights: bool,
}

const fn topic_of(
    id: &'static str,
    keys: &'static [&'static str],
    also: &'static [&'static str],
    verbs: &'static [&'static str],
    category: Option<Category>,
) -> Topic {
    Topic {
        id,
        keys,
        also,
        verbs,
        category,
        not_rights: false,
    }
}

/// The conditional items, as data.
const TOPICS: [Topic; 13] = [
    topic_of(
        "third_party",
        &["제3자", "제공받는", "외의자에게제공"],
        &["제공"],
        &["제공"],
        Some(Category::ThirdParty),
    ),
    topic_of(
        "entrustment",
        &["위탁"],
        &["업무", "수탁", "처리", "업체"],
        &["위탁"],
        Some(Category::Entrustment),
    ),
    Topic {
        not_rights: true,
        ..topic_of(
            "children",
            &["14세미만"],
            &["동의", "수집"],
            &["수집", "처리"],
            None,
        )
    },
    topic_of(
        "further_use",
        &[
            "추가적인이용",
            "추가적이용",
            "추가적으로이용",
            "추가적인제공",
            "추가이용",
        ],
        &[],
        &["이용", "제공"],
        Some(Category::FurtherUse),
    ),
    topic_of(
        "overseas",
        &[
            "국외이전",
            "국외로이전",
            "국외에이전",
            "해외이전",
            "국외로제공",
            "국외의제3자",
            "국외제3자",
        ],
        &[],
        &["이전", "제공"],
        None,
    ),
    topic_of(
        "sensitive",
        &["민감정보"],
        &[],
        &["처리", "수집"],
        Some(Category::Sensitive),
    ),
    // Not `가명처리`: the criteria of further use ask whether data was
    // pseudonymised, which is no processing of pseudonymised data.
    topic_of(
        "pseudonymised",
        &["가명정보", "가명처리하", "가명처리를하"],
        &[],
        &["처리"],
        Some(Category::Pseudonymised),
    ),
    topic_of(
        "auto_collection",
        &["쿠키", "cookie", "자동으로수집", "자동수집"],
        &[],
        &["사용", "운영", "설치", "수집", "저장"],
        Some(Category::AutoCollection),
    ),
    Topic {
        not_rights: true,
        ..topic_of(
            "automated_decisions",
            &["자동화된결정"],
            &[],
            &["결정", "결정을"],
            None,
        )
    },
    topic_of("domestic_agent", &["국내대리인"], &[], &["지정"], None),
    topic_of(
        "cctv",
        &["영상정보처리기기", "CCTV", "cctv", "폐쇄회로"],
        &["설치", "운영", "촬영"],
        &["설치", "운영"],
        None,
    ),
    topic_of(
        "mobile_cctv",
        &["이동형영상정보처리기기", "이동형"],
        &["영상", "촬영"],
        &["운영", "사용", "설치"],
        None,
    ),
    topic_of(
        "registered_files",
        &["개인정보파일"],
        &["등록", "포털", "목록", "현황", "공개", "파일명"],
        &["운영", "보유"],
        Some(Category::RegisteredFiles),
    ),
];

fn topic(id: &str) -> &'static Topic {
    TOPICS
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no topic for requirement {id}"))
}

/// A sentence of the rights article, or one that lists the rights.
fn states_rights(u: &Unit) -> bool {
    matches!(
        u.article.category,
        Category::Rights | Category::AccessRequest
    ) || count_of(&u.key, &RIGHTS) >= 2
}

/// The rights of the data subject, as policies list them.
const RIGHTS: [&str; 4] = ["열람", "정정", "삭제", "처리정지"];

/// What the policy's data shows of a conditional practice.
fn practice(id: &str, policy: &Policy) -> Option<String> {
    match id {
        "entrustment" if !policy.trustees.is_empty() => Some(format!(
            "수탁자 {}곳이 표에 있습니다.",
            policy.trustees.len()
        )),
        "cctv" if policy.kind == PolicyKind::Cctv => {
            Some("영상정보처리기기 운영·관리방침입니다.".into())
        }
        "cctv" if policy.contacts.iter().any(|c| c.role == Role::Cctv) => {
            Some("영상정보처리기기 관리책임자가 있습니다.".into())
        }
        "registered_files" if !policy.files.is_empty() => Some(format!(
            "개인정보파일 {}개가 표에 있습니다.",
            policy.files.len()
        )),
        _ => None,
    }
}

/// How a verb is negated (`제공하지 않습니다`, `위탁하고 있지 않습니다`,
/// `수집을 하지 않습니다`).
const NEGATED: [&str; 7] = [
    "하지않",
    "하고있지않",
    "하지아니",
    "되지않",
    "을하지않",
    "를하지않",
    "하고있지아니",
];

/// Sentences that deny whatever they are about (`해당 없음`, `사항은
/// 없습니다`).
const NOTHING: [&str; 6] = [
    "해당없",
    "해당사항없",
    "사항은없",
    "사항이없",
    "미운영",
    "미해당",
];

/// Whether the sentence denies one of `verbs` (not `재위탁하지 않습니다`,
/// which says something of the trustee, not of the agency).
fn denies(key: &str, verbs: &[&str]) -> bool {
    has_any(key, &NOTHING)
        || verbs.iter().any(|v| {
            NEGATED.iter().any(|n| {
                let form = format!("{v}{n}");
                key.match_indices(&form)
                    .any(|(at, _)| !key[..at].ends_with('재'))
            })
        })
}

/// Wordings that make a denial a rule the practice follows (`동의 없이
/// 제공하지 않습니다`, `… 경우를 제외하고는`).
const QUALIFIERS: [&str; 20] = [
    "원칙적으로",
    "범위를초과",
    "범위를넘어",
    "외의용도",
    "이외의용도",
    "목적외",
    "목적이외",
    "다만",
    "경우를제외",
    "경우등을제외",
    "때를제외",
    "경우외에는",
    "경우에만",
    "경우가아니면",
    "그외에는",
    "에한하여",
    "받지않고",
    "동의없이",
    "동의없는",
    "동의가없는",
];

/// Whether a denial is qualified into a rule. Use without consent is what
/// further use is, so "동의 없이 … 이용하지 않습니다" denies it.
fn qualified(key: &str, topic: &Topic) -> bool {
    QUALIFIERS
        .iter()
        .any(|q| key.contains(q) && !(topic.id == "further_use" && q.starts_with("동의")))
}

/// The text with its leading markers (`② `, `- `, `1. `) taken off.
fn unmarked(key: &str) -> &str {
    key.trim_start_matches(|c: char| !('가'..='힣').contains(&c))
}

fn conditional<'u, 'a>(units: &'u [Unit<'a>], topic: &Topic) -> Reading<'u, 'a> {
    let about = |u: &Unit| {
        has_any(&u.key, topic.keys)
            && (topic.also.is_empty() || has_any(&u.key, topic.also))
            && !(topic.not_rights && states_rights(u))
    };
    let mut reading = Reading::default();
    for (i, u) in units.iter().enumerate() {
        let bare = topic.category.is_some_and(|c| says_only_none(u, c));
        if !about(u) && !bare {
            continue;
        }
        let excepted = units.get(i + 1).is_some_and(|n| {
            std::ptr::eq(n.article, u.article) && unmarked(&n.key).starts_with("다만")
        });
        if bare || (denies(&u.key, topic.verbs) && !qualified(&u.key, topic) && !excepted) {
            reading.denies.push(u);
        } else {
            reading.provides.push(u);
        }
    }
    // A denial stands against sentences that only say what would happen
    // if the practice began (`위탁하는 경우에는`).
    if !reading.denies.is_empty()
        && reading
            .provides
            .iter()
            .all(|u| has_any(&u.key, &["경우", "때에는", "때는"]))
    {
        reading.provides.clear();
    }
    reading
}

/// A unit of an article of category `c` whose whole body says only that
/// nothing applies (`해당 없음`).
fn says_only_none(u: &Unit, c: Category) -> bool {
    u.article.category == c
        && body_len(u.article) < 40
        && (u.key.contains("해당없") || u.key.contains("해당사항없") || is_placeholder(&u.key))
}

fn body_len(article: &Article) -> usize {
    article
        .blocks
        .iter()
        .map(|b| {
            b.plain_text()
                .chars()
                .filter(|c| !c.is_whitespace())
                .count()
        })
        .sum()
}

/// For each article, the unit `pick` chooses from its units.
fn by_article<'u, 'a>(
    units: &'u [Unit<'a>],
    pick: impl Fn(&[&'u Unit<'a>]) -> Option<&'u Unit<'a>>,
) -> Vec<&'u Unit<'a>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let article = units[start].article;
        let end = units[start..]
            .iter()
            .position(|u| !std::ptr::eq(u.article, article))
            .map_or(units.len(), |n| start + n);
        let group: Vec<&Unit> = units[start..end].iter().collect();
        out.extend(pick(&group));
        start = end;
    }
    out
}
