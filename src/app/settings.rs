//! The settings: the body type and the publication date (D502), and every
//! rule switched on or off or given another severity. Kept in this browser's
//! `localStorage` as JSON; any change re-checks at once.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::{AppState, local_storage};
use crate::diagnostic::Severity;
use crate::rules::{BodyType, Config, Date, Family, RULES, RuleMeta, RuleSetting, rule};

/// Where the settings are kept between visits.
pub(crate) const SETTINGS_KEY: &str = "nianbao.settings";

/// What the user chose, as stored: plain keys, so that an older or damaged
/// entry still loads (unknown values are ignored).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Settings {
    /// A [`BodyType::key`]; `None`: inferred from the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_type: Option<String>,
    /// `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// By rule code: `off`, `error`, `warning` or `info`. Rules at their
    /// default are absent.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, String>,
}

/// The choices of a rule's select: its key and label.
pub(crate) const RULE_CHOICES: [(&str, &str); 4] = [
    ("off", "关闭"),
    ("error", "错误"),
    ("warning", "警告"),
    ("info", "提示"),
];

impl Settings {
    /// Reads stored JSON; anything unreadable gives the defaults.
    pub(crate) fn from_json(s: &str) -> Settings {
        let mut out: Settings = super::parse_json(s).unwrap_or_default();
        out.clean();
        out
    }

    pub(crate) fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Drops what this version does not know: a body type, date, rule or
    /// setting that does not parse.
    fn clean(&mut self) {
        if self
            .body_type
            .as_deref()
            .is_some_and(|k| BodyType::from_key(k).is_none())
        {
            self.body_type = None;
        }
        if self
            .published
            .as_deref()
            .is_some_and(|d| Date::parse_iso(d).is_none())
        {
            self.published = None;
        }
        self.rules.retain(|code, v| {
            rule(code).is_some_and(|r| r.code == code) && RULE_CHOICES.iter().any(|(k, _)| k == v)
        });
    }

    /// The [`Config`] the checker runs with.
    pub(crate) fn to_config(&self) -> Config {
        let rules = self
            .rules
            .iter()
            .filter_map(|(code, v)| {
                let r = rule(code)?;
                let setting = match v.as_str() {
                    "off" => RuleSetting::Off,
                    other => RuleSetting::Severity(Severity::from_key(other)?),
                };
                Some((r.code.to_string(), setting))
            })
            .collect();
        Config {
            rules,
            body_type: self.body_type.as_deref().and_then(BodyType::from_key),
            published: self.published.as_deref().and_then(Date::parse_iso),
        }
    }

    /// A rule's setting as its select shows it: `default` when not changed.
    pub(crate) fn rule_key(&self, code: &str) -> &str {
        self.rules.get(code).map_or("default", String::as_str)
    }

    /// Sets a rule from its select; `default` (or the rule's own severity)
    /// removes the entry.
    pub(crate) fn set_rule(&mut self, r: &RuleMeta, key: &str) {
        let is_default = key == "default" || key == r.severity.key();
        if is_default || !RULE_CHOICES.iter().any(|(k, _)| *k == key) {
            self.rules.remove(r.code);
        } else {
            self.rules.insert(r.code.to_string(), key.to_string());
        }
    }

    /// How many settings differ from the defaults.
    pub(crate) fn changed(&self) -> usize {
        usize::from(self.body_type.is_some())
            + usize::from(self.published.is_some())
            + self.rules.len()
    }

    /// How many rules are switched off.
    pub(crate) fn rules_off(&self) -> usize {
        self.rules.values().filter(|v| *v == "off").count()
    }
}

/// The settings kept from the last visit, or the defaults.
pub(crate) fn load_settings() -> Settings {
    local_storage()
        .and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten())
        .map(|s| Settings::from_json(&s))
        .unwrap_or_default()
}

/// Keeps the settings (the defaults are kept as nothing).
pub(crate) fn save_settings(s: &Settings) {
    let Some(storage) = local_storage() else {
        return;
    };
    if *s == Settings::default() {
        let _ = storage.remove_item(SETTINGS_KEY);
    } else {
        let _ = storage.set_item(SETTINGS_KEY, &s.to_json());
    }
}

/// The rules in catalogue order, cut where the family changes.
pub(crate) fn by_family(
    rules: impl IntoIterator<Item = &'static RuleMeta>,
) -> Vec<(Family, Vec<&'static RuleMeta>)> {
    let mut out: Vec<(Family, Vec<&'static RuleMeta>)> = Vec::new();
    for r in rules {
        match out.last_mut() {
            Some((f, rs)) if *f == r.family => rs.push(r),
            _ => out.push((r.family, vec![r])),
        }
    }
    out
}

/// The settings panel.
#[component]
pub(crate) fn SettingsPanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    let settings = state.settings;

    let on_body = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        settings.update(|s| s.body_type = BodyType::from_key(&v).map(|b| b.key().to_string()));
    };
    let on_date = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        settings.update(|s| {
            s.published = Date::parse_iso(&v).map(|_| v.trim().to_string());
        });
    };
    let reset = move |_| settings.set(Settings::default());

    let body_options = {
        let opt = move |key: &'static str, label: &'static str| {
            view! {
                <option
                    value=key
                    prop:selected=move || {
                        settings.with(|s| s.body_type.as_deref().unwrap_or("auto") == key)
                    }
                >
                    {label}
                </option>
            }
        };
        vec![
            opt("auto", "未指定（按标题推断）"),
            opt(BodyType::Department.key(), BodyType::Department.label()),
            opt(BodyType::Township.key(), "乡镇、街道"),
            opt(BodyType::Government.key(), BodyType::Government.label()),
        ]
    };

    // The rule table (560 elements) is drawn when the panel is first opened,
    // not with the page.
    let opened = RwSignal::new(false);
    let groups = move || {
        opened.get().then(|| {
            by_family(RULES.iter().copied())
                .into_iter()
                .map(|(family, rules)| {
                    let rows = rules.into_iter().map(|r| rule_row(state, r)).collect_view();
                    view! {
                        <tbody>
                            <tr class="family-row">
                                <th colspan="4" scope="colgroup">
                                    {family.label()}
                                </th>
                            </tr>
                            {rows}
                        </tbody>
                    }
                })
                .collect_view()
        })
    };

    let summary = move || match settings.with(Settings::changed) {
        0 => "设置".to_string(),
        n => format!("设置（已调整 {n} 项）"),
    };

    view! {
        <details class="panel settings" id="settings" on:toggle=super::on_first_open(opened)>
            <summary>{summary}</summary>
            <div class="settings-body">
                <div class="field-grid">
                    <label for="body-type">"机关类型"</label>
                    <select id="body-type" on:change=on_body>
                        {body_options}
                    </select>
                    <label for="published">"发布日期"</label>
                    <input
                        type="date"
                        id="published"
                        min="2000-01-01"
                        max="2099-12-31"
                        prop:value=move || settings.with(|s| s.published.clone().unwrap_or_default())
                        on:change=on_date
                    />
                </div>
                <p class="quiet">
                    "机关类型决定公布期限（部门、乡镇街道为次年1月31日，县级以上地方人民政府为次年3月31日），用于检查逾期发布（D502）。正文写明发布日期时以正文为准；未写明时使用这里的发布日期。"
                </p>
                <table class="rule-settings">
                    <caption>"各条规则：关闭，或改变级别"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"代码"</th>
                            <th scope="col">"规则"</th>
                            <th scope="col">"默认"</th>
                            <th scope="col">"设置"</th>
                        </tr>
                    </thead>
                    {groups}
                </table>
                <p class="settings-actions">
                    <button type="button" id="reset-settings" class="plain-button" on:click=reset>
                        "恢复默认"
                    </button>
                    <span class="quiet">"设置只保存在本机浏览器中。"</span>
                </p>
            </div>
        </details>
    }
}

fn rule_row(state: AppState, r: &'static RuleMeta) -> impl IntoView + use<> {
    let settings = state.settings;
    let code = r.code;
    let on_change = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        settings.update(|s| s.set_rule(r, &v));
    };
    let current = move || settings.with(|s| s.rule_key(code).to_string());
    let options = std::iter::once(("default", format!("默认（{}）", r.severity.label())))
        .chain(RULE_CHOICES.iter().map(|(k, l)| (*k, l.to_string())))
        .map(|(key, label)| {
            view! {
                <option value=key prop:selected=move || current() == key>
                    {label}
                </option>
            }
        })
        .collect_view();
    let row_class = move || {
        let k = current();
        if k == "off" {
            "rule-row is-off"
        } else if k != "default" {
            "rule-row is-changed"
        } else {
            "rule-row"
        }
    };
    view! {
        <tr class=row_class data-rule=code>
            <td>
                <button
                    type="button"
                    class="link"
                    aria-label=format!("规则 {code} 的说明")
                    on:click=move |_| state.rule.set(Some(code))
                >
                    <code>{code}</code>
                </button>
            </td>
            <td>{r.title}</td>
            <td>
                <span class=format!("sev-tag sev-{}", r.severity.key())>{r.severity.label()}</span>
            </td>
            <td>
                <select
                    class="rule-setting"
                    id=format!("rule-setting-{code}")
                    data-rule=code
                    aria-label=format!("{code} {} 的设置", r.title)
                    on:change=on_change
                >
                    {options}
                </select>
            </td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_json() {
        let mut s = Settings {
            body_type: Some("department".into()),
            published: Some("2022-03-01".into()),
            ..Settings::default()
        };
        let a301 = rule("A301").unwrap();
        s.set_rule(a301, "off");
        s.set_rule(rule("W701").unwrap(), "info");
        let back = Settings::from_json(&s.to_json());
        assert_eq!(back, s);
        let c = back.to_config();
        assert_eq!(c.body_type, Some(BodyType::Department));
        assert_eq!(c.published, Date::new(2022, 3, 1));
        assert_eq!(c.rules.get("A301"), Some(&RuleSetting::Off));
        assert_eq!(
            c.rules.get("W701"),
            Some(&RuleSetting::Severity(Severity::Info))
        );
        assert_eq!(back.changed(), 4);
        assert_eq!(back.rules_off(), 1);
        // Back to the default: no entry.
        s.set_rule(a301, "default");
        s.set_rule(rule("W701").unwrap(), "warning");
        assert!(s.rules.is_empty());
    }

    #[test]
    fn damaged_settings_load_as_defaults() {
        assert_eq!(Settings::from_json("not json"), Settings::default());
        assert_eq!(Settings::from_json("{}").to_json(), "{}");
        let s = Settings::from_json(
            r#"{"body_type":"ministry","published":"2022-02-30","rules":{"Z999":"off","A301":"loud","A302":"off"},"later":1}"#,
        );
        assert_eq!(s.body_type, None);
        assert_eq!(s.published, None);
        assert_eq!(
            s.rules.into_iter().collect::<Vec<_>>(),
            vec![("A302".to_string(), "off".to_string())]
        );
    }

    #[test]
    fn families_group_every_rule_once() {
        let groups = by_family(RULES.iter().copied());
        assert_eq!(
            groups.iter().map(|(_, r)| r.len()).sum::<usize>(),
            RULES.len()
        );
        let families: std::collections::HashSet<&str> =
            groups.iter().map(|(f, _)| f.label()).collect();
        assert_eq!(families.len(), groups.len(), "each family is one group");
    }
}
