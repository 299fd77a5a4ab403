//! Files as nocard opens them: what it reads must be a regular file of bounded size, what it
//! locks or replaces is never reached through a link it did not expect, nothing but a regular
//! file is ever replaced, and a replaced file is on disk, with its folder, before nocard says
//! it is. Every reader and writer of nocard goes through here.

use std::fs::{self, File};
use std::io::{self, Write as _};
use std::path::Path;

use nocard_model::limits;

/// Whether a symbolic link at the path itself is followed. Links in the folders above it are
/// always followed: the user may keep their files anywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// A path the user named: a link there is theirs.
    Follow,
    /// A file nocard keeps for itself, where it never makes a link: one there was planted.
    Refuse,
}

/// The cause given for a symbolic link where nocard keeps a file of its own.
pub const A_LINK: &str = "it is a symbolic link; nocard does not follow it here";

/// The cause given for anything but a regular file: a named pipe (reading it would wait for
/// ever), a device (replacing it would destroy it), a folder.
pub const NOT_REGULAR: &str = "it is not a regular file (a named pipe, a device or a folder)";

/// What is at a path nocard is about to replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    Nothing,
    RegularFile,
    /// A symbolic link (even one to a regular file, or to nothing), a device, a named pipe,
    /// a socket or a folder: never replaced.
    Other,
}

/// What is at `path`, without following a link there.
pub fn existing(path: &Path) -> io::Result<Existing> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_file() => Ok(Existing::RegularFile),
        Ok(_) => Ok(Existing::Other),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Existing::Nothing),
        Err(err) => Err(err),
    }
}

/// Opens `path` for reading if it is a regular file. The open itself cannot block on a named
/// pipe (it is opened non-blocking, then looked at), so there is no moment between a check
/// and the open for another file to be put in its place.
pub fn open_regular(path: &Path, links: Links) -> io::Result<File> {
    #[cfg(unix)]
    let file = {
        use rustix::fs::{Mode, OFlags};
        let mut flags = OFlags::RDONLY | OFlags::CLOEXEC | OFlags::NONBLOCK | OFlags::NOCTTY;
        if links == Links::Refuse {
            flags |= OFlags::NOFOLLOW;
        }
        match rustix::fs::open(path, flags, Mode::empty()) {
            Ok(fd) => File::from(fd),
            Err(rustix::io::Errno::LOOP) if links == Links::Refuse => {
                return Err(io::Error::new(io::ErrorKind::InvalidInput, A_LINK));
            }
            Err(err) => return Err(err.into()),
        }
    };
    #[cfg(not(unix))]
    let file = {
        if links == Links::Refuse && fs::symlink_metadata(path)?.file_type().is_symlink() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, A_LINK));
        }
        if !fs::metadata(path)?.is_file() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR));
        }
        File::open(path)?
    };
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR));
    }
    Ok(file)
}

/// Reads the regular file at `path` as UTF-8 text of at most [`limits::MAX_FILE_BYTES`],
/// refusing a larger one before reading any of it.
pub fn read_text(path: &Path, links: Links) -> io::Result<String> {
    limits::read_file(open_regular(path, links)?)
}

/// Reads the regular file at `path`, of at most `max` bytes, as bytes: for binary files such
/// as time zone data. Never more than `max + 1` bytes are read, whatever the file says.
pub fn read_bytes(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    use std::io::Read as _;
    let file = open_regular(path, Links::Follow)?;
    if file.metadata()?.len() > max {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("it is over {max} bytes"),
        ));
    }
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("it is over {max} bytes"),
        ));
    }
    Ok(bytes)
}

/// Opens (creating it, owner-only) the lock file at `path` for reading and writing, never
/// through a symbolic link, and only if it is a regular file: nocard empties it and writes
/// its process id there, which through a link would empty whatever the link points to.
pub fn open_lock(path: &Path) -> io::Result<File> {
    #[cfg(unix)]
    let file = {
        use rustix::fs::{Mode, OFlags};
        let flags = OFlags::RDWR
            | OFlags::CREATE
            | OFlags::CLOEXEC
            | OFlags::NOFOLLOW
            | OFlags::NONBLOCK
            | OFlags::NOCTTY;
        match rustix::fs::open(path, flags, Mode::from_raw_mode(0o600)) {
            Ok(fd) => File::from(fd),
            Err(rustix::io::Errno::LOOP) => {
                return Err(io::Error::new(io::ErrorKind::InvalidInput, A_LINK));
            }
            Err(err) => return Err(err.into()),
        }
    };
    #[cfg(not(unix))]
    let file = {
        if existing(path)? == Existing::Other {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR));
        }
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)?
    };
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR));
    }
    Ok(file)
}

/// How [`replace`] treats a regular file already at the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Leave it, and fail with `AlreadyExists`.
    Never,
    /// Put the new file in its place.
    Regular,
}

/// Writes `text` to a new owner-only file beside `path` (named `prefix…`), syncs it, renames
/// it over `path` and syncs the folder, so that at every moment `path` is the old file or the
/// new one, whole, and once this returns the new one survives a power cut. What is at `path`
/// is never written through: a symbolic link, a device or a named pipe there is refused
/// (whatever `replace` says), a regular file is replaced by the rename, never truncated. The
/// errors are the system's reasons, without the temporary file's name.
pub fn replace(path: &Path, text: &str, prefix: &str, replace: Replace) -> io::Result<()> {
    if replace == Replace::Never && existing(path)? == Existing::RegularFile {
        return Err(io::Error::from(io::ErrorKind::AlreadyExists));
    }
    stage(path, text, prefix)?.persist(replace)
}

/// A file written whole and synced beside its place, not yet given its name: several are
/// staged first and named only once all are whole, so that a full disk half-way leaves every
/// old file as it was. Dropped unnamed, it is removed.
#[derive(Debug)]
pub struct Staged {
    file: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

/// tempfile adds " at path \"…\"" to its errors: a file the user never named.
fn plain(err: io::Error) -> io::Error {
    match err.to_string().rsplit_once(" at path \"") {
        Some((reason, _)) => io::Error::new(err.kind(), reason.to_owned()),
        None => err,
    }
}

/// Stages `text` for `path` (see [`Staged`]); a link, a device or a named pipe at `path` is
/// refused.
pub fn stage(path: &Path, text: &str, prefix: &str) -> io::Result<Staged> {
    if existing(path)? == Existing::Other {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR));
    }
    // Created with O_EXCL, owner-only: nothing planted under its name is opened.
    let mut file = tempfile::Builder::new()
        .prefix(prefix)
        .suffix(".tmp")
        .tempfile_in(folder_of(path))
        .map_err(plain)?;
    file.as_file_mut().write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    Ok(Staged {
        file,
        path: path.to_owned(),
    })
}

impl Staged {
    /// Renames the file into its place and syncs the folder. With `Replace::Never`, a file
    /// there by now is an `AlreadyExists` error, and nothing is replaced.
    pub fn persist(self, replace: Replace) -> io::Result<()> {
        if existing(&self.path)? == Existing::Other {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, NOT_REGULAR));
        }
        match replace {
            Replace::Regular => self.file.persist(&self.path).map(drop),
            Replace::Never => self.file.persist_noclobber(&self.path).map(drop),
        }
        .map_err(|err| plain(err.error))?;
        sync_folder(folder_of(&self.path))
    }
}

/// The folder `path` is in: `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Makes a rename in `dir` durable. A file system that cannot sync a folder (it says
/// `EINVAL`) has nothing more to do.
#[cfg_attr(not(unix), allow(clippy::unnecessary_wraps))] // Windows has nothing to do
fn sync_folder(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    match File::open(dir).and_then(|dir| dir.sync_all()) {
        Err(err) if err.kind() == io::ErrorKind::InvalidInput => Ok(()),
        result => result,
    }
    #[cfg(not(unix))]
    {
        // Windows cannot open a folder as a file; its renames are flushed by the system.
        let _ = dir;
        Ok(())
    }
}

/// Why the folder `dir`, which holds the user's records, may not be trusted with them: it is
/// not a folder, or belongs to another user, or others may write in it (and so put a link or
/// a file of their own in it). `None` where it is fine.
pub fn untrusted_folder(dir: &Path) -> io::Result<Option<String>> {
    let meta = fs::metadata(dir)?;
    if !meta.is_dir() {
        return Ok(Some("it is not a folder".to_owned()));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        let me = rustix::process::geteuid().as_raw();
        if meta.uid() != me {
            return Ok(Some(format!(
                "it belongs to another user (uid {}, not {me})",
                meta.uid()
            )));
        }
        if meta.mode() & 0o022 != 0 {
            return Ok(Some(format!(
                "others may write in it (mode {:o})",
                meta.mode() & 0o777
            )));
        }
    }
    Ok(None)
}

/// Whether `path` names a file in `dir` itself, however either is spelled (`./x/../x`, a link
/// to the folder). A folder that cannot be resolved holds nothing.
pub fn is_in_folder(path: &Path, dir: &Path) -> bool {
    let Ok(dir) = fs::canonicalize(dir) else {
        return false;
    };
    fs::canonicalize(folder_of(path)).is_ok_and(|parent| parent == dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn fifo(path: &Path) {
        rustix::fs::mknodat(
            rustix::fs::CWD,
            path,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        for links in [Links::Follow, Links::Refuse] {
            let err = open_regular(&pipe, links).unwrap_err();
            assert_eq!(err.to_string(), NOT_REGULAR);
        }
        let err = read_bytes(&pipe, 100).unwrap_err();
        assert_eq!(err.to_string(), NOT_REGULAR);
        assert_eq!(
            read_text(Path::new("/dev/zero"), Links::Follow)
                .unwrap_err()
                .to_string(),
            NOT_REGULAR
        );
        assert_eq!(open_lock(&pipe).unwrap_err().to_string(), NOT_REGULAR);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_followed_only_where_the_user_may_have_made_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "precious").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert_eq!(read_text(&link, Links::Follow).unwrap(), "precious");
        assert_eq!(
            read_text(&link, Links::Refuse).unwrap_err().to_string(),
            A_LINK
        );
        assert_eq!(open_lock(&link).unwrap_err().to_string(), A_LINK);
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
    }

    #[cfg(unix)]
    #[test]
    fn only_a_regular_file_is_ever_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        fs::write(&target, "precious").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let dangling = dir.path().join("dangling");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
        let pipe = dir.path().join("pipe");
        fifo(&pipe);
        for path in [&link, &dangling, &pipe, &dir.path().to_owned()] {
            for how in [Replace::Never, Replace::Regular] {
                let err = replace(path, "message", ".t", how).unwrap_err();
                assert_eq!(err.to_string(), NOT_REGULAR, "{}", path.display());
            }
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let err = replace(&target, "message", ".t", Replace::Never).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        replace(&target, "message", ".t", Replace::Regular).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "message");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 4, "no temporary file left: {left:?}");
    }

    #[test]
    fn reading_is_bounded_before_it_begins() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big");
        fs::write(&big, vec![b'a'; 2000]).unwrap();
        let err = read_bytes(&big, 1000).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(read_bytes(&big, 2000).unwrap().len(), 2000);
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_others_may_write_in_or_that_is_not_ours_is_not_trusted() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(untrusted_folder(dir.path()).unwrap(), None);
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
        let why = untrusted_folder(dir.path()).unwrap().unwrap();
        assert!(
            why.starts_with("others may write in it (mode 777)"),
            "{why}"
        );
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
        if rustix::process::geteuid().is_root() {
            rustix::fs::chown(
                dir.path(),
                Some(rustix::process::Uid::from_raw(65534)),
                None,
            )
            .unwrap();
            let why = untrusted_folder(dir.path()).unwrap().unwrap();
            assert!(why.starts_with("it belongs to another user"), "{why}");
        }
    }

    #[test]
    fn a_file_in_a_folder_is_found_however_it_is_spelled() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        fs::create_dir(&sub).unwrap();
        assert!(is_in_folder(&sub.join("cases.toml"), &sub));
        assert!(is_in_folder(&sub.join("../sub/x.txt"), &sub));
        assert!(!is_in_folder(&dir.path().join("x.txt"), &sub));
        assert!(!is_in_folder(&sub.join("x.txt"), &dir.path().join("none")));
    }
}
