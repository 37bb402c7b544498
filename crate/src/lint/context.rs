//! What rules read: the parsed document, the analysis, and helpers to make
//! findings with positions.

use std::cell::OnceCell;

use super::config::Config;
use super::finding::Finding;
use super::rule::RuleMeta;
use crate::model::{Model, RunAnalysis, Stage};
use crate::report::Report;
use crate::sim::catalog::Catalog;
use crate::sim::{SimOptions, Simulation};
use crate::span::Span;
use crate::syntax::{Document, Instruction};

pub struct LintContext<'a> {
    pub report: &'a Report,
    /// For the rules a configuration switches on or shapes
    /// (`trustedRegistries`, `label-schema`).
    pub config: &'a Config,
    simulation: OnceCell<Simulation>,
    given: Option<&'a Simulation>,
}

/// What [`LintContext::new`] lints under.
static DEFAULT_CONFIG: std::sync::LazyLock<Config> = std::sync::LazyLock::new(Config::default);

impl<'a> LintContext<'a> {
    pub fn new(report: &'a Report) -> Self {
        Self::with_config(report, &DEFAULT_CONFIG)
    }

    pub fn with_config(report: &'a Report, config: &'a Config) -> Self {
        Self {
            report,
            config,
            simulation: OnceCell::new(),
            given: None,
        }
    }

    /// Reads `simulation` instead of simulating the report itself.
    pub fn with_simulation(mut self, simulation: &'a Simulation) -> Self {
        self.given = Some(simulation);
        self
    }

    /// The simulated build (default options, the web catalog), computed
    /// on first use: only the rules that need layers pay for it.
    pub fn simulation(&self) -> &Simulation {
        if let Some(given) = self.given {
            return given;
        }
        self.simulation.get_or_init(|| {
            crate::sim::simulate(self.report, Catalog::builtin_web(), &SimOptions::default())
        })
    }

    pub fn document(&self) -> &'a Document {
        &self.report.document
    }

    pub fn model(&self) -> &'a Model {
        &self.report.model
    }

    /// Instructions with their index in the document.
    pub fn instructions(&self) -> impl Iterator<Item = (usize, &'a Instruction)> {
        self.report.document.instructions.iter().enumerate()
    }

    /// Every RUN's analysis with its instruction.
    pub fn runs(&self) -> impl Iterator<Item = (&'a RunAnalysis, &'a Instruction)> {
        let doc = &self.report.document;
        self.report
            .model
            .runs
            .iter()
            .map(move |r| (r, &doc.instructions[r.instruction]))
    }

    /// The stage instruction `index` belongs to, if any.
    pub fn stage_of(&self, index: usize) -> Option<&'a Stage> {
        self.report
            .model
            .stages
            .iter()
            .rev()
            .find(|s| s.instructions.first().is_some_and(|&first| first <= index))
    }

    /// The source text of a span.
    pub fn text(&self, span: Span) -> &'a str {
        self.report.document.text(span)
    }

    /// A finding of `rule` at `span`, at the rule's default severity.
    pub fn finding(
        &self,
        rule: &'static RuleMeta,
        span: Span,
        message: impl Into<String>,
    ) -> Finding {
        let doc = &self.report.document;
        let start = doc.position(span.start);
        let end = doc.position(span.end);
        Finding {
            rule: rule.id,
            aliases: rule.aliases,
            severity: rule.severity,
            message: message.into(),
            span,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            fix: None,
        }
    }
}
