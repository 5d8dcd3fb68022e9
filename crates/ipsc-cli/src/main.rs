//! `ipsc`: the command for policy editors and for us.
//!
//! - `ipsc check PACK`: validates a pack and runs the cases in `cases.toml` beside it.
//! - `ipsc assess PACK ANSWERS.json [--year Y] [--format table|json] [--lang zh-CN|en]`:
//!   prints the assessment of the answers (or of an export of the app).

mod answers_file;

use ipsc_engine::cases::{self, CaseFile};
use ipsc_engine::{assess, explain, load, money, Assessment, Lang, Pack};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  ipsc check PACK
  ipsc assess PACK ANSWERS.json [--year Y] [--format table|json] [--lang zh-CN|en]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => match args.get(1) {
            Some(pack) if args.len() == 2 => check(Path::new(pack)),
            _ => Err(USAGE.to_owned()),
        },
        Some("assess") => assess_command(args.get(1..).unwrap_or_default()),
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn load_pack(path: &Path) -> Result<Pack, String> {
    let source = read(path)?;
    load::from_toml(&source).map_err(|errors| {
        let lines: Vec<String> = errors
            .iter()
            .map(|e| {
                let at = e.line.map_or(String::new(), |l| format!(":{l}"));
                let field = e
                    .path
                    .as_deref()
                    .map_or(String::new(), |p| format!(" {p}:"));
                format!("{}{at}:{field} {}", path.display(), e.message)
            })
            .collect();
        format!(
            "{}\n{} problem(s) in the pack",
            lines.join("\n"),
            errors.len()
        )
    })
}

fn check(path: &Path) -> Result<(), String> {
    let pack = load_pack(path)?;
    println!(
        "{}: valid ({} clauses, {} measures, {} programmes, {} LPR quotes)",
        path.display(),
        pack.clauses.len(),
        pack.measures.len(),
        pack.programmes.len(),
        pack.lpr.rates.len()
    );
    let cases_path = path.with_file_name("cases.toml");
    let source = read(&cases_path)?;
    let file: CaseFile = load::parse(&source).map_err(|e| {
        format!(
            "{}:{}: {}",
            cases_path.display(),
            e.line.unwrap_or(0),
            e.message
        )
    })?;
    let failures = cases::run(&pack, &file);
    for failure in &failures {
        println!("FAILED {failure}");
    }
    let passed = file.cases.len() - failures.len();
    println!("cases: {passed} passed, {} failed", failures.len());
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: {} case(s) failed",
            cases_path.display(),
            failures.len()
        ))
    }
}

fn assess_command(args: &[String]) -> Result<(), String> {
    let mut positional: Vec<&str> = Vec::new();
    let mut year: Option<i32> = None;
    let mut json = false;
    let mut lang = Lang::Zh;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || {
            rest.next()
                .map(String::as_str)
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--year" => {
                year = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--year takes a year such as 2025".to_owned())?,
                )
            }
            "--format" => {
                json = match value()? {
                    "json" => true,
                    "table" => false,
                    other => return Err(format!("unknown format `{other}`: table or json")),
                }
            }
            "--lang" => lang = Lang::from_tag(value()?).ok_or("--lang takes zh-CN or en")?,
            other if other.starts_with("--") => {
                return Err(format!("unknown option `{other}`\n{USAGE}"))
            }
            other => positional.push(other),
        }
    }
    let [pack_path, answers_path] = positional[..] else {
        return Err(USAGE.to_owned());
    };
    let pack = load_pack(Path::new(pack_path))?;
    let answers_path = PathBuf::from(answers_path);
    let file = answers_file::read(&answers_path.display().to_string(), &read(&answers_path)?)?;
    let year = year.or(file.answers.year).ok_or_else(|| {
        format!(
            "{}: year: is missing: give \"year\" in the answers or pass --year",
            answers_path.display()
        )
    })?;
    let assessment = assess(&pack, &file.answers, year).map_err(|e| {
        format!(
            "{}: {}",
            answers_path.display(),
            file.engine_error(&pack, &e)
        )
    })?;
    let text = if json {
        serde_json::to_string_pretty(&assessment).map_err(|e| e.to_string())? + "\n"
    } else {
        table(&pack, &assessment, lang)
    };
    write_out(&text)
}

/// Writes to stdout. A reader that stops early (`ipsc assess … | head`) is not an error:
/// `print!` would panic there.
fn write_out(text: &str) -> Result<(), String> {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}

fn table(pack: &Pack, a: &Assessment, lang: Lang) -> String {
    let mut out = format!(
        "{} {} · {}\n\n",
        pack.meta.doc_number,
        pack.meta.title.get(lang),
        a.year
    );
    for line in &a.lines {
        let label = pack
            .measure(&line.measure)
            .map_or(line.measure.as_str(), |m| m.label.get(lang));
        out.push_str(&format!(
            "{:>16}  {label} [{}] · {}\n",
            money::yuan(line.amount),
            line.clause,
            pack.say(line.status, lang)
        ));
        for step in explain::formula(pack, line, lang) {
            out.push_str(&format!("{:>16}  {step}\n", ""));
        }
        for reason in &line.reasons {
            out.push_str(&format!(
                "{:>16}  - {}\n",
                "",
                pack.say_for(&line.measure, reason.code, lang)
            ));
        }
        for what_if in &line.what_if {
            out.push_str(&format!(
                "{:>16}  → {}\n",
                "",
                explain::what_if(pack, what_if, lang)
            ));
        }
    }
    out.push_str(&format!(
        "{:>16}  {}\n",
        money::yuan(a.total),
        if lang == Lang::Zh { "合计" } else { "Total" }
    ));
    for warning in &a.warnings {
        out.push_str(&format!("\n! {}", pack.say(warning.code, lang)));
    }
    out.push_str(&format!("\n{}\n", pack.meta.disclaimer.get(lang)));
    out
}
