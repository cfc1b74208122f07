//! Taking the room's connections without letting one laptop on the Wi-Fi
//! stop the room (issue 17): hyper's HTTP/1 server with its header-read
//! timeout on (a connection that sends half a request header, or stays
//! silent between requests, is closed after [`HEADER_READ_TIMEOUT`]), caps
//! on open connections in all and per client address sized from the
//! process's file-descriptor limit ([`Limits::from_fd_limit`], after the
//! soft limit is raised to the hard one), and a graceful shutdown of the
//! requests in flight. A connection refused by a cap is closed at once, before any
//! byte is read, so it costs no more than the moment it takes.
//!
//! A connection counts against its caps until its socket closes, also
//! after it became a phone's WebSocket: the pass rides inside the socket
//! ([`Counted`]), which the WebSocket takes over.

use std::collections::HashMap;
use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt as _;

/// A connection must send a whole request header within this time, also
/// while it idles between two requests; else it is closed.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);
/// File descriptors kept for the app itself (the session file, the
/// window, the GPU driver, threads) when sizing the caps.
pub const RESERVED_FDS: u64 = 128;
/// Open connections at most, whatever the descriptor limit allows.
pub const MAX_TOTAL: usize = 4_096;
/// How long an accept error (out of descriptors) pauses the accept loop.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);
/// How long closing waits for plain HTTP requests in flight.
const HTTP_GRACE: Duration = Duration::from_secs(2);

/// How many connections the room keeps open at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// In all (≥ 1).
    pub total: usize,
    /// From one client address (≥ 1): a phone needs a few (the page, its
    /// style and script, its WebSocket; a reload).
    pub per_address: usize,
}

impl Limits {
    /// Caps for a process that may hold `fds` file descriptors: three
    /// quarters of what is left after [`RESERVED_FDS`] (at least 16, at
    /// most [`MAX_TOTAL`]) in all, and an eighth of that (8–64) per
    /// address. E.g. 1,024 descriptors: 672 in all, 64 per address; 256
    /// (macOS's default): 96 and 12.
    pub fn for_fds(fds: u64) -> Self {
        let spare = fds.saturating_sub(RESERVED_FDS);
        let total = usize::try_from(spare.saturating_mul(3) / 4)
            .unwrap_or(MAX_TOTAL)
            .clamp(16, MAX_TOTAL);
        Self {
            total,
            per_address: (total / 8).clamp(8, 64),
        }
    }

    /// Raise this process's soft descriptor limit to its hard limit (where
    /// the system has one) and size the caps from the result.
    pub fn from_fd_limit() -> Self {
        Self::for_fds(raise_fd_limit())
    }
}

/// Raise the soft limit on open files to the hard limit; the limit now in
/// force (1,024 where it cannot be read).
pub fn raise_fd_limit() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(err) => {
            tracing::warn!("cannot read or raise the open-files limit: {err}");
            1_024
        }
    }
}

/// The caps, shared by the accept loop and every connection's pass.
#[derive(Debug)]
struct Gate {
    limits: Limits,
    total: Arc<Semaphore>,
    per_address: Mutex<HashMap<IpAddr, usize>>,
}

/// One connection's place under the caps; given back when dropped.
#[derive(Debug)]
pub struct Pass {
    gate: Arc<Gate>,
    ip: IpAddr,
    _total: OwnedSemaphorePermit,
}

impl Gate {
    fn new(limits: Limits) -> Arc<Self> {
        Arc::new(Self {
            limits,
            total: Arc::new(Semaphore::new(limits.total)),
            per_address: Mutex::new(HashMap::new()),
        })
    }

    /// A pass for a connection from `ip`, or `None` when a cap is reached.
    fn admit(self: &Arc<Self>, ip: IpAddr) -> Option<Pass> {
        let total = Arc::clone(&self.total).try_acquire_owned().ok()?;
        let mut per = self
            .per_address
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let open = per.entry(ip).or_insert(0);
        if *open >= self.limits.per_address {
            return None;
        }
        *open += 1;
        Some(Pass {
            gate: Arc::clone(self),
            ip,
            _total: total,
        })
    }
}

impl Drop for Pass {
    fn drop(&mut self) {
        let mut per = self
            .gate
            .per_address
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(open) = per.get_mut(&self.ip) {
            *open = open.saturating_sub(1);
            if *open == 0 {
                per.remove(&self.ip);
            }
        }
    }
}

/// A socket that holds its connection's [`Pass`] until it is dropped.
#[derive(Debug)]
pub struct Counted {
    stream: TcpStream,
    _pass: Pass,
}

impl AsyncRead for Counted {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

/// Serve `router` on `listener` under `limits` until `stop` resolves;
/// then stop accepting, tell plain HTTP requests in flight to finish (each
/// gets at most two seconds) and return. Phones' WebSockets live on in their own
/// tasks: the room closes them itself.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    stop: impl Future<Output = ()>,
) {
    let gate = Gate::new(limits);
    // Tells the connections in flight to finish their request and close.
    let (closing, _) = tokio::sync::watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of descriptors, most likely: wait for some to close.
                    tracing::debug!("room: accept failed: {err}");
                    tokio::time::sleep(ACCEPT_BACKOFF).await;
                    continue;
                }
            },
        };
        let Some(pass) = gate.admit(peer.ip()) else {
            tracing::debug!("room: too many connections, refused one from {peer}");
            drop(stream);
            continue;
        };
        // Small messages both ways: without TCP_NODELAY, Nagle's algorithm
        // and delayed ACKs hold each reply back ~40 ms.
        if let Err(err) = stream.set_nodelay(true) {
            tracing::debug!("TCP_NODELAY not set: {err}");
        }
        let io = TokioIo::new(Counted {
            stream,
            _pass: pass,
        });
        let router = router.clone();
        let service = hyper::service::service_fn(move |request: hyper::Request<Incoming>| {
            let mut request = request.map(axum::body::Body::new);
            request
                .extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(peer));
            router.clone().oneshot(request)
        });
        let mut closing = closing.subscribe();
        let connection = http.serve_connection(io, service).with_upgrades();
        tokio::spawn(async move {
            tokio::pin!(connection);
            let ended = tokio::select! {
                ended = connection.as_mut() => ended,
                _ = closing.changed() => {
                    connection.as_mut().graceful_shutdown();
                    tokio::time::timeout(HTTP_GRACE, connection)
                        .await
                        .unwrap_or(Ok(()))
                }
            };
            if let Err(err) = ended {
                tracing::debug!("room: connection from {peer} ended: {err}");
            }
        });
    }
    // Requests in flight finish (at most HTTP_GRACE); a phone's WebSocket
    // is the room's to close.
    closing.send_replace(true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caps_leave_descriptors_for_the_app_and_for_other_phones() {
        assert_eq!(
            Limits::for_fds(1_024),
            Limits {
                total: 672,
                per_address: 64
            }
        );
        assert_eq!(
            Limits::for_fds(256),
            Limits {
                total: 96,
                per_address: 12
            }
        );
        assert_eq!(Limits::for_fds(10).total, 16);
        assert_eq!(Limits::for_fds(u64::MAX).total, MAX_TOTAL);
    }

    #[test]
    fn a_pass_is_given_back_when_its_connection_closes() {
        let gate = Gate::new(Limits {
            total: 3,
            per_address: 2,
        });
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let first = gate.admit(a).unwrap();
        let _second = gate.admit(a).unwrap();
        assert!(gate.admit(a).is_none(), "two per address");
        let _third = gate.admit(b).unwrap();
        assert!(gate.admit(b).is_none(), "three in all");
        drop(first);
        assert!(gate.admit(a).is_some(), "given back");
    }
}
