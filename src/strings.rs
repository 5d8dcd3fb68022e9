//! Every string of the app's own, in both languages. A string is a `Tr` with both fields
//! required, so a missing translation does not compile; a test checks none is empty.

use ipsc_engine::Lang;

/// A string of the app in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    /// Simplified Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Tr {
    /// The string in a language.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

macro_rules! strings {
    ($($(#[$meta:meta])* $name:ident = $zh:literal, $en:literal;)*) => {
        $($(#[$meta])* pub const $name: Tr = Tr { zh: $zh, en: $en };)*
        /// Every string, for the test that none is empty.
        pub const ALL: &[(&str, Tr)] = &[$((stringify!($name), $name),)*];
    };
}

strings! {
    /// The product's name.
    PRODUCT = "知识产权奖补自测", "IP Subsidy Self-Check";
    /// Under the name.
    TAGLINE = "估算企业依据《关于加快推进知识产权强市建设的实施方案》可获得的奖励和补贴。", "Estimate the rewards and subsidies your enterprise could receive under Suizhou's plan for building a city strong in IP.";
    /// The language switch, naming the other language in itself.
    SWITCH_LANGUAGE = "English", "中文";
    /// The language switch's accessible description.
    SWITCH_LANGUAGE_LABEL = "Switch to English", "切换到中文";
    /// The skeleton's assumption.
    ASSUMES_LOCAL = "本估算假设企业在随州市注册登记。", "This estimate assumes the enterprise is registered in Suizhou.";
    /// The heading of the estimate.
    ESTIMATE = "估算结果", "Estimate";
    /// The basis of a figure.
    BASIS = "依据", "Basis";
    /// Opens a clause's own words.
    SHOW_CLAUSE = "查看原文", "Read the clause";
    /// The heading of the error summary.
    THERE_IS_A_PROBLEM = "请修改以下问题", "There is a problem";
    /// A count must be a whole number.
    ERR_NOT_WHOLE = "请输入整数，例如 3", "Enter a whole number, like 3";
    /// Not a number.
    ERR_NOT_A_NUMBER = "请输入数字，例如 3", "Enter a number, like 3";
    /// A sign where none belongs.
    ERR_SIGN = "数量不能为负数，也不要加正负号", "Enter the number without a sign; it cannot be negative";
    /// Scientific notation.
    ERR_EXPONENT = "请直接写出数字，不要用科学计数法", "Write the number out; scientific notation is not accepted";
    /// More than two decimals.
    ERR_TOO_MANY_DECIMALS = "金额最多保留两位小数（到分）", "Amounts have at most two decimal places (fen)";
    /// Separators in the wrong places.
    ERR_BAD_GROUPING = "千位分隔符应每三位一组，例如 1,000,000", "Thousands separators go every three digits, like 1,000,000";
    /// Too large.
    ERR_TOO_LARGE = "数值过大，请检查", "That number is too large; check it";
    /// Empty.
    ERR_EMPTY = "请输入数量，没有请填 0", "Enter a number; enter 0 if there are none";
    /// The engine refused the answers.
    ERR_ENGINE = "无法计算，请检查填写的内容", "This cannot be calculated; check your answers";
    /// The pack could not be read.
    ERR_PACK = "政策数据无法读取，请刷新页面或联系网站管理员。", "The policy data could not be read. Reload the page, or tell the site's administrator.";
    /// Policy facts in the footer.
    POLICY = "政策依据", "Policy";
    /// Issue date.
    ISSUED = "印发日期", "Issued";
    /// Review date of the pack.
    REVIEWED = "本工具核对日期", "Checked by this tool on";
    /// Privacy.
    PRIVACY = "您填写的内容只在本浏览器中计算，不会发送到任何服务器。", "What you enter is calculated in this browser only and is never sent to any server.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for (name, tr) in ALL {
            assert!(!tr.zh.trim().is_empty(), "{name} has no Chinese");
            assert!(!tr.en.trim().is_empty(), "{name} has no English");
        }
    }
}
