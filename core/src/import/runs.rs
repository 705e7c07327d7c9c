//! Imports being committed, by the run id the caller chose: their progress, read by a
//! second call while the commit runs, and the cancel flag the commit checks between batches.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Default)]
pub struct Run {
    pub staff_id: i32,
    pub done: AtomicU32,
    pub total: AtomicU32,
    pub finished: AtomicBool,
    pub cancel: AtomicBool,
}

impl Run {
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub fn advance(&self, n: usize) {
        self.done.fetch_add(n as u32, Ordering::Relaxed);
    }
}

/// At most this many finished runs are remembered (their last progress stays readable).
const KEEP_FINISHED: usize = 20;

#[derive(Default)]
pub struct ImportRuns {
    runs: Mutex<HashMap<String, Arc<Run>>>,
}

impl ImportRuns {
    /// Starts tracking `id` for `staff_id`; a run id already in use is replaced.
    pub fn start(&self, id: &str, staff_id: i32) -> Arc<Run> {
        let run = Arc::new(Run { staff_id, ..Default::default() });
        let mut runs = self.runs.lock().unwrap_or_else(|e| e.into_inner());
        if runs.len() > KEEP_FINISHED {
            runs.retain(|_, r| !r.finished.load(Ordering::Relaxed));
        }
        runs.insert(id.to_owned(), run.clone());
        run
    }

    /// The run `id` if `staff_id` started it.
    pub fn get(&self, id: &str, staff_id: i32) -> Option<Arc<Run>> {
        let runs = self.runs.lock().unwrap_or_else(|e| e.into_inner());
        runs.get(id).filter(|r| r.staff_id == staff_id).cloned()
    }
}
