//! Bounds on what nocard reads from files that may come from strangers: operator files,
//! answers files and the case book. Each is refused, with the reason, before it is parsed if
//! it is larger or nests deeper than any real file would.

use std::io::{self, Read};

/// The largest file nocard reads: 1 MiB. The largest shipped operator file is about 30 KiB.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// How deep arrays, inline tables and dotted keys may nest. Real files nest four levels deep;
/// a limit keeps a hostile file from exhausting the stack of anything that walks the tree.
pub const MAX_NESTING: usize = 64;

/// Why nocard refuses to read a file, carried inside the `io::Error` the readers return, so
/// that whoever shows the error can say it in the user's language (see `Unreadable::of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    /// Larger than [`MAX_FILE_BYTES`]: its size, where it is known before reading.
    #[error("it is {0} bytes; nocard reads files of at most 1 MiB ({MAX_FILE_BYTES} bytes)")]
    TooLarge(u64),
    /// More than [`MAX_FILE_BYTES`] came from something whose size is not known first.
    #[error("it is over 1 MiB; nocard reads files of at most 1 MiB ({MAX_FILE_BYTES} bytes)")]
    OverLimit,
    /// Not UTF-8: the first line that holds a byte that is not.
    #[error("it is not UTF-8 text (line {line} holds a byte that is not)")]
    NotUtf8 { line: usize },
}

impl Unreadable {
    /// The refusal `err` carries, if it is one of these.
    #[must_use]
    pub fn of(err: &io::Error) -> Option<Unreadable> {
        err.get_ref()?.downcast_ref::<Unreadable>().copied()
    }

    /// A file of `bytes` bytes, or of a size not known, is over the limit.
    #[must_use]
    pub fn too_large(bytes: Option<u64>) -> Self {
        bytes.map_or(Unreadable::OverLimit, Unreadable::TooLarge)
    }

    /// The refusal as the `io::Error` the readers return.
    #[must_use]
    pub fn into_io(self) -> io::Error {
        let kind = match self {
            Unreadable::TooLarge(_) | Unreadable::OverLimit => io::ErrorKind::FileTooLarge,
            Unreadable::NotUtf8 { .. } => io::ErrorKind::InvalidData,
        };
        io::Error::new(kind, self)
    }
}

/// Reads `reader` to the end as UTF-8 text of at most [`MAX_FILE_BYTES`], without reading
/// more than one byte past the limit (a named pipe or `/dev/zero` cannot make it read on).
/// The errors say why, for "could not read PATH: why", and carry an [`Unreadable`].
pub fn read_text(reader: impl Read) -> io::Result<String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Unreadable::OverLimit.into_io());
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = std::str::from_utf8(valid).map_or(0, |text| text.matches('\n').count()) + 1;
        Unreadable::NotUtf8 { line }.into_io()
    })
}

/// Reads an open file as [`read_text`] does, refusing one that says it is too large before
/// reading any of it.
pub fn read_file(file: std::fs::File) -> io::Result<String> {
    let length = file.metadata()?.len();
    if usize::try_from(length).map_or(true, |length| length > MAX_FILE_BYTES) {
        return Err(Unreadable::TooLarge(length).into_io());
    }
    read_text(file)
}

/// The byte offset at which `text` nests deeper than [`MAX_NESTING`], counting each array,
/// inline table and part of a dotted key, or `None` if it does not. A cheap scan that skips
/// strings and comments; it runs before the TOML parser, so that no deep structure is ever
/// built. (The parser has limits of its own on each kind of nesting, but not on their product:
/// `a = {b.c.d… = {b.c.d… = …}}` would still build a tree thousands of levels deep.)
#[must_use]
pub fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // What each open bracket added to the depth: itself, and the parts of the key before it.
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    // Dots since the last `=`, `,`, bracket or line end: the key being read.
    let mut dots = 0usize;
    // The parts of the key just closed by `=`, which the value's first bracket nests under.
    let mut key = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'#' => {
                at = find_from(bytes, at, b'\n');
                continue;
            }
            b'"' | b'\'' => {
                at = skip_string(bytes, at);
                continue;
            }
            b'[' | b'{' => {
                let added = 1 + key;
                open.push(added);
                depth += added;
                key = 0;
                dots = 0;
                if depth > MAX_NESTING {
                    return Some(at);
                }
            }
            b']' | b'}' => {
                depth -= open.pop().unwrap_or(0);
                key = 0;
                dots = 0;
            }
            b'.' => {
                dots += 1;
                if depth + dots + 1 > MAX_NESTING {
                    return Some(at);
                }
            }
            b'=' => {
                key = dots + 1;
                dots = 0;
            }
            b'\n' | b',' => {
                key = 0;
                dots = 0;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The index of the first `byte` at or after `from`, or the end.
fn find_from(bytes: &[u8], from: usize, byte: u8) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == byte)
        .map_or(bytes.len(), |offset| from + offset)
}

/// The index just after the string that starts at `start` (a `"` or `'`), following TOML's
/// rules: basic strings have backslash escapes, literal strings none, and the tripled forms
/// may span lines. An unterminated string ends at the line end (or at the end of the text),
/// which the parser then reports.
fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let basic = quote == b'"';
    let triple = bytes[start..].starts_with(&[quote; 3]);
    let mut at = start + if triple { 3 } else { 1 };
    while at < bytes.len() {
        match bytes[at] {
            b'\\' if basic => at += 2,
            b'\n' if !triple => return at,
            b if b == quote => {
                if !triple {
                    return at + 1;
                }
                if bytes[at..].starts_with(&[quote; 3]) {
                    // `""""` and `"""""` end a string with one or two quotes in it.
                    let mut end = at + 3;
                    while end < bytes.len() && end < at + 5 && bytes[end] == quote {
                        end += 1;
                    }
                    return end;
                }
                at += 1;
            }
            _ => at += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, levels: usize) -> String {
        format!("a = {}1{}\n", open.repeat(levels), close.repeat(levels))
    }

    #[test]
    fn real_files_are_shallow() {
        for text in [
            "a = 1\n",
            "when = { intent = [\"cancel\"], plan = [\"prepaid\"] }\n",
            "title.en = \"x\"\n[[steps]]\nid = \"a\"\n",
            "x = 1.5\ny = 2026-11-25T10:00:00.5\nz = [1.5, 2.5, 3.5]\n",
            &nested("[", "]", 60),
        ] {
            assert_eq!(too_deep(text), None, "{text}");
        }
    }

    #[test]
    fn deep_arrays_tables_and_keys_are_caught_where_they_get_too_deep() {
        let deep = nested("[", "]", 100_000);
        // `a` is one level, and each `[` one more: the 64th bracket is the 65th level.
        assert_eq!(too_deep(&deep), Some(4 + 63));
        assert!(too_deep(&nested("{b = ", "}", 100_000)).is_some());
        let dotted = format!("{} = 1\n", vec!["a"; 100].join("."));
        assert_eq!(too_deep(&dotted), Some(2 * 64 - 1));
        // Each kind within the parser's own limits, but multiplied.
        let key = vec!["k"; 40].join(".");
        let product = format!(
            "a = {}1{}\n",
            format!("{{{key} = ").repeat(40),
            "}".repeat(40)
        );
        assert!(too_deep(&product).is_some());
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let brackets = "[".repeat(1000);
        for text in [
            format!("a = \"{brackets}\"\n"),
            format!("a = '{brackets}'\n"),
            format!("a = \"\"\"\n{brackets}\n\"\"\"\n"),
            format!("a = '''\n{brackets}\n'''\n"),
            format!("a = \"\\\"{brackets}\"\n"),
            format!("# {brackets}\na = 1\n"),
            format!("a = \"\"\"x\"\"\"\"\nb = \"{brackets}\"\n"),
            format!("\"{}\" = 1\n", ".".repeat(1000)),
        ] {
            assert_eq!(too_deep(&text), None, "{text}");
        }
    }

    #[test]
    fn reading_stops_past_the_limit() {
        let big = std::io::repeat(b'a');
        let err = read_text(big).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        assert!(err.to_string().contains("1 MiB"), "{err}");
        let exact = vec![b'a'; MAX_FILE_BYTES];
        assert_eq!(read_text(&exact[..]).unwrap().len(), MAX_FILE_BYTES);
    }

    #[test]
    fn text_that_is_not_utf8_names_the_line() {
        let err = read_text(&b"a = 1\nb = \"\xff\"\n"[..]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            err.to_string(),
            "it is not UTF-8 text (line 2 holds a byte that is not)"
        );
        assert_eq!(Unreadable::of(&err), Some(Unreadable::NotUtf8 { line: 2 }));
    }
}
