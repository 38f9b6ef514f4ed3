//! `<binary> healthcheck`: probes the binary's own `/health` over loopback and exits 0 or 1.
//!
//! Distroless images have no curl or shell, so Docker's `HEALTHCHECK` and compose call the binary itself.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

/// GETs `http://<addr>/health` (an unspecified address such as 0.0.0.0 is probed on 127.0.0.1).
pub fn probe(mut addr: SocketAddr) -> ExitCode {
    if addr.ip().is_unspecified() {
        addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    match get_status(addr) {
        Ok(200) => ExitCode::SUCCESS,
        Ok(status) => {
            eprintln!("healthcheck: http://{addr}/health answered {status}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("healthcheck: http://{addr}/health unreachable: {e}");
            ExitCode::FAILURE
        }
    }
}

fn get_status(addr: SocketAddr) -> std::io::Result<u16> {
    let timeout = Duration::from_secs(3);
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    write!(stream, "GET /health HTTP/1.0\r\nHost: {addr}\r\nConnection: close\r\n\r\n")?;
    let mut head = [0u8; 32];
    let n = stream.read(&mut head)?;
    // "HTTP/1.1 200 OK"
    std::str::from_utf8(&head[..n])
        .ok()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, "not an HTTP response"))
}
