//! Facet counts (type, issuer, level, year, campaign, kind) over all matches.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Most values returned per facet: a sidebar shows a handful.
pub const MAX_FACET_VALUES: usize = 20;

/// One value of a facet and how many matches carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    /// The value (as stored; pass it back in a filter).
    pub value: String,
    /// Matches with it.
    pub count: u64,
}

/// Facet counts of one search, most frequent first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// By entity kind.
    pub kind: Vec<FacetValue>,
    /// By document type.
    pub doc_type: Vec<FacetValue>,
    /// By issuer.
    pub issuer: Vec<FacetValue>,
    /// By level.
    pub level: Vec<FacetValue>,
    /// By year.
    pub year: Vec<FacetValue>,
    /// By campaign id.
    pub campaign: Vec<FacetValue>,
}

/// String facet fields, in [`Facets`] order after `kind`.
const STR_FIELDS: [&str; 5] = ["kind", "doc_type", "issuer", "level", "campaign"];

pub(crate) struct FacetCollector;

pub(crate) struct FacetSegment {
    columns: Vec<Option<(StrColumn, Vec<u64>)>>,
    year: Column<i64>,
    years: HashMap<i64, u64>,
}

type Counts = Vec<HashMap<String, u64>>;

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegment;

    fn for_segment(
        &self,
        _ord: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<FacetSegment> {
        let ff = reader.fast_fields();
        let mut columns = Vec::with_capacity(STR_FIELDS.len());
        for name in STR_FIELDS {
            columns.push(ff.str(name)?.map(|c| {
                let n = c.num_terms();
                (c, vec![0u64; n])
            }));
        }
        Ok(FacetSegment {
            columns,
            year: ff.i64("year")?,
            years: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<(Counts, HashMap<i64, u64>)>) -> tantivy::Result<Facets> {
        let mut total: Counts = vec![HashMap::new(); STR_FIELDS.len()];
        let mut years: HashMap<i64, u64> = HashMap::new();
        for (counts, ys) in fruits {
            for (t, c) in total.iter_mut().zip(counts) {
                for (k, v) in c {
                    *t.entry(k).or_default() += v;
                }
            }
            for (y, c) in ys {
                *years.entry(y).or_default() += c;
            }
        }
        let mut it = total.into_iter().map(top);
        let mut next = || it.next().unwrap_or_default();
        let (kind, doc_type, issuer, level, campaign) = (next(), next(), next(), next(), next());
        let year = top(years.into_iter().map(|(y, c)| (y.to_string(), c)).collect());
        Ok(Facets {
            kind,
            doc_type,
            issuer,
            level,
            year,
            campaign,
        })
    }
}

fn top(map: HashMap<String, u64>) -> Vec<FacetValue> {
    let mut v: Vec<FacetValue> = map
        .into_iter()
        .map(|(value, count)| FacetValue { value, count })
        .collect();
    v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    v.truncate(MAX_FACET_VALUES);
    v
}

impl SegmentCollector for FacetSegment {
    type Fruit = (Counts, HashMap<i64, u64>);

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (col, counts) in self.columns.iter_mut().flatten() {
            for ord in col.term_ords(doc) {
                if let Some(c) = usize::try_from(ord).ok().and_then(|o| counts.get_mut(o)) {
                    *c += 1;
                }
            }
        }
        if let Some(y) = self.year.first(doc) {
            *self.years.entry(y).or_default() += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out: Counts = Vec::with_capacity(self.columns.len());
        for col in self.columns {
            let mut m = HashMap::new();
            if let Some((col, counts)) = col {
                for (ord, &n) in counts.iter().enumerate() {
                    let mut s = String::new();
                    if n > 0 && col.ord_to_str(ord as u64, &mut s).unwrap_or(false) {
                        m.insert(s, n);
                    }
                }
            }
            out.push(m);
        }
        (out, self.years)
    }
}
