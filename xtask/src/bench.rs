//! `./x bench [--soak N]`: every figure that says how fast and how small the app is (issue
//! 14), each with its target and the exact command that measured it, printed as one
//! Markdown table for docs/PERFORMANCE.md. The browser figures come from `bench/*.mjs`
//! (Playwright and the DevTools protocol with Debian's Chromium, Lighthouse from npm),
//! each of which prints one line of JSON; the engine's from its `cargo bench`. Timings
//! are read, never judged: a miss is marked, and only the size budget fails the command.
//!
//! `--before DIR` measures another build beside `dist/` in the same run: DIR is a built
//! `dist/` folder of an earlier commit (another worktree's, after its `./x build`;
//! relative to the project's root). The keystrokes go to both builds in turn, key by
//! key, and the cold starts take turns, so both are measured in the same minutes of the
//! shared machine; the table has a "before" and an "after" row for each. The baseline
//! page always takes its turn too, so each build's own cost is its figure less the
//! baseline's of the same minutes. `--only NAME`
//! runs one measurement (after the set-up and the build): `size`, `engine`, `kiosk`,
//! `lighthouse`, `keystrokes`, `cold-start` or `soak`.

use crate::cmd::{tool_path, Result};
use crate::size::{self, BUDGET_GZIP};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// Sessions of the kiosk soak unless `--soak N` says otherwise.
const SOAK_DEFAULT: u32 = 500;

/// The measurements, by the names `--only` takes (and `run_all`'s steps), in the order
/// they run.
const STEPS: [&str; 7] = [
    "size",
    "engine",
    "kiosk",
    "lighthouse",
    "keystrokes",
    "cold-start",
    "soak",
];

const USAGE: &str = "usage: ./x bench [--soak SESSIONS] [--before DIR] [--only size|engine|kiosk|lighthouse|keystrokes|cold-start|soak]";

/// What `./x bench` was asked for.
#[derive(Debug, PartialEq)]
struct Options {
    soak: u32,
    /// Another build's `dist/`, measured beside this one where a script can.
    before: Option<String>,
    /// The one measurement to run, if not all.
    only: Option<String>,
}

/// One measurement: it adds its rows to the table.
type Step<'a> = &'a dyn Fn(&mut Table) -> Result;

fn options(args: &[String]) -> Result<Options> {
    let mut options = Options {
        soak: SOAK_DEFAULT,
        before: None,
        only: None,
    };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        // Every option takes a value.
        let value = args.next().ok_or(USAGE)?;
        match arg.as_str() {
            "--soak" => options.soak = value.parse().ok().filter(|n| *n > 0).ok_or(USAGE)?,
            "--before" => options.before = Some(value.clone()),
            "--only" if STEPS.contains(&value.as_str()) => options.only = Some(value.clone()),
            _ => return Err(USAGE.into()),
        }
    }
    Ok(options)
}

/// The earlier build's folder as the scripts get it (absolute), if it holds a build.
fn before_dir(dir: &str) -> Result<String> {
    let path = Path::new(dir);
    if !path.join("index.html").is_file() {
        return Err(format!(
            "--before {dir}: no index.html there; give a built dist/ folder (an earlier commit's worktree, after its ./x build)"
        ));
    }
    let path = std::fs::canonicalize(path).map_err(|e| format!("--before {dir}: {e}"))?;
    Ok(path.to_string_lossy().into_owned())
}

/// One row of the table.
struct Row {
    figure: String,
    value: String,
    target: &'static str,
    /// Some(true) met, Some(false) missed, None nothing to meet.
    met: Option<bool>,
    command: String,
}

#[derive(Default)]
struct Table(Vec<Row>);

impl Table {
    fn add(
        &mut self,
        figure: impl Into<String>,
        value: impl Into<String>,
        target: &'static str,
        met: Option<bool>,
        command: &str,
    ) {
        self.0.push(Row {
            figure: figure.into(),
            value: value.into(),
            target,
            met,
            command: format!("`{command}`"),
        });
    }

    /// A measurement that did not finish: a row that says so, and the run goes on.
    fn failed(&mut self, figure: &str, why: &str, command: &str) {
        let why = why.lines().last().unwrap_or(why);
        self.add(figure, format!("FAILED: {why}"), "", Some(false), command);
    }

    fn print(&self) {
        println!("| figure | value | target | | command |");
        println!("|---|---|---|---|---|");
        for row in &self.0 {
            let mark = match row.met {
                Some(true) => "ok",
                Some(false) => "**MISS**",
                None => "",
            };
            println!(
                "| {} | {} | {} | {mark} | {} |",
                row.figure, row.value, row.target, row.command
            );
        }
    }
}

/// Runs every measurement (or the one `--only` names) and prints the table; fails only
/// if the first load is over the size budget.
pub fn run_all(args: &[String]) -> Result {
    let options = options(args)?;
    let before = options.before.as_deref().map(before_dir).transpose()?;
    let before = before.as_deref();
    let began = Instant::now();
    crate::setup::all()?;
    crate::release::build()?;
    let mut table = Table::default();
    let mut times = Vec::new();
    let steps: [(&str, &str, Step); 7] = [
        ("size", "size", &sizes),
        ("engine", "engine (cargo bench)", &engine),
        ("kiosk", "kiosk program", &kiosk),
        ("lighthouse", "lighthouse", &lighthouse),
        ("keystrokes", "keystrokes", &|t| keystrokes(t, before)),
        ("cold-start", "cold start", &|t| cold_start(t, before)),
        ("soak", "kiosk soak", &|t| kiosk_soak(t, options.soak)),
    ];
    let mut budget = Ok(());
    for (key, name, step) in steps {
        if options.only.as_deref().is_some_and(|only| only != key) {
            continue;
        }
        let start = Instant::now();
        let result = step(&mut table);
        times.push((name, start.elapsed().as_secs_f64()));
        // Only the size budget fails the command: any other measurement that fails adds
        // a row that says so, and the run goes on.
        if key == "size" {
            budget = result;
        }
    }
    println!(
        "\n## {}\n",
        format!("./x bench {}", args.join(" ")).trim_end()
    );
    for line in machine() {
        println!("{line}");
    }
    println!();
    table.print();
    println!("\nstep times:");
    for (name, secs) in &times {
        println!("  {secs:>7.1} s  {name}");
    }
    println!(
        "./x bench took {:.1} min in all (set-up and build included)",
        began.elapsed().as_secs_f64() / 60.0
    );
    budget
}

/// The date, the machine and the browser, as docs/PERFORMANCE.md records them.
fn machine() -> Vec<String> {
    let said = |program: &str, args: &[&str]| {
        Command::new(program)
            .args(args)
            .output()
            .ok()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default()
    };
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find(|l| l.starts_with("MemTotal:"))
                .map(|l| l.trim_start_matches("MemTotal:").trim().to_owned())
        })
        .unwrap_or_default();
    let kb: f64 = memory.trim_end_matches(" kB").parse().unwrap_or_default();
    vec![
        format!("- date: {}", said("date", &["-u", "+%Y-%m-%d %H:%M UTC"])),
        format!(
            "- machine: {} cores (`nproc`), {:.1} GB memory, {}; shared with other work, so timings are noisy: each is set beside a baseline measured in the same run",
            said("nproc", &[]),
            kb / 1024.0 / 1024.0,
            said("uname", &["-sr"])
        ),
        format!(
            "- browser: {}",
            said(
                &std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                &["--version"]
            )
        ),
        format!("- node {}", said("node", &["--version"])),
    ]
}

/// Runs `node bench/SCRIPT ARGS` (its progress on stderr shows as it comes) and returns
/// the JSON of its last line on stdout.
fn node(script: &str, args: &[&str]) -> Result<Value> {
    println!("\n$ node bench/{script} {}", args.join(" "));
    let out = Command::new("node")
        .arg(format!("bench/{script}"))
        .args(args)
        .env("PATH", tool_path())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("node: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("bench/{script} failed ({})", out.status));
    }
    let last = stdout.lines().rev().find(|l| !l.trim().is_empty());
    let value: Value = last
        .and_then(|l| serde_json::from_str(l).ok())
        .ok_or_else(|| format!("bench/{script} printed no figures"))?;
    println!("{}", last.unwrap_or_default());
    Ok(value)
}

/// The command as the table shows it.
fn node_command(script: &str, args: &[&str]) -> String {
    let mut command = format!("node bench/{script}");
    for a in args {
        command.push(' ');
        command.push_str(a);
    }
    command
}

/// A number at `path` (`a/b/c`) in `value`.
fn num(value: &Value, path: &str) -> Option<f64> {
    path.split('/')
        .try_fold(value, |v, key| v.get(key))
        .and_then(Value::as_f64)
}

/// The app's own cost: its figure less the baseline page's, both in ms.
fn own_cost(app: Option<f64>, baseline: Option<f64>) -> Option<f64> {
    Some(app? - baseline?)
}

/// A difference as text with its sign (`+2.5`, `-0.3`), or `?`.
fn show_signed(x: Option<f64>) -> String {
    x.map_or_else(|| "?".into(), |x| format!("{x:+.1}"))
}

/// A number as text, or `?`.
fn show(x: Option<f64>, decimals: usize) -> String {
    x.map_or_else(|| "?".into(), |x| format!("{x:.decimals$}"))
}

fn sizes(table: &mut Table) -> Result {
    let totals = size::totals(Path::new("dist"))?;
    let command = "./x size";
    let within =
        u64::try_from(totals.page[1].max(totals.embedded[1])).unwrap_or(u64::MAX) <= BUDGET_GZIP;
    for (what, [raw, gz, br]) in [
        ("first load, the page: gzip / brotli", totals.page),
        ("first load, embed.js: gzip / brotli", totals.embedded),
    ] {
        table.add(
            what,
            format!(
                "{} / {} ({} raw)",
                size::kb(gz),
                size::kb(br),
                size::kb(raw)
            ),
            "≤ 150 KB gzip",
            Some(u64::try_from(gz).unwrap_or(u64::MAX) <= BUDGET_GZIP),
            command,
        );
    }
    for (name, [raw, gz, br], note) in &totals.later {
        table.add(
            format!("later: {name} {note}: gzip / brotli"),
            format!(
                "{} / {} ({} raw)",
                size::kb(*gz),
                size::kb(*br),
                size::kb(*raw)
            ),
            "— (not in the first load)",
            None,
            command,
        );
    }
    let result = size::within(&totals, BUDGET_GZIP);
    if !within {
        println!("xtask: over the size budget; the other figures are still measured");
    }
    result
}

fn engine(table: &mut Table) -> Result {
    let args = [
        "bench",
        "--locked",
        "-p",
        "ipsc-engine",
        "--features",
        "toml",
    ];
    let command = format!("cargo {}", args.join(" "));
    println!("\n$ {command}");
    let out = Command::new("cargo")
        .args(args)
        .env("PATH", tool_path())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cargo: {e}"));
    let out = match out {
        Ok(out) if out.status.success() => out,
        Ok(out) => {
            table.failed("the engine", &out.status.to_string(), &command);
            return Err("cargo bench failed".into());
        }
        Err(e) => {
            table.failed("the engine", &e, &command);
            return Err(e);
        }
    };
    let printed = String::from_utf8_lossy(&out.stdout);
    print!("{printed}");
    // `NAME   VALUE µs   (target < TARGET µs)`, as crates/ipsc-engine/benches/assess.rs prints.
    for line in printed.lines().filter(|l| l.contains("(target <")) {
        let Some((head, target)) = line.split_once("(target <") else {
            continue;
        };
        let mut words: Vec<&str> = head.split_whitespace().collect();
        let unit = words.pop().unwrap_or_default();
        let value = words.pop().unwrap_or_default();
        let name = words.join(" ");
        let micros = |s: &str| {
            s.trim()
                .trim_end_matches(')')
                .trim_end_matches("µs")
                .trim()
                .parse::<f64>()
                .ok()
        };
        let met = micros(value).zip(micros(target)).map(|(v, t)| v < t);
        let target_text: &'static str = if name.starts_with("full assessment") {
            "< 20 µs"
        } else {
            "< 2 ms"
        };
        table.add(
            format!("engine, natively: {name}"),
            format!("{value} {unit} (best of 15 rounds of 2,000)"),
            target_text,
            met,
            &command,
        );
    }
    Ok(())
}

fn lighthouse(table: &mut Table) -> Result {
    let args = ["--runs", "3"];
    let command = node_command("lighthouse.mjs", &args);
    let v = match node("lighthouse.mjs", &args) {
        Ok(v) => v,
        Err(e) => {
            table.failed("Lighthouse mobile", &e, &command);
            return Err(e);
        }
    };
    let score = |id: &str| num(&v, &format!("scores/{id}"));
    let scores = ["performance", "accessibility", "best-practices", "seo"].map(score);
    let [perf, a11y, bp, seo] = scores;
    let met = perf.is_some_and(|p| p >= 98.0)
        && [a11y, bp, seo]
            .iter()
            .all(|s| s.is_some_and(|s| s >= 100.0));
    let runs = v
        .get("runs")
        .and_then(Value::as_array)
        .map(|runs| {
            runs.iter()
                .map(|r| show(num(r, "performance"), 0))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    table.add(
        "Lighthouse mobile (default throttling), nginx with deploy/'s configuration: performance / accessibility / best practices / SEO",
        format!(
            "{} / {} / {} / {} (median of 3 runs by performance: {runs})",
            show(perf, 0),
            show(a11y, 0),
            show(bp, 0),
            show(seo, 0)
        ),
        "≥ 98 / 100 / 100 / 100",
        Some(met),
        &command,
    );
    let seconds = |key: &str| show(num(&v, key).map(|ms| ms / 1000.0), 2);
    table.add(
        "Lighthouse mobile: FCP / LCP / TBT, bytes",
        format!(
            "{} s / {} s / {} ms, {} KiB",
            seconds("fcpMs"),
            seconds("lcpMs"),
            show(num(&v, "tbtMs"), 0),
            show(num(&v, "bytes").map(|b| b / 1024.0), 0)
        ),
        "— (report)",
        None,
        &command,
    );
    Ok(())
}

/// The builds a script measured, each with where its figures are in the JSON and what
/// its rows add to the figure's name: `dist/` alone, or the earlier build then `dist/`.
fn builds(before: Option<&str>) -> Vec<(&'static str, String)> {
    match before {
        None => vec![("", String::new())],
        Some(dir) => vec![
            ("before/", format!(", before (`{dir}`)")),
            ("", ", after (`dist/`)".into()),
        ],
    }
}

/// `--before DIR` for a script, when there is an earlier build.
fn with_before<'a>(args: &[&'a str], before: Option<&'a str>) -> Vec<&'a str> {
    let mut args = args.to_vec();
    if let Some(dir) = before {
        args.extend(["--before", dir]);
    }
    args
}

fn keystrokes(table: &mut Table, before: Option<&str>) -> Result {
    let args = with_before(&["--keys", "200"], before);
    let command = node_command("keystroke.mjs", &args);
    let v = match node("keystroke.mjs", &args) {
        Ok(v) => v,
        Err(e) => {
            table.failed("keystroke → running estimate", &e, &command);
            return Err(e);
        }
    };
    // Issue 21's targets: the app's own cost at p95, over the baseline page's p95 in the
    // same minutes (the baseline takes each key in turn with the app).
    for (key, what, target, limit) in [
        (
            "count",
            "a count field (step 2)",
            "own cost ≤ +2 ms at p95",
            2.0,
        ),
        (
            "money",
            "a money field (step 3, one loan)",
            "own cost ≤ +2 ms at p95",
            2.0,
        ),
        (
            "loans20",
            "the money field with 20 loans entered",
            "own cost ≤ +4 ms at p95",
            4.0,
        ),
    ] {
        let base = |figure: &str| num(&v, &format!("baseline/{key}/{figure}"));
        for (at, build) in builds(before) {
            let mine = |figure: &str| num(&v, &format!("{at}{key}/{figure}"));
            let own = own_cost(mine("p95"), base("p95"));
            let missed = mine("missed").unwrap_or_default();
            let missed = if missed > 0.0 {
                format!(", {missed:.0} keys changed nothing")
            } else {
                String::new()
            };
            table.add(
                format!("keystroke → new running estimate in the DOM, 4× CPU throttle: {what}{build}"),
                format!(
                    "own cost at p95 {} ms: p50 {} / p95 {} / max {} ms over {} keys, the baseline page in turn p50 {} / p95 {} ms; from the keydown's handling: p50 {} / p95 {} ms (baseline {} / {} ms){missed}",
                    show_signed(own),
                    show(mine("p50"), 1),
                    show(mine("p95"), 1),
                    show(mine("max"), 1),
                    show(mine("n"), 0),
                    show(base("p50"), 1),
                    show(base("p95"), 1),
                    show(mine("handled/p50"), 1),
                    show(mine("handled/p95"), 1),
                    show(base("handled/p50"), 1),
                    show(base("handled/p95"), 1),
                ),
                target,
                own.map(|own| own <= limit),
                &command,
            );
        }
    }
    Ok(())
}

fn cold_start(table: &mut Table, before: Option<&str>) -> Result {
    let args = with_before(&["--runs", "5"], before);
    let command = node_command("coldstart.mjs", &args);
    let figure = "cold start → first question usable (navigation start → the first input takes a click), 4× CPU throttle, loopback, fresh profile";
    let v = match node("coldstart.mjs", &args) {
        Ok(v) => v,
        Err(e) => {
            table.failed(figure, &e, &command);
            return Err(e);
        }
    };
    let all = |key: &str| {
        v.pointer(&format!("/{key}/all"))
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|x| show(x.as_f64(), 0))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    for (at, build) in builds(before) {
        let key = if at.is_empty() { "app" } else { "before" };
        let ms = num(&v, &format!("{key}/median"));
        table.add(
            format!("{figure}{build}"),
            format!(
                "median {} ms of 5 ({}); baseline page {} ms ({})",
                show(ms, 0),
                all(key),
                show(num(&v, "baseline/median"), 0),
                all("baseline")
            ),
            "< 1.5 s",
            Some(ms.is_some_and(|ms| ms < 1500.0)),
            &command,
        );
    }
    Ok(())
}

/// Growth per session after the first 100 that still counts as flat: the heap's noise
/// after a full GC is a few KB between samples, far less than this over 400 sessions.
const FLAT_HEAP_PER_SESSION: f64 = 0.02 * 1024.0;

fn kiosk_soak(table: &mut Table, sessions: u32) -> Result {
    let count = sessions.to_string();
    let args = ["--sessions", count.as_str()];
    let command = node_command("soak.mjs", &args);
    let v = match node("soak.mjs", &args) {
        Ok(v) => v,
        Err(e) => {
            table.failed("kiosk soak", &e, &command);
            return Err(e);
        }
    };
    let samples = v
        .get("samples")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let at = |n: f64, key: &str| {
        samples
            .iter()
            .find(|s| num(s, "sessions") == Some(n))
            .and_then(|s| num(s, key))
    };
    let from = num(&v, "from").unwrap_or(100.0);
    let last = samples
        .last()
        .and_then(|s| num(s, "sessions"))
        .unwrap_or_default();
    let seconds = show(num(&v, "seconds"), 0);
    for (key, what, scale, unit, decimals) in [
        ("heap", "JS heap used after GC", 1024.0, " KB", 1),
        ("nodes", "DOM nodes", 1.0, "", 0),
        ("listeners", "JS event listeners", 1.0, "", 0),
        ("wasm", "wasm memory", 1024.0 * 1024.0, " MB", 2),
    ] {
        let per = num(&v, &format!("growth/{key}/perSession"));
        let change = num(&v, &format!("growth/{key}/change"));
        let flat = match key {
            "heap" => per.map(|p| p.abs() <= FLAT_HEAP_PER_SESSION),
            _ => change.map(|c| c == 0.0),
        };
        let val = |n: f64| show(at(n, key).map(|x| x / scale), decimals);
        let per_text = match key {
            "heap" => format!(
                "{} KB a session ({} KB a session over the second half)",
                show(per.map(|p| p / 1024.0), 3),
                show(
                    num(&v, "growth/heap/secondHalfPerSession").map(|p| p / 1024.0),
                    3
                )
            ),
            _ => format!("{}{unit} in all", show(change.map(|c| c / scale), decimals)),
        };
        table.add(
            format!("kiosk soak, {sessions} sessions in one page: {what}"),
            format!(
                "{} at start, {} after 1, {} after {from:.0}, {} after {last:.0}{unit}; after {from:.0}: {per_text} ({seconds} s)",
                val(0.0),
                val(1.0),
                val(from),
                val(last),
            ),
            "flat after the first 100",
            flat,
            &command,
        );
    }
    Ok(())
}

fn kiosk(table: &mut Table) -> Result {
    let command = node_command("kiosk.mjs", &[]);
    let figure =
        "the kiosk program (`ipsc-kiosk`): the whole first load on the loopback, and its memory";
    if !Path::new("target/release/ipsc-kiosk").exists() {
        table.add(
            figure,
            "not built (run ./x kiosk)",
            "— (report)",
            None,
            &command,
        );
        return Ok(());
    }
    let v = match node("kiosk.mjs", &[]) {
        Ok(v) => v,
        Err(e) => {
            table.failed(figure, &e, &command);
            return Err(e);
        }
    };
    let mb = |key: &str| show(num(&v, key).map(|kb| kb / 1024.0), 1);
    table.add(
        figure,
        format!(
            "{} files, {} KB as sent: median {} ms of {} rounds (cold {} ms; nginx, same rounds: {} ms); RSS {} MB at start, {} MB after, peak {} MB",
            show(num(&v, "files"), 0),
            show(num(&v, "bytes").map(|b| b / 1024.0), 1),
            show(num(&v, "medianMs"), 2),
            show(num(&v, "rounds").map(|r| r - 1.0), 0),
            show(num(&v, "coldMs"), 2),
            show(num(&v, "nginx/medianMs"), 2),
            mb("rssStartKb"),
            mb("rssKb"),
            mb("hwmKb"),
        ),
        "— (report)",
        None,
        &command,
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_found_by_path() {
        let v: Value = serde_json::json!({ "count": { "p95": 9.5 }, "n": 3 });
        assert_eq!(num(&v, "count/p95"), Some(9.5));
        assert_eq!(num(&v, "n"), Some(3.0));
        assert_eq!(num(&v, "count/p50"), None);
        assert_eq!(show(None, 1), "?");
        assert_eq!(show(Some(1.25), 1), "1.2");
        assert_eq!(show_signed(own_cost(Some(13.5), Some(11.0))), "+2.5");
        assert_eq!(show_signed(own_cost(Some(10.7), Some(11.0))), "-0.3");
        assert_eq!(show_signed(own_cost(None, Some(11.0))), "?");
    }

    #[test]
    fn options_are_read_strictly() {
        let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            options(&[]),
            Ok(Options {
                soak: SOAK_DEFAULT,
                before: None,
                only: None
            })
        );
        assert_eq!(
            options(&args(&[
                "--only",
                "keystrokes",
                "--before",
                "../b/dist",
                "--soak",
                "9"
            ])),
            Ok(Options {
                soak: 9,
                before: Some("../b/dist".into()),
                only: Some("keystrokes".into())
            })
        );
        for bad in [
            &["--only", "typing"][..],
            &["--soak", "0"],
            &["--before"],
            &["--keys", "3"],
        ] {
            assert_eq!(options(&args(bad)), Err(USAGE.into()), "{bad:?}");
        }
    }

    #[test]
    fn an_earlier_build_gets_a_row_before_each_of_dist() {
        assert_eq!(builds(None), vec![("", String::new())]);
        let rows = builds(Some("/b/dist"));
        assert_eq!(rows.len(), 2);
        assert!(rows
            .first()
            .is_some_and(|(at, name)| *at == "before/" && name.contains("/b/dist")));
        assert_eq!(
            with_before(&["--runs", "5"], Some("/b/dist")),
            ["--runs", "5", "--before", "/b/dist"]
        );
    }

    #[test]
    fn a_command_is_shown_as_typed() {
        assert_eq!(
            node_command("soak.mjs", &["--sessions", "2000"]),
            "node bench/soak.mjs --sessions 2000"
        );
    }
}
