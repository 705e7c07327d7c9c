//! The UI languages are the files in `locales/`; nothing else lists them.

/// (code, own name) of every catalog language, sorted by code.
pub fn available() -> Vec<(String, String)> {
    let mut codes = codes();
    codes.sort_unstable();
    codes
        .into_iter()
        .map(|c| {
            let name = rust_i18n::t!("locale.name", locale = &c).into_owned();
            (c, name)
        })
        .collect()
}

fn codes() -> Vec<String> {
    crate::_rust_i18n_available_locales().into_iter().map(|c| c.into_owned()).collect()
}

pub fn is_available(code: &str) -> bool {
    codes().iter().any(|c| c == code)
}

/// The best catalog language for a requested one ("zh-Hans-CN", "zh_CN.UTF-8", "en-US"…); English otherwise.
pub fn resolve(requested: &str) -> String {
    let codes = codes();
    let req = requested.split('.').next().unwrap_or("").replace('_', "-");
    if let Some(exact) = codes.iter().find(|c| c.eq_ignore_ascii_case(&req)) {
        return exact.clone();
    }
    let lang = req.split('-').next().unwrap_or("").to_ascii_lowercase();
    codes
        .iter()
        .find(|c| c.split('-').next().is_some_and(|l| l.eq_ignore_ascii_case(&lang)))
        .cloned()
        .unwrap_or_else(|| "en".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_os_locales() {
        assert_eq!(resolve("zh-CN"), "zh-CN");
        assert_eq!(resolve("zh_CN.UTF-8"), "zh-CN");
        assert_eq!(resolve("zh-Hans-CN"), "zh-CN");
        assert_eq!(resolve("en-US"), "en");
        assert_eq!(resolve("fr-FR"), "en");
        assert_eq!(resolve(""), "en");
    }

    #[test]
    fn lists_catalog_languages_by_own_name() {
        let all = available();
        assert!(all.contains(&("zh-CN".to_owned(), "简体中文".to_owned())), "{all:?}");
        assert!(all.contains(&("en".to_owned(), "English".to_owned())), "{all:?}");
    }
}
