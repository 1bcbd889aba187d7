//! The query mix of the benchmark, drawn from the generated corpus, and its
//! translation for FTS5 and PostgreSQL.

use search::analyzer::{fold_text, word_spans};
use search::{Filters, Query, Scope};

use crate::generator::{Generated, Rng};

/// One benchmark query.
pub struct BenchQuery {
    pub category: &'static str,
    pub text: String,
    pub filters: Filters,
    pub scope: Option<String>,
    /// The document that must be found (known-item queries).
    pub expect: Option<i64>,
}

impl BenchQuery {
    pub fn to_query(&self, facets: bool) -> Query {
        Query {
            text: self.text.clone(),
            scope: self.scope.clone().map_or(Scope::All, Scope::Unit),
            filters: self.filters.clone(),
            limit: 10,
            offset: 0,
            facets,
        }
    }
}

fn words(s: &str) -> Vec<&str> {
    word_spans(s).into_iter().map(|(a, b)| &s[a..b]).collect()
}

fn consecutive(rng: &mut Rng, ws: &[&str], n: usize) -> String {
    if ws.len() <= n {
        return ws.join(" ");
    }
    let start = rng.below(ws.len() - n);
    ws[start..start + n].join(" ")
}

fn province_of(place: &str) -> String {
    place.rsplit("tỉnh ").next().unwrap_or(place).to_owned()
}

/// `n` queries in fixed shares: numbers 25 %, folded 20 %, exact 15 %,
/// multi-word 15 %, phrase 10 %, filtered 15 %.
pub fn mix(docs: &[Generated], n: usize, seed: u64) -> Vec<BenchQuery> {
    let mut rng = Rng::new(seed ^ 0x5EA2C4);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let g = &docs[rng.below(docs.len())];
        let d = &g.doc;
        let number = d.number.clone().unwrap_or_default();
        let type_name = d.doc_type.clone().unwrap_or_default();
        let slot = i % 20;
        let mut q = BenchQuery {
            category: "",
            text: String::new(),
            filters: Filters::default(),
            scope: None,
            expect: None,
        };
        match slot {
            0..=4 => {
                q.category = "number";
                q.text = match slot {
                    0 => number.clone(),
                    1 => fold_text(&number),
                    2 => format!("{} {}", fold_text(g.code), g.serial),
                    3 => format!("{} {}", fold_text(&type_name), g.serial),
                    _ => format!("{} {}", number, fold_text(&province_of(&g.place))),
                };
                if slot == 4 && g.place != "cả nước" {
                    q.expect = Some(d.id);
                }
            }
            5..=8 => {
                q.category = "folded";
                let t = fold_text(&d.title);
                q.text = consecutive(&mut rng, &words(&t), 3);
            }
            9..=11 => {
                q.category = "exact";
                q.text = consecutive(&mut rng, &words(&d.title), 2);
            }
            12..=14 => {
                q.category = "multi-word";
                let topic: Vec<&str> = words(g.topic).into_iter().take(4).collect();
                q.text = fold_text(&format!(
                    "{} {} {}",
                    type_name,
                    topic.join(" "),
                    province_of(&g.place)
                ));
            }
            15 | 16 => {
                q.category = "phrase";
                let body = &d.text[..d.text.floor_char_boundary(600)];
                q.text = format!("\"{}\"", consecutive(&mut rng, &words(body), 3));
            }
            _ => {
                q.category = "filtered";
                let topic: Vec<&str> = words(g.topic).into_iter().take(3).collect();
                q.text = fold_text(&topic.join(" "));
                match slot {
                    17 => q.filters.doc_type = Some(type_name.clone()),
                    18 => q.filters.year = d.year,
                    _ => {
                        q.scope = d
                            .unit_path
                            .as_deref()
                            .map(|p| p.split('/').take(2).collect::<Vec<_>>().join("/"));
                    }
                }
            }
        }
        out.push(q);
    }
    out
}

/// Folded words and phrases of a query text (quotes mark phrases).
pub fn folded_parts(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut words_out = Vec::new();
    let mut phrases = Vec::new();
    for (i, seg) in text.split(['"', '“', '”']).enumerate() {
        let f = fold_text(seg);
        let ws: Vec<String> = words(&f).into_iter().map(str::to_owned).collect();
        if i % 2 == 1 && ws.len() > 1 {
            phrases.push(ws);
        } else {
            words_out.extend(ws);
        }
    }
    (words_out, phrases)
}
