//! The work-model spectrum (orchestra-vs-factory lens): both score sets,
//! gaps, the participants' scores and spread, and each lens's verdict.

use super::{cell, count, mean, score};
use crate::format::{NONE, num};
use crate::model::{
    Lens, OUTLIER_DISTANCE, Question, ScoreSet, ScoreSource, Session, Stats, WorkModelSummary,
};

pub(super) fn work_model_section(out: &mut Vec<String>, session: &Session, stats: &Stats) {
    let summary = &stats.work_model;
    let (as_is, as_run) = (ScoreSet::AsItIs, ScoreSet::AsRun);
    out.push(String::new());
    out.push("## Work model (orchestra-vs-factory)".to_owned());
    out.push(String::new());
    out.push(
        "Each question scored 1 (pure Factory) to 10 (pure Orchestra). \
         Gap = as it is − as we run it; ⚠ marks a misalignment."
            .to_owned(),
    );
    out.push(String::new());
    out.push(match summary.source {
        ScoreSource::Participants => {
            let scored = session.participants_scored();
            format!(
                "_Scores: the mean of the participants' own scores ({} scored)._",
                count(scored, "participant")
            )
        }
        ScoreSource::Consensus => {
            "_Scores: the team consensus (no participant has scored)._".to_owned()
        }
    });
    out.push(String::new());
    out.push(format!(
        "| Question | {} | {} | Gap |",
        as_is.title(),
        as_run.title()
    ));
    out.push("|---|---:|---:|---:|".to_owned());
    for (question, gap) in Question::ALL.into_iter().zip(summary.gaps) {
        let gap = match gap {
            Some(g) if WorkModelSummary::is_misaligned(g) => format!("**{}** ⚠", num(g)),
            Some(g) => num(g),
            None => NONE.to_owned(),
        };
        out.push(format!(
            "| {} | {} | {} | {gap} |",
            question.title(),
            mean(summary.value(as_is, question)),
            mean(summary.value(as_run, question)),
        ));
    }
    out.push(format!(
        "| **Mean** | **{}** | **{}** | |",
        mean(summary.mean(as_is)),
        mean(summary.mean(as_run))
    ));

    if summary.source == ScoreSource::Participants {
        participant_scores(out, session);
        spread_table(out, session, summary);
    }

    out.push(String::new());
    out.push("Verdict of each set, in each lens's own words:".to_owned());
    out.push(String::new());
    out.push(format!(
        "| Lens (structured ↔ adaptive) | {} | {} |",
        as_is.title(),
        as_run.title()
    ));
    out.push("|---|---|---|".to_owned());
    for lens in Lens::ALL {
        let (structured, adaptive) = lens.poles();
        let verdict = |set| {
            summary
                .verdict(set)
                .map_or_else(|| NONE.to_owned(), |v| v.label(lens))
        };
        out.push(format!(
            "| {} ({structured} ↔ {adaptive}) | {} | {} |",
            lens.title(),
            verdict(as_is),
            verdict(as_run)
        ));
    }
}

/// Each participant's scores, "as it is / as we run it" per question.
fn participant_scores(out: &mut Vec<String>, session: &Session) {
    out.push(String::new());
    out.push(format!(
        "### Participants' scores ({} / {})",
        ScoreSet::AsItIs.title().to_lowercase(),
        ScoreSet::AsRun.title().to_lowercase()
    ));
    out.push(String::new());
    let titles: Vec<&str> = Question::ALL.iter().map(|q| q.title()).collect();
    out.push(format!("| Participant | {} |", titles.join(" | ")));
    out.push(format!("|---|{}", "---:|".repeat(Question::ALL.len())));
    for person in &session.participants {
        let cells: Vec<String> = Question::ALL
            .iter()
            .map(|&q| {
                format!(
                    "{} / {}",
                    score(person.scores.as_is.get(q)),
                    score(person.scores.as_run.get(q))
                )
            })
            .collect();
        out.push(format!(
            "| {} | {} |",
            cell(&person.display_name()),
            cells.join(" | ")
        ));
    }
}

/// Per set and question: mean, min–max, standard deviation and who is far
/// from the mean (a discussion prompt).
fn spread_table(out: &mut Vec<String>, session: &Session, summary: &WorkModelSummary) {
    out.push(String::new());
    out.push("### Spread per question".to_owned());
    out.push(String::new());
    out.push(format!(
        "_Participants {} or more points from the mean are named: ask them why._",
        num(OUTLIER_DISTANCE)
    ));
    out.push(String::new());
    out.push("| Set | Question | Scored by | Mean | Min–max | SD | Far from the mean |".to_owned());
    out.push("|---|---|---:|---:|---|---:|---|".to_owned());
    for set in ScoreSet::ALL {
        for q in Question::ALL {
            let Some(spread) = summary.spread(set, q) else {
                out.push(format!(
                    "| {} | {} | 0 | {NONE} | {NONE} | {NONE} | {NONE} |",
                    set.title(),
                    q.title()
                ));
                continue;
            };
            let far: Vec<String> = spread
                .far
                .iter()
                .map(|(id, score)| {
                    format!("**{}** ({score})", cell(&session.author_name(Some(*id))))
                })
                .collect();
            out.push(format!(
                "| {} | {} | {} | {} | {}–{} | {} | {} |",
                set.title(),
                q.title(),
                spread.n,
                num(spread.mean),
                spread.min,
                spread.max,
                num(spread.std_dev),
                if far.is_empty() {
                    NONE.to_owned()
                } else {
                    far.join(", ")
                }
            ));
        }
    }
}
