//! Image metrics over the final stage's layers: sizes, dive's efficiency
//! score and wasted bytes, our corrected wasted bytes, the largest files and
//! where each wasted byte came from.
//!
//! dive (wagoodman/dive `filetree/efficiency.go`) counts, per leaf path,
//! every copy in every layer; its "wasted bytes" adds *all* copies of a
//! path seen in two or more layers, the one still visible included (its
//! issue #684). Ours counts only bytes the final filesystem does not show:
//! image size minus the size of the merged view. A 10 MB file modified once
//! is 10 MB wasted for us and 20 MB for dive.

use std::collections::BTreeMap;

use serde::Serialize;

use super::vfs::{Change, Kind, Tree};

/// One layer of the final image, for the metrics.
pub struct LayerView<'a> {
    /// Line of the instruction, `None` for a base-image layer.
    pub line: Option<usize>,
    pub changes: Vec<(&'a str, &'a Change)>,
}

/// Bytes that stay in the image without being visible at the end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Waste {
    pub path: String,
    pub bytes: u64,
    /// Line of the step that stored these bytes (`None`: the base image).
    pub added_line: Option<usize>,
    /// Line of the step that overwrote or deleted them.
    pub hidden_line: Option<usize>,
    /// How they were hidden: `deleted` or `overwritten`.
    pub how: &'static str,
}

/// A large file of the final filesystem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Largest {
    pub path: String,
    pub bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub estimate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Σ layer sizes (what `docker images` shows, unpacked).
    pub size_bytes: u64,
    /// Σ compressed layer sizes (what a registry stores).
    pub compressed_bytes: u64,
    /// Bytes of the final merged filesystem.
    pub visible_bytes: u64,
    /// size − visible: bytes stored but hidden by a later layer.
    pub wasted_bytes: u64,
    /// dive's efficiency score (0..1).
    pub efficiency: f64,
    /// dive's "wasted bytes" (all copies of paths in ≥ 2 layers).
    pub dive_wasted_bytes: u64,
    /// dive's user wasted percent: wasted / bytes above the first layer.
    pub dive_user_wasted_ratio: f64,
    pub waste: Vec<Waste>,
    pub largest: Vec<Largest>,
}

pub fn compute(layers: &[LayerView], final_tree: &Tree) -> Metrics {
    let mut size = 0u64;
    // path -> (sizes per layer) for dive's metric.
    let mut nodes: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    // path -> (bytes, line) currently visible (for our waste attribution).
    let mut live: BTreeMap<String, (u64, Option<usize>)> = BTreeMap::new();
    let mut waste: Vec<Waste> = Vec::new();
    let mut first_layer = 0u64;
    for (li, layer) in layers.iter().enumerate() {
        let mut layer_size = 0;
        for (path, change) in &layer.changes {
            // Anything visible at or under this path is hidden now.
            let hidden_how = match change {
                Change::Removed { .. } => Some("deleted"),
                Change::Opaque { .. } => Some("deleted"),
                Change::Added(_) | Change::Modified(_) => Some("overwritten"),
            };
            let was_file = live.contains_key(*path);
            // A directory written over a directory hides nothing; anything
            // else hides the path and, for removals, everything below it.
            let is_dir =
                matches!(change, Change::Added(e) | Change::Modified(e) if e.kind == Kind::Dir);
            let mut doomed: Vec<String> = Vec::new();
            if !is_dir {
                if was_file {
                    doomed.push(path.to_string());
                }
                let prefix = format!("{path}/");
                doomed.extend(
                    live.range(prefix.clone()..)
                        .take_while(|(k, _)| k.starts_with(&prefix))
                        .map(|(k, _)| k.clone()),
                );
            }
            for k in doomed {
                let (bytes, line) = live.remove(&k).unwrap_or_default();
                if bytes > 0 {
                    waste.push(Waste {
                        path: k,
                        bytes,
                        added_line: line,
                        hidden_line: layer.line,
                        how: hidden_how.unwrap_or("overwritten"),
                    });
                }
            }
            match change {
                Change::Removed { hidden } => {
                    // dive keys a directory whiteout's hidden bytes under the
                    // directory's path; a file whiteout counts 0.
                    nodes
                        .entry(path)
                        .or_default()
                        .push(if was_file { 0 } else { *hidden });
                }
                Change::Added(e) | Change::Modified(e) | Change::Opaque { entry: e, .. } => {
                    layer_size += e.size;
                    if e.kind != Kind::Dir {
                        nodes.entry(path).or_default().push(e.size);
                        live.insert(path.to_string(), (e.size, layer.line));
                    }
                }
            }
        }
        if li == 0 {
            first_layer = layer_size;
        }
        size += layer_size;
    }
    let visible: u64 = final_tree.iter().map(|(_, e)| e.size).sum();
    let (mut min_sum, mut cum_sum, mut dive_wasted) = (0u64, 0u64, 0u64);
    for sizes in nodes.values() {
        let cum: u64 = sizes.iter().sum();
        min_sum += sizes.iter().copied().min().unwrap_or(0);
        cum_sum += cum;
        if sizes.len() >= 2 {
            dive_wasted += cum;
        }
    }
    let efficiency = if cum_sum == 0 {
        1.0
    } else {
        min_sum as f64 / cum_sum as f64
    };
    let user = size.saturating_sub(first_layer);
    waste.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.path.cmp(&b.path)));
    let mut largest: Vec<Largest> = final_tree
        .iter()
        .filter(|(_, e)| e.size > 0)
        .map(|(p, e)| Largest {
            path: p.clone(),
            bytes: e.size,
            note: e.note.as_deref().map(str::to_string),
            estimate: e.estimate,
        })
        .collect();
    largest.sort_by(|a, b| b.bytes.cmp(&a.bytes).then(a.path.cmp(&b.path)));
    largest.truncate(10);
    Metrics {
        size_bytes: size,
        compressed_bytes: 0,
        visible_bytes: visible,
        wasted_bytes: size.saturating_sub(visible),
        efficiency,
        dive_wasted_bytes: dive_wasted,
        dive_user_wasted_ratio: if user == 0 {
            0.0
        } else {
            dive_wasted as f64 / user as f64
        },
        waste,
        largest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::vfs::{Entry, Upper};

    #[test]
    fn modified_file_is_wasted_once_for_us_twice_for_dive() {
        let empty = Tree::default();
        let mut up = Upper::new(&empty);
        up.write("/big", Entry::file(10, 10, 1));
        let l1 = up.commit();
        let mut t1 = Tree::default();
        t1.apply(&l1);
        let mut up = Upper::new(&t1);
        up.modify("/big", |e| e.mode = 0o600);
        let l2 = up.commit();
        let mut t2 = t1.clone();
        t2.apply(&l2);
        let views = vec![
            LayerView {
                line: Some(1),
                changes: l1.changes.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            },
            LayerView {
                line: Some(2),
                changes: l2.changes.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            },
        ];
        let m = compute(&views, &t2);
        assert_eq!(m.size_bytes, 20);
        assert_eq!(m.wasted_bytes, 10);
        assert_eq!(m.dive_wasted_bytes, 20);
        assert!((m.efficiency - 0.5).abs() < 1e-9);
        assert_eq!(m.waste[0].added_line, Some(1));
        assert_eq!(m.waste[0].hidden_line, Some(2));
    }

    #[test]
    fn a_sibling_sorting_between_a_directory_and_its_children_does_not_hide_them() {
        // `/d-x` sorts between `/d` and `/d/f`: deleting `/d` must still
        // count `/d/f` as wasted.
        let empty = Tree::default();
        let mut up = Upper::new(&empty);
        up.write("/d/f", Entry::file(7, 7, 1));
        up.write("/d-x", Entry::file(3, 3, 2));
        let l1 = up.commit();
        let mut t1 = Tree::default();
        t1.apply(&l1);
        let mut up = Upper::new(&t1);
        up.delete("/d");
        let l2 = up.commit();
        let mut t2 = t1.clone();
        t2.apply(&l2);
        fn view(l: &crate::sim::vfs::Changeset, line: usize) -> LayerView<'_> {
            LayerView {
                line: Some(line),
                changes: l.changes.iter().map(|(k, v)| (k.as_str(), v)).collect(),
            }
        }
        let m = compute(&[view(&l1, 1), view(&l2, 2)], &t2);
        assert_eq!(m.wasted_bytes, 7);
        assert_eq!(m.waste.iter().map(|w| w.bytes).sum::<u64>(), 7);
    }
}
