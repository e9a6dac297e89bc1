//! A loopback HTTP proxy in front of a real server, to inject faults: it forwards each request and
//! relays the answer, except where a rule says to answer in the server's place (a 503, say) or
//! to change the answer's body. It speaks just enough HTTP/1.1 for these tests:
//! one request per connection (it answers `Connection: close`), bodies with `Content-Length` or
//! chunked. It keeps the method and target of every request it saw.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// What the proxy does to a matching request.
pub enum Fault {
    /// Answer with this status, headers and body; the server never sees the request.
    Answer {
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
    },
    /// Forward, and change the answer's body.
    Rewrite(Box<dyn Fn(&str) -> String + Send>),
    /// Forward, then answer with this status instead of the server's answer (an answer lost on
    /// the way back).
    LoseAnswer(u16),
}

impl Fault {
    /// An answer with a JSON body.
    pub fn answer(status: u16, body: &str) -> Fault {
        Fault::Answer {
            status,
            headers: vec![("Content-Type".into(), "application/fhir+json".into())],
            body: body.to_owned(),
        }
    }
}

struct Rule {
    method: String,
    path: String,
    /// Which matching requests it applies to: the `from`-th (1 = the first) and each after it
    /// while `times` lasts.
    from: usize,
    times: usize,
    seen: usize,
    fault: Fault,
}

type Rules = Arc<Mutex<Vec<Rule>>>;
type Log = Arc<Mutex<Vec<(String, String)>>>;

pub struct Proxy {
    port: u16,
    rules: Rules,
    log: Log,
}

impl Proxy {
    /// A proxy on a free loopback port, forwarding to `upstream` (`host:port`).
    pub fn start(upstream: &str) -> Proxy {
        let upstream = upstream
            .trim_start_matches("http://")
            .split('/')
            .next()
            .expect("host:port")
            .to_owned();
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = listener.local_addr().expect("an address").port();
        let rules: Rules = Arc::default();
        let log: Log = Arc::default();
        let (r, l) = (rules.clone(), log.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (r, l, upstream) = (r.clone(), l.clone(), upstream.clone());
                std::thread::spawn(move || {
                    let _ = handle(client, &upstream, &r, &l);
                });
            }
        });
        Proxy { port, rules, log }
    }

    /// The proxy's address as a base URL: `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// `fault` for the `nth` request (1 = the first) whose method is `method` and whose target
    /// contains `path`.
    pub fn on(&self, method: &str, path: &str, nth: usize, fault: Fault) {
        self.on_each(method, path, nth, 1, fault);
    }

    /// `fault` for `times` matching requests from the `nth` on.
    pub fn on_each(&self, method: &str, path: &str, nth: usize, times: usize, fault: Fault) {
        self.rules.lock().expect("rules").push(Rule {
            method: method.to_owned(),
            path: path.to_owned(),
            from: nth,
            times,
            seen: 0,
            fault,
        });
    }

    /// Every request seen so far: its method and target.
    pub fn requests(&self) -> Vec<(String, String)> {
        self.log.lock().expect("log").clone()
    }

    /// How many requests had this method and a target containing `path`.
    pub fn count(&self, method: &str, path: &str) -> usize {
        self.requests()
            .iter()
            .filter(|(m, t)| m == method && t.contains(path))
            .count()
    }
}

/// A request or an answer: its first line, headers and whole body.
struct Message {
    start: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn read_message(reader: &mut impl BufRead, until_eof: bool) -> std::io::Result<Message> {
    let mut start = String::new();
    reader.read_line(&mut start)?;
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let mut body = Vec::new();
    if header("Transfer-Encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let size = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .unwrap_or(0);
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = header("Content-Length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(length, 0);
        reader.read_exact(&mut body)?;
    } else if until_eof {
        reader.read_to_end(&mut body)?;
    }
    Ok(Message {
        start: start.trim_end().to_owned(),
        headers,
        body,
    })
}

fn write_message(out: &mut impl Write, start: &str, message: &Message) -> std::io::Result<()> {
    let mut head = Vec::new();
    write!(head, "{start}\r\n")?;
    for (name, value) in &message.headers {
        let framing = ["content-length", "transfer-encoding", "connection"];
        if !framing.contains(&name.to_ascii_lowercase().as_str()) {
            write!(head, "{name}: {value}\r\n")?;
        }
    }
    write!(
        head,
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        message.body.len()
    )?;
    out.write_all(&head)?;
    out.write_all(&message.body)?;
    out.flush()
}

fn handle(client: TcpStream, upstream: &str, rules: &Rules, log: &Log) -> std::io::Result<()> {
    let mut reader = BufReader::new(client.try_clone()?);
    let mut client = client;
    let request = read_message(&mut reader, false)?;
    let mut parts = request.start.split(' ');
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("").to_owned();
    log.lock()
        .expect("log")
        .push((method.clone(), target.clone()));
    // The rule that applies, if any: taken out while it is used, put back after.
    let mut rule = {
        let mut rules = rules.lock().expect("rules");
        let mut found = None;
        for (i, rule) in rules.iter_mut().enumerate() {
            if rule.method == method && target.contains(&rule.path) {
                rule.seen += 1;
                if found.is_none() && rule.seen >= rule.from && rule.seen < rule.from + rule.times {
                    found = Some(i);
                }
            }
        }
        found.map(|i| rules.remove(i))
    };
    let outcome = serve(
        &mut client,
        upstream,
        &request,
        rule.as_ref().map(|r| &r.fault),
    );
    if let Some(rule) = rule.take() {
        rules.lock().expect("rules").push(rule);
    }
    outcome
}

fn serve(
    client: &mut TcpStream,
    upstream: &str,
    request: &Message,
    fault: Option<&Fault>,
) -> std::io::Result<()> {
    match fault {
        Some(Fault::Answer {
            status,
            headers,
            body,
        }) => {
            let answer = Message {
                start: String::new(),
                headers: headers.clone(),
                body: body.as_bytes().to_vec(),
            };
            return write_message(client, &format!("HTTP/1.1 {status} Injected"), &answer);
        }
        Some(Fault::Rewrite(_) | Fault::LoseAnswer(_)) | None => {}
    }
    let mut server = TcpStream::connect(upstream)?;
    let mut forwarded = Message {
        start: String::new(),
        headers: request
            .headers
            .iter()
            .filter(|(n, _)| !n.eq_ignore_ascii_case("host"))
            .cloned()
            .collect(),
        body: request.body.clone(),
    };
    forwarded.headers.push(("Host".into(), upstream.to_owned()));
    write_message(&mut server, &request.start, &forwarded)?;
    let mut answer = read_message(&mut BufReader::new(server), true)?;
    if let Some(Fault::Rewrite(rewrite)) = fault {
        answer.body = rewrite(&String::from_utf8_lossy(&answer.body)).into_bytes();
    }
    if let Some(Fault::LoseAnswer(status)) = fault {
        answer.start = format!("HTTP/1.1 {status} Injected");
        answer.headers.clear();
        answer.body.clear();
    }
    let start = answer.start.clone();
    write_message(client, &start, &answer)
}
