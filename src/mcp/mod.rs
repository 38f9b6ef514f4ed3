//! The MCP side of the system. Only the token minting the web app needs lives here so far.

pub mod token;
