//! Splitting a CSV file into records, one at a time, knowing on which physical lines of the
//! file each record lies.
//!
//! The `csv` crate counts a CRLF file's lines one short and, at the end of the file, silently
//! closes a quote left open, so that every row after a stray `"` vanished into one cell
//! (issue 14, items 3 and 4). This scanner reads the same RFC 4180 dialect (a field that
//! starts with `"` is quoted, `""` inside it is a quote) with `\n`, `\r\n` or a lone `\r` as
//! line ends, counts lines the way an editor shows them, and reports a quote still open at
//! the end of the file with the line where it opened. Fields stay bytes: the encoding is
//! decided for the whole file by the caller.

use std::io::{self, BufRead};

/// One record: its fields, and the lines of the file it spans.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// Physical line (1-based) where the record starts.
    pub first_line: u64,
    /// Physical line where it ends (greater than `first_line` when a quoted cell holds a
    /// line break).
    pub last_line: u64,
    /// The cells, raw bytes; empty when the record is over `max_bytes`.
    pub fields: Vec<Vec<u8>>,
    /// The record was longer than the limit; its cells were not kept.
    pub too_long: bool,
}

/// Why the scan stopped.
#[derive(Debug)]
pub enum ScanError {
    /// Reading the file failed.
    Io(io::Error),
    /// A quote opened at this line is never closed.
    UnclosedQuote {
        /// Where the quote opens.
        line: u64,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// Just after a `"` inside a quoted field: a second `"` is a quote, anything else ends
    /// the quoted part.
    QuoteInQuoted,
}

/// Reads records from a buffered reader.
#[derive(Debug)]
pub struct Scanner<R> {
    reader: R,
    delimiter: u8,
    max_bytes: usize,
    /// The line the next byte is on.
    line: u64,
    /// The last byte was a `\r` ending a line: a `\n` right after belongs to it.
    after_cr: bool,
    at_start: bool,
}

impl<R: BufRead> Scanner<R> {
    /// A scanner over `reader`; records longer than `max_bytes` are flagged, not kept.
    pub fn new(reader: R, delimiter: u8, max_bytes: usize) -> Scanner<R> {
        Scanner {
            reader,
            delimiter,
            max_bytes,
            line: 1,
            after_cr: false,
            at_start: true,
        }
    }

    /// The next record, `None` at the end of the file. Blank lines are records with one
    /// empty field, left to the caller to skip.
    pub fn next_record(&mut self) -> Result<Option<Record>, ScanError> {
        if self.at_start {
            self.at_start = false;
            self.skip_bom().map_err(ScanError::Io)?;
        }
        let mut record = Record {
            first_line: self.line,
            last_line: self.line,
            ..Default::default()
        };
        let mut field: Vec<u8> = Vec::new();
        let mut state = State::FieldStart;
        let mut size = 0usize;
        let mut quote_line = self.line;
        let mut any = false;
        loop {
            let buf = match self.reader.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(ScanError::Io(e)),
            };
            if buf.is_empty() {
                // End of the file.
                if state == State::Quoted {
                    return Err(ScanError::UnclosedQuote { line: quote_line });
                }
                if !any {
                    return Ok(None);
                }
                push_field(&mut record, &mut field, size, self.max_bytes);
                record.last_line = self.line;
                return Ok(Some(record));
            }
            let mut used = 0;
            let mut done = false;
            for &b in buf {
                used += 1;
                if self.after_cr {
                    self.after_cr = false;
                    if b == b'\n' {
                        continue;
                    }
                }
                any = true;
                let newline = b == b'\n' || b == b'\r';
                if newline {
                    self.after_cr = b == b'\r';
                }
                match state {
                    State::Quoted => {
                        if b == b'"' {
                            state = State::QuoteInQuoted;
                        } else if newline {
                            self.line += 1;
                            Self::keep(&mut field, &mut size, b'\n', self.max_bytes);
                        } else {
                            Self::keep(&mut field, &mut size, b, self.max_bytes);
                        }
                        continue;
                    }
                    State::QuoteInQuoted if b == b'"' => {
                        Self::keep(&mut field, &mut size, b'"', self.max_bytes);
                        state = State::Quoted;
                        continue;
                    }
                    _ => {}
                }
                if newline {
                    record.last_line = self.line;
                    self.line += 1;
                    push_field(&mut record, &mut field, size, self.max_bytes);
                    done = true;
                    break;
                }
                if b == self.delimiter {
                    push_field(&mut record, &mut field, size, self.max_bytes);
                    size += 1;
                    state = State::FieldStart;
                    continue;
                }
                match state {
                    State::FieldStart if b == b'"' => {
                        state = State::Quoted;
                        quote_line = self.line;
                    }
                    _ => {
                        Self::keep(&mut field, &mut size, b, self.max_bytes);
                        state = State::Unquoted;
                    }
                }
            }
            self.reader.consume(used);
            if done {
                if size > self.max_bytes {
                    record.too_long = true;
                    record.fields.clear();
                }
                return Ok(Some(record));
            }
        }
    }

    fn keep(field: &mut Vec<u8>, size: &mut usize, b: u8, max: usize) {
        *size += 1;
        if *size <= max {
            field.push(b);
        }
    }

    fn skip_bom(&mut self) -> io::Result<()> {
        let buf = self.reader.fill_buf()?;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            self.reader.consume(3);
        }
        Ok(())
    }
}

fn push_field(record: &mut Record, field: &mut Vec<u8>, size: usize, max_bytes: usize) {
    if size > max_bytes {
        record.too_long = true;
        field.clear();
        return;
    }
    record.fields.push(std::mem::take(field));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Result<Vec<(u64, u64, Vec<String>)>, u64> {
        let mut s = Scanner::new(text.as_bytes(), b',', 1000);
        let mut out = Vec::new();
        loop {
            match s.next_record() {
                Ok(Some(r)) => out.push((
                    r.first_line,
                    r.last_line,
                    r.fields
                        .iter()
                        .map(|f| String::from_utf8(f.clone()).unwrap())
                        .collect(),
                )),
                Ok(None) => return Ok(out),
                Err(ScanError::UnclosedQuote { line }) => return Err(line),
                Err(e) => panic!("{e:?}"),
            }
        }
    }

    fn lines(text: &str) -> Vec<u64> {
        scan(text).unwrap().iter().map(|r| r.0).collect()
    }

    /// Issue 14, item 4: Excel's CRLF export was numbered one line short.
    #[test]
    fn crlf_cr_and_lf_files_give_the_same_line_numbers() {
        assert_eq!(lines("h\na\nb\nc\n"), [1, 2, 3, 4]);
        assert_eq!(lines("h\r\na\r\nb\r\nc\r\n"), [1, 2, 3, 4]);
        assert_eq!(lines("h\ra\rb\rc"), [1, 2, 3, 4]);
        assert_eq!(lines("h\r\n\r\nb\r\n"), [1, 2, 3]);
    }

    /// Issue 14, item 3: a stray quote swallowed every row after it.
    #[test]
    fn a_quote_left_open_is_an_error_naming_its_line() {
        assert_eq!(scan("h,x\na,b\nc,\"d\ne,f\ng,h\n"), Err(3));
    }

    #[test]
    fn quoted_cells_keep_delimiters_quotes_and_line_breaks() {
        let r = scan("a,\"b,\"\"c\"\"\",d\r\n\"x\r\ny\",z\nlast").unwrap();
        assert_eq!(r[0], (1, 1, vec!["a".into(), "b,\"c\"".into(), "d".into()]));
        assert_eq!(r[1], (2, 3, vec!["x\ny".into(), "z".into()]));
        assert_eq!(r[2], (4, 4, vec!["last".into()]));
    }

    #[test]
    fn a_record_over_the_limit_is_flagged_and_not_kept() {
        let long = format!("a,{}\nb,c\n", "x".repeat(2000));
        let mut s = Scanner::new(long.as_bytes(), b',', 1000);
        let r = s.next_record().unwrap().unwrap();
        assert!(r.too_long && r.fields.is_empty());
        let r = s.next_record().unwrap().unwrap();
        assert_eq!((r.first_line, r.fields.len()), (2, 2));
    }
}
