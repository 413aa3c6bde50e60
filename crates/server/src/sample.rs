//! The bundled sample, so a new library shows something real at once.

use crate::ingest::{ingest, Ingested};
use crate::state::App;
use juesuan_store::IngestError;

/// File name of the bundled sample.
pub const SAMPLE_NAME: &str = "jilin-hrss-2024-final-accounts.txt";

/// The bundled sample: 吉林省人力资源和社会保障厅 2024 年度部门决算.
pub const SAMPLE_TEXT: &str =
    include_str!("../../../tests/data/jilin-hrss-2024-final-accounts.txt");

/// Imports the bundled sample unless the library already holds it.
pub fn ensure_sample(app: &App) -> Result<Ingested, IngestError> {
    ingest(app, SAMPLE_NAME, SAMPLE_TEXT.as_bytes())
}
