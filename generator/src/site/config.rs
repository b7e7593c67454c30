//! The site configuration file, `bangchim.toml`, beside `content/`.

use std::path::Path;

use serde::Deserialize;

use crate::content::ContentError;

/// Name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "bangchim.toml";

/// Site settings.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown in the header and in every `<title>`.
    pub title: String,
    /// Where the site is published, with a trailing `/`; may hold a path
    /// (`https://example.org/privacy/`).
    #[serde(deserialize_with = "absolute_url")]
    pub base_url: String,
    /// The theme folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Page language (`ko`).
    #[serde(default = "default_language")]
    pub language: String,
    /// Show the official e-government masthead. Only official government
    /// sites may.
    #[serde(default)]
    pub official: bool,
    /// Who runs the site, for the footer identifier.
    #[serde(default)]
    pub operator: String,
}

/// An absolute http(s) URL, given a trailing `/`. Checked while the file is
/// read, so that a bad value is reported at its own line and column.
fn absolute_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let mut url = String::deserialize(d)?;
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(serde::de::Error::custom(format!(
            "base_url must be an absolute http(s) URL, found {url:?}"
        )));
    }
    if !url.ends_with('/') {
        url.push('/');
    }
    Ok(url)
}

fn default_theme() -> String {
    "default".to_string()
}

fn default_language() -> String {
    "ko".to_string()
}

impl Config {
    /// Reads `bangchim.toml` from the site root; errors name file, line and column.
    pub fn load(root: &Path) -> Result<Config, ContentError> {
        crate::content::read_toml(&root.join(CONFIG_FILE))
    }

    /// The path part of the base URL (`/privacy/`), which every internal
    /// link starts with.
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        match after_scheme.find('/') {
            Some(at) => after_scheme[at..].to_string(),
            None => "/".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Config {
        Config {
            title: "t".into(),
            base_url: base_url.into(),
            theme: "default".into(),
            language: "ko".into(),
            official: false,
            operator: String::new(),
        }
    }

    #[test]
    fn base_path_of_a_subpath_site() {
        assert_eq!(
            config("https://example.org/privacy/").base_path(),
            "/privacy/"
        );
        assert_eq!(config("https://example.org/").base_path(), "/");
    }

    #[test]
    fn a_relative_base_url_is_reported_at_its_own_line_and_column() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(
            root.path().join(CONFIG_FILE),
            "title = \"개인정보 처리방침\"\n\nbase_url   =   \"example.org\"\n",
        )
        .unwrap();
        match Config::load(root.path()) {
            Err(ContentError::Toml {
                line,
                column,
                message,
                ..
            }) => {
                assert_eq!((line, column), (3, 16), "{message}");
                assert!(message.contains("absolute http(s) URL"), "{message}");
            }
            other => panic!("expected a TOML error, got {other:?}"),
        }
    }

    #[test]
    fn a_base_url_gets_its_trailing_slash() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(
            root.path().join(CONFIG_FILE),
            "title = \"t\"\nbase_url = \"https://example.org/privacy\"\n",
        )
        .unwrap();
        let config = Config::load(root.path()).unwrap();
        assert_eq!(config.base_url, "https://example.org/privacy/");
        assert_eq!(config.base_path(), "/privacy/");
    }
}
