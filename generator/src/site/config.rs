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

fn default_theme() -> String {
    "default".to_string()
}

fn default_language() -> String {
    "ko".to_string()
}

impl Config {
    /// Reads `bangchim.toml` from the site root; errors name file, line and column.
    pub fn load(root: &Path) -> Result<Config, ContentError> {
        let path = root.join(CONFIG_FILE);
        let mut config: Config = crate::content::read_toml(&path)?;
        if !config.base_url.ends_with('/') {
            config.base_url.push('/');
        }
        if !(config.base_url.starts_with("http://") || config.base_url.starts_with("https://")) {
            return Err(ContentError::Toml {
                path,
                line: 1,
                column: 1,
                message: format!(
                    "base_url must be an absolute http(s) URL, found {:?}",
                    config.base_url
                ),
            });
        }
        Ok(config)
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
}
