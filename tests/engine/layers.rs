//! The code's layers: no module imports one that imports it back, and each layer imports only the
//! layers below it. Read from the source, so a new import that breaks the rule fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, lowest first; each may import only those before it. The two front doors, `tui`
/// and `plain`, stand side by side: neither imports the other (checked below).
const LAYERS: [&str; 11] = [
    "dates", "model", "engine", "load", "words", "store", "print", "fhir", "clinic", "tui", "plain",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/tui/screens/review.rs` → `tui::screens::review`.
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("::")
}

/// The module paths a file names: `crate::a::b::Item` and `super::x` (resolved), cut to the
/// longest path that is a module.
fn imports(module: &str, text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let parent: Vec<&str> = module.split("::").collect();
    let parent = parent[..parent.len() - 1].join("::");
    let mut found = BTreeSet::new();
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    for line in code.lines().map(str::trim).filter(|l| !l.starts_with("//")) {
        for (prefix, base) in [("crate::", String::new()), ("super::", parent.clone())] {
            for (at, _) in line.match_indices(prefix) {
                let rest = &line[at + prefix.len()..];
                let head = rest
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                    .next()
                    .unwrap_or("");
                let path: Vec<&str> = head.split("::").filter(|s| !s.is_empty()).collect();
                // `a::{b, c::D}` names `a::b` and `a::c` too (one level of braces, on one line).
                let group = rest[head.len()..]
                    .strip_prefix('{')
                    .and_then(|g| g.split_once('}'))
                    .map_or("", |(g, _)| g);
                let mut paths = vec![path.clone()];
                for member in group.split(',') {
                    let member: Vec<&str> = member
                        .trim()
                        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                        .next()
                        .unwrap_or("")
                        .split("::")
                        .filter(|s| !s.is_empty() && *s != "self")
                        .collect();
                    paths.push(path.iter().copied().chain(member).collect());
                }
                for path in paths {
                    for n in (1..=path.len()).rev() {
                        let candidate = if base.is_empty() {
                            path[..n].join("::")
                        } else {
                            format!("{base}::{}", path[..n].join("::"))
                        };
                        if modules.contains(&candidate) {
                            found.insert(candidate);
                            break;
                        }
                    }
                }
            }
        }
    }
    found.remove(module);
    found
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let files: Vec<(String, PathBuf)> = files
        .into_iter()
        .filter(|f| !f.ends_with("main.rs") && !f.ends_with("lib.rs"))
        .map(|f| (module_of(&src, &f), f))
        .collect();
    let modules: BTreeSet<String> = files.iter().map(|(m, _)| m.clone()).collect();
    files
        .iter()
        .map(|(module, file)| {
            let text = std::fs::read_to_string(file).unwrap();
            (module.clone(), imports(module, &text, &modules))
        })
        .collect()
}

fn cycle_from(
    graph: &BTreeMap<String, BTreeSet<String>>,
    node: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(at) = path.iter().position(|p| p == node) {
        let mut cycle = path[at..].to_vec();
        cycle.push(node.to_owned());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    path.push(node.to_owned());
    for next in graph.get(node).into_iter().flatten() {
        if let Some(cycle) = cycle_from(graph, next, path, done) {
            return Some(cycle);
        }
    }
    path.pop();
    done.insert(node.to_owned());
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    assert!(graph.len() > 20, "the source was read: {graph:?}");
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = cycle_from(&graph, node, &mut Vec::new(), &mut done) {
            panic!("an import circle: {}", cycle.join(" → "));
        }
    }
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let layer = |module: &str| {
        let top = module.split("::").next().unwrap_or("");
        LAYERS.iter().position(|l| *l == top)
    };
    for (module, imported) in graph() {
        let Some(own) = layer(&module) else {
            continue;
        };
        for other in imported {
            if let Some(theirs) = layer(&other) {
                assert!(
                    theirs <= own,
                    "{module} ({}) imports {other} ({}), a layer above it",
                    LAYERS[own],
                    LAYERS[theirs]
                );
            }
        }
    }
}

#[test]
fn the_engine_has_no_clock_files_or_terminal() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for layer in ["dates", "model", "engine"] {
        files.push(src.join(format!("{layer}.rs")));
        if src.join(layer).is_dir() {
            sources(&src.join(layer), &mut files);
        }
    }
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for banned in [
            "std::fs",
            "std::io",
            "Local::now",
            "Utc::now",
            "SystemTime",
            "Instant::now",
            "ratatui",
            "crossterm",
        ] {
            assert!(!text.contains(banned), "{} uses {banned}", file.display());
        }
    }
}

#[test]
fn the_ui_reaches_files_and_the_fhir_server_only_through_the_clinic() {
    for (module, imported) in graph() {
        if module != "tui" && !module.starts_with("tui::") {
            continue;
        }
        for other in imported {
            let top = other.split("::").next().unwrap_or("");
            assert!(
                top != "store" && top != "fhir",
                "{module} imports {other}: the UI asks the clinic layer (src/clinic) instead"
            );
        }
    }
}

#[test]
fn the_plain_line_mode_stands_on_the_clinic_and_never_on_the_ui() {
    let graph = graph();
    assert!(graph.contains_key("plain"), "the plain line mode was read");
    for (module, imported) in graph {
        if module != "plain" && !module.starts_with("plain::") {
            continue;
        }
        for other in imported {
            let top = other.split("::").next().unwrap_or("");
            assert!(
                !["tui", "store", "fhir"].contains(&top),
                "{module} imports {other}: the plain line mode asks the clinic layer, and takes \
                 nothing of the terminal UI"
            );
        }
    }
}

#[test]
fn screens_never_import_each_other() {
    let graph = graph();
    let screens: Vec<&String> = graph
        .keys()
        .filter(|m| m.starts_with("tui::screens::"))
        .collect();
    assert!(screens.len() > 5, "the screens were read: {screens:?}");
    for screen in screens {
        for other in &graph[screen] {
            assert!(
                !other.starts_with("tui::screens::") || screen.starts_with(&format!("{other}::")),
                "{screen} imports {other}: a screen takes what it needs from its context, the \
                 widgets or the library, never from another screen"
            );
        }
    }
}
