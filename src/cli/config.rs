//! The command's config file: `--config FILE`, or `nianbao.toml` in the current
//! folder when present.
//!
//! ```toml
//! # Rule switches and severities, by code: "off", "error", "warning" or "info".
//! [rules]
//! W706 = "off"
//! D501 = "error"
//!
//! # Facts the report's text may not state.
//! [report]
//! body-type = "township"      # department | township | government
//! published = "2022-01-20"    # publication date, YYYY-MM-DD
//! ```
//!
//! Command-line options override the file.

use std::collections::BTreeMap;

use serde::Deserialize;

use nianbao::Severity;
use nianbao::rules::{self, BodyType, Config, Date, RuleSetting};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    report: ReportSection,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ReportSection {
    body_type: Option<String>,
    published: Option<String>,
}

/// Reads a config file's text into a [`Config`]. The error says what is wrong,
/// in Chinese, without the file name (the caller adds it).
pub fn parse(text: &str) -> Result<Config, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("TOML 格式有误：{}", e.message()))?;
    let mut config = Config::default();
    for (code, value) in file.rules {
        let Some(rule) = rules::rule(&code) else {
            return Err(format!(
                "[rules] 中的「{code}」不是规则代码（nianbao rules 列出全部规则）"
            ));
        };
        let setting = match value.as_str() {
            "off" => RuleSetting::Off,
            s => RuleSetting::Severity(Severity::from_key(s).ok_or_else(|| {
                format!("[rules] {code} 的值「{value}」无效：应为 off、error、warning 或 info")
            })?),
        };
        config.rules.insert(rule.code.to_string(), setting);
    }
    if let Some(t) = file.report.body_type {
        config.body_type = Some(BodyType::from_key(&t).ok_or_else(|| {
            format!("[report] body-type 的值「{t}」无效：应为 department、township 或 government")
        })?);
    }
    if let Some(d) = file.report.published {
        config.published =
            Some(Date::parse_iso(&d).ok_or_else(|| {
                format!("[report] published 的值「{d}」不是有效日期（YYYY-MM-DD）")
            })?);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rules_and_report_facts() {
        let c = parse(
            "[rules]\nw706 = \"off\"\nA301 = \"warning\"\n[report]\nbody-type = \"township\"\npublished = \"2022-01-20\"\n",
        )
        .unwrap();
        assert_eq!(c.rules.get("W706"), Some(&RuleSetting::Off));
        assert_eq!(
            c.rules.get("A301"),
            Some(&RuleSetting::Severity(Severity::Warning))
        );
        assert_eq!(c.body_type, Some(BodyType::Township));
        assert_eq!(c.published, Date::new(2022, 1, 20));
    }

    #[test]
    fn says_what_is_wrong() {
        assert!(
            parse("[rules]\nZ999 = \"off\"")
                .unwrap_err()
                .contains("Z999")
        );
        assert!(
            parse("[rules]\nA301 = \"loud\"")
                .unwrap_err()
                .contains("loud")
        );
        assert!(
            parse("[report]\npublished = \"2022-02-30\"")
                .unwrap_err()
                .contains("2022-02-30")
        );
        assert!(
            parse("[report]\nbody-type = \"city\"")
                .unwrap_err()
                .contains("city")
        );
        assert!(parse("[rulez]\n").unwrap_err().contains("TOML"));
        assert!(parse("rules = [").unwrap_err().contains("TOML"));
        assert_eq!(parse("").unwrap(), Config::default());
    }
}
