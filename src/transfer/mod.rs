//! Your data in and out, from Settings: export downloads (JSON, CSV, iCalendar), and imports that are uploaded,
//! previewed, then applied in one transaction. The file formats are todo-transfer's; the REST API's export and
//! import (src/rest/transfer.rs) use the same functions.

pub mod api;
pub mod page;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod upload;
