//! `trienkhai demo`: the bundled sample cascade, parsed and shown as a tree.
//!
//! Until the web app serves the demo, this prints each sample document's
//! number, type, issuer, date, what it carries out, its tasks and sessions,
//! nested under the document it carries out.

use std::collections::HashMap;

use serde_json::Value;

/// The sample cascade built into the binary: `(file name, text)`.
const SAMPLES: &[(&str, &str)] = &[];

/// Arguments of `trienkhai demo`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> anyhow::Result<()> {
    print!("{}", render_tree(SAMPLES));
    Ok(())
}

/// One parsed document of the cascade.
struct Node {
    name: String,
    doc: Value,
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("—")
}

fn number_key(n: &str) -> String {
    n.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Parses `docs` and renders them as a cascade tree: a document is placed
/// under the first document of the set that it says it carries out.
pub fn render_tree(docs: &[(&str, &str)]) -> String {
    let nodes: Vec<Node> = docs
        .iter()
        .map(|(name, text)| Node {
            name: (*name).to_string(),
            doc: serde_json::to_value(vanban::parse(text).document).unwrap_or(Value::Null),
        })
        .collect();
    let by_number: HashMap<String, usize> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| {
            n.doc
                .get("number")
                .and_then(Value::as_str)
                .map(|x| (number_key(x), i))
        })
        .collect();
    let parent: Vec<Option<usize>> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            n.doc
                .get("implements")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|x| {
                    x.as_str()
                        .or_else(|| x.get("number").and_then(Value::as_str))
                })
                .filter_map(|x| by_number.get(&number_key(x)).copied())
                .find(|&p| p != i)
        })
        .collect();
    let mut out = String::new();
    out.push_str("Chuỗi văn bản mẫu (sample cascade)\n");
    for (i, p) in parent.iter().enumerate() {
        if p.is_none() {
            render_node(&nodes, &parent, i, 0, &mut out);
        }
    }
    out
}

fn render_node(nodes: &[Node], parent: &[Option<usize>], i: usize, depth: usize, out: &mut String) {
    use std::fmt::Write;
    let pad = "    ".repeat(depth);
    let d = &nodes[i].doc;
    let _ = writeln!(
        out,
        "{pad}{} {} — {} ({}, {})",
        s(d, "doc_type"),
        s(d, "number"),
        s(d, "issuer"),
        s(d, "date"),
        nodes[i].name
    );
    let implements: Vec<&str> = d
        .get("implements")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| {
            x.as_str()
                .or_else(|| x.get("number").and_then(Value::as_str))
        })
        .collect();
    if !implements.is_empty() {
        let _ = writeln!(out, "{pad}  thực hiện: {}", implements.join(", "));
    }
    for t in d
        .get("tasks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let leads: Vec<&str> = t
            .get("lead")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let deadline = match t.get("deadline") {
            Some(Value::String(x)) => x.clone(),
            Some(Value::Object(o)) => o
                .get("text")
                .or_else(|| o.get("date"))
                .and_then(Value::as_str)
                .unwrap_or("—")
                .to_string(),
            _ => "—".to_string(),
        };
        let _ = writeln!(
            out,
            "{pad}  nhiệm vụ: {} (hạn: {deadline})",
            leads.join("; ")
        );
    }
    for e in d
        .get("events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let _ = writeln!(
            out,
            "{pad}  {}: {} {} tại {} ({})",
            if s(e, "kind") == "study_session" {
                "học tập"
            } else {
                "hội nghị"
            },
            s(e, "date"),
            s(e, "time"),
            s(e, "venue"),
            s(e, "mode")
        );
    }
    for (c, p) in parent.iter().enumerate() {
        if *p == Some(i) {
            render_node(nodes, parent, c, depth + 1, out);
        }
    }
}
