//! Email delivery through a real SMTP server: aiosmtpd (from PyPI, installed by
//! `scripts/setup-test.sh`) listening on loopback, writing what it receives to a maildir.

use crate::helpers::{TestApp, code_in};
use base64::Engine;
use server::config::{SmtpConfig, SmtpTls};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

struct SmtpServer {
    child: Child,
    port: u16,
    maildir: PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start_smtp() -> SmtpServer {
    let port = free_port();
    let maildir = std::env::temp_dir().join(format!("rynok-mail-{}-{port}", std::process::id()));
    let child = Command::new("python3")
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
        .args(["-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    let mut server = SmtpServer {
        child,
        port,
        maildir,
    };
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return server;
        }
        if let Ok(Some(status)) = server.child.try_wait() {
            panic!(
                "aiosmtpd exited ({status}); install it with scripts/setup-test.sh (pip install aiosmtpd)"
            );
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("aiosmtpd did not start listening on {port}");
}

/// The messages the server has received so far (raw RFC 5322 text).
fn received(maildir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(maildir.join("new")) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect()
}

/// The body of a single-part message sent base64-encoded.
fn body_of(raw: &str) -> String {
    let (_, body) = raw
        .split_once("\n\n")
        .or_else(|| raw.split_once("\r\n\r\n"))
        .expect("headers and body");
    let joined: String = body.split_whitespace().collect();
    String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(joined)
            .expect("base64"),
    )
    .expect("utf-8")
}

#[tokio::test]
async fn the_email_code_really_arrives_over_smtp() {
    let smtp = start_smtp().await;
    let app = TestApp::spawn_configured(300, |c| {
        c.smtp = Some(SmtpConfig {
            host: "127.0.0.1".into(),
            port: smtp.port,
            tls: SmtpTls::None,
            credentials: None,
            from: "Rynok <no-reply@rynok.test>".into(),
        });
    })
    .await;
    app.with_verified_email("+79123456789", "ivan@example.ru")
        .await;
    let r = app
        .post_form("account/signin/email", &[("email", "ivan@example.ru")])
        .await;
    assert_eq!(r.status(), 200);

    let mut mail = Vec::new();
    for _ in 0..200 {
        mail = received(&smtp.maildir);
        if !mail.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(mail.len(), 1, "one email received");
    let raw = &mail[0];
    assert!(raw.contains("To: ivan@example.ru"), "{raw}");
    assert!(raw.contains("From: Rynok <no-reply@rynok.test>"), "{raw}");
    let body = body_of(raw);
    assert!(body.contains("Rynok"), "{body}");
    let code = code_in(&body);
    assert_eq!(
        code,
        app.last_code("ivan@example.ru").await,
        "the outbox copy matches"
    );
    assert_eq!(
        app.send_code(&code)
            .await
            .json::<serde_json::Value>()
            .await
            .unwrap(),
        serde_json::json!("Done")
    );
}
