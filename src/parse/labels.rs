//! Row-label normalisation and matching (stub: being written).
