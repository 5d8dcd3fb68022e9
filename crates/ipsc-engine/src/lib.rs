/*!
The rules engine of IP Subsidy Self-Check (知识产权奖补自测).

It reads a policy pack (what a plan offers, as data), takes an enterprise's answers and an
assessment year, and returns an [`Assessment`]: one line per measure with its status,
amount, formula, cap and reasons, the programmes that suit the enterprise, and warnings.

Money is exact ([`rust_decimal`]), arithmetic is checked, and each line is rounded to the
fen half away from zero (四舍五入) once, at its end; the total is the sum of the lines.

This crate does no I/O and knows nothing of browsers: the app, the command-line tool and
the tests all call the same functions with values.

# Example

```
use ipsc_engine::{assess, Answers, Pack};

let pack: Pack = ipsc_engine::load::from_toml(include_str!("../tests/fixture-pack.toml"))
    .expect("the fixture pack is valid");
let mut answers = Answers { version: 1, registered_locally: Some(true), ..Answers::default() };
answers.counts.insert("utility-models".into(), 3);
let assessment = assess(&pack, &answers, 2025).expect("answers are valid");
assert_eq!(assessment.total.to_string(), "6000.00");
```
*/

pub mod answers;
pub mod assess;
pub mod cases;
pub mod codes;
pub mod date;
pub mod decimal_str;
pub mod digest;
pub mod explain;
pub mod i18n;
#[cfg(feature = "toml")]
pub mod load;
pub mod money;
pub mod number;
pub mod pack;
pub mod validate;

pub use answers::{Answers, Loan, NewerLpr, YesNoUnsure, ANSWERS_VERSION};
pub use assess::{assess, Assessment, EngineError, Line};
pub use codes::{Code, Status};
pub use date::Date;
pub use i18n::{Lang, Text};
pub use pack::Pack;
