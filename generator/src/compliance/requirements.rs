//! The requirements of the regulator's 작성지침 (개인정보 처리방침 작성지침,
//! 2025-04 revision) as data: a stable id, a Korean label and a class.

use serde::Serialize;

/// How the guideline asks for an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Every policy must state it.
    Mandatory,
    /// A policy must state it when the processing happens.
    Conditional,
    /// The guideline recommends it.
    Recommended,
}

impl Class {
    /// The class in Korean.
    pub fn label(self) -> &'static str {
        match self {
            Class::Mandatory => "필수",
            Class::Conditional => "해당 시 필수",
            Class::Recommended => "권장",
        }
    }
}

/// One requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// Stable identifier (`purpose`, `third_party`).
    pub id: &'static str,
    /// Korean label.
    pub label: &'static str,
    /// How the guideline asks for it.
    pub class: Class,
}

const fn req(id: &'static str, label: &'static str, class: Class) -> Requirement {
    Requirement { id, label, class }
}

/// Every requirement, in the guideline's order within each class.
pub const REQUIREMENTS: [Requirement; 23] = [
    req("purpose", "처리 목적", Class::Mandatory),
    req("items", "처리하는 개인정보 항목", Class::Mandatory),
    req("retention", "처리 및 보유 기간", Class::Mandatory),
    req("destruction", "파기 절차 및 방법", Class::Mandatory),
    req(
        "rights",
        "정보주체의 권리·의무 및 행사방법",
        Class::Mandatory,
    ),
    req("safety", "안전성 확보조치", Class::Mandatory),
    req("officer", "보호책임자·담당부서와 연락처", Class::Mandatory),
    req("changes", "처리방침의 변경", Class::Mandatory),
    req("third_party", "제3자 제공", Class::Conditional),
    req("entrustment", "처리 위탁", Class::Conditional),
    req("children", "만 14세 미만 아동", Class::Conditional),
    req(
        "further_use",
        "추가적인 이용·제공 판단기준",
        Class::Conditional,
    ),
    req("overseas", "국외 이전", Class::Conditional),
    req("sensitive", "민감정보 공개 가능성", Class::Conditional),
    req("pseudonymised", "가명정보 처리", Class::Conditional),
    req(
        "auto_collection",
        "자동 수집 장치(쿠키)",
        Class::Conditional,
    ),
    req("automated_decisions", "자동화된 결정", Class::Conditional),
    req("domestic_agent", "국내대리인", Class::Conditional),
    req("cctv", "고정형 영상정보처리기기", Class::Conditional),
    req("mobile_cctv", "이동형 영상정보처리기기", Class::Conditional),
    req(
        "registered_files",
        "개인정보파일 등록 현황",
        Class::Conditional,
    ),
    req("remedies", "권익침해 구제방법", Class::Recommended),
    req("labels", "개인정보 처리 표시(라벨링)", Class::Recommended),
];

/// The requirement with this id.
pub fn requirement(id: &str) -> Option<&'static Requirement> {
    REQUIREMENTS.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eight_mandatory_ids() {
        let ids: Vec<&str> = REQUIREMENTS
            .iter()
            .filter(|r| r.class == Class::Mandatory)
            .map(|r| r.id)
            .collect();
        assert_eq!(
            ids,
            [
                "purpose",
                "items",
                "retention",
                "destruction",
                "rights",
                "safety",
                "officer",
                "changes"
            ]
        );
    }

    #[test]
    fn ids_are_unique() {
        for (i, r) in REQUIREMENTS.iter().enumerate() {
            assert!(REQUIREMENTS[..i].iter().all(|o| o.id != r.id), "{}", r.id);
            assert_eq!(requirement(r.id), Some(r));
        }
    }
}
