//! A thin VFS over SQLite's default one that gathers a transaction's WAL writes into a few
//! large write() calls.
//!
//! Why: SQLite writes each WAL frame with two write() calls (its 24-byte header, then the
//! page). A group of a few hundred SETs dirties a few hundred pages, so a COMMIT made
//! about a thousand write() calls, each paying the kernel's per-call cost (ext4's
//! write_begin/write_end, page-cache lookups): the biggest single cost of a write group in
//! the profile. Gathered, the same bytes go in a few large calls.
//!
//! What stays true: a frame reaches the file (the OS page cache, as before) before the
//! transaction becomes visible. SQLite publishes a commit by updating the WAL index in
//! shared memory only after writing the commit frame; this VFS writes out what it holds
//! as soon as the commit frame's page is handed to it, so readers (ours, the sqlite3 CLI)
//! and crash recovery see exactly what they saw before. Anything that is not a plain
//! append (SQLite rewriting a frame or a checksum in place, the WAL header), every read,
//! sync, truncate and close writes the held bytes out first, so the file always looks
//! as if every write had gone straight through.
//!
//! Only WAL files are wrapped; the database file and everything else use the default
//! VFS's methods directly, at no cost.

use std::ffi::{c_char, c_int, c_void};
use std::ptr;
use std::sync::OnceLock;

use rusqlite::ffi;

/// The name this VFS registers under (as the default VFS), NUL-terminated.
pub const NAME: &[u8] = b"sqlettuce\0";

/// Held WAL bytes are written out once they pass this size, even mid-transaction.
const MAX_HELD: usize = 16 << 20;

/// The largest write the default (unix) VFS makes in one call: it masks lengths with
/// 0x1ffff, so held bytes go out in pieces of this size (still ~30 pages per call).
const MAX_WRITE: usize = 0x1f000;

/// Size of a WAL frame header; a write of this size at a frame boundary is one.
const FRAME_HEADER: usize = 24;

/// A wrapped WAL file: our methods first (SQLite calls through `base.pMethods`), the
/// default VFS's file right after.
#[repr(C)]
struct WalFile {
    base: ffi::sqlite3_file,
    /// The default VFS's file (opened into the bytes after this struct).
    real: *mut ffi::sqlite3_file,
    /// Bytes accepted but not yet written, starting at file offset `held_at`.
    held: *mut Vec<u8>,
    held_at: i64,
    /// Offset just past the last byte accepted: a write starting here is an append.
    end: i64,
    /// The commit frame's header was held: write everything out after its page.
    flush_after_page: bool,
}

struct Vfs {
    vfs: ffi::sqlite3_vfs,
    real: *mut ffi::sqlite3_vfs,
}

// The registered VFS is immutable after registration and SQLite serializes its use.
unsafe impl Send for Vfs {}
unsafe impl Sync for Vfs {}

static VFS: OnceLock<Result<Box<Vfs>, c_int>> = OnceLock::new();

/// Registers the VFS as SQLite's default, once per process, so every connection opened
/// afterwards (by either engine) uses it. Returns SQLite's error code on failure.
pub fn register() -> Result<(), c_int> {
    let r = VFS.get_or_init(|| unsafe {
        let real = ffi::sqlite3_vfs_find(ptr::null());
        if real.is_null() {
            return Err(ffi::SQLITE_ERROR);
        }
        let mut vfs = *real;
        vfs.zName = NAME.as_ptr() as *const c_char;
        vfs.pNext = ptr::null_mut();
        let hdr = std::mem::size_of::<WalFile>() as c_int;
        vfs.szOsFile = (*real).szOsFile + hdr;
        vfs.xOpen = Some(x_open);
        let b = Box::new(Vfs { vfs, real });
        // The Box's heap address is stable: SQLite keeps the pointer.
        let rc = ffi::sqlite3_vfs_register(&b.vfs as *const _ as *mut _, 1);
        if rc != ffi::SQLITE_OK {
            return Err(rc);
        }
        Ok(b)
    });
    r.as_ref().map(|_| ()).map_err(|&rc| rc)
}

fn state() -> &'static Vfs {
    match VFS.get() {
        Some(Ok(v)) => v,
        _ => unreachable!("x_open is only reachable once registered"),
    }
}

unsafe extern "C" fn x_open(
    _vfs: *mut ffi::sqlite3_vfs,
    name: *const c_char,
    file: *mut ffi::sqlite3_file,
    flags: c_int,
    out_flags: *mut c_int,
) -> c_int {
    let v = state();
    if flags & ffi::SQLITE_OPEN_WAL == 0 {
        // Not a WAL: the default VFS's file fills our slot and its methods are used as is.
        return ((*v.real).xOpen.unwrap())(v.real, name, file, flags, out_flags);
    }
    let w = file as *mut WalFile;
    let real = (file as *mut u8).add(std::mem::size_of::<WalFile>()) as *mut ffi::sqlite3_file;
    let rc = ((*v.real).xOpen.unwrap())(v.real, name, real, flags, out_flags);
    if rc != ffi::SQLITE_OK {
        // SQLite calls xClose only when pMethods is set; leave it null.
        (*file).pMethods = ptr::null();
        return rc;
    }
    let methods = if (*(*real).pMethods).iVersion >= 3 {
        &WAL_METHODS_V3
    } else {
        &WAL_METHODS_V1
    };
    ptr::write(
        w,
        WalFile {
            base: ffi::sqlite3_file { pMethods: methods },
            real,
            held: Box::into_raw(Box::new(Vec::new())),
            held_at: 0,
            end: -1,
            flush_after_page: false,
        },
    );
    ffi::SQLITE_OK
}

/// The default VFS's method `m` of the wrapped file.
macro_rules! real {
    ($f:expr, $m:ident) => {
        ((*(*(*$f).real).pMethods).$m.unwrap())
    };
}

unsafe fn wal<'a>(f: *mut ffi::sqlite3_file) -> &'a mut WalFile {
    &mut *(f as *mut WalFile)
}

/// Writes out the held bytes, in as few write() calls as the default VFS allows.
unsafe fn flush(w: &mut WalFile) -> c_int {
    let held = &mut *w.held;
    let mut rc = ffi::SQLITE_OK;
    let mut at = w.held_at;
    for piece in held.chunks(MAX_WRITE) {
        rc = real!(w, xWrite)(
            w.real,
            piece.as_ptr() as *const c_void,
            piece.len() as c_int,
            at,
        );
        if rc != ffi::SQLITE_OK {
            break;
        }
        at += piece.len() as i64;
    }
    held.clear();
    if held.capacity() > MAX_HELD {
        held.shrink_to(MAX_HELD);
    }
    rc
}

unsafe extern "C" fn x_write(
    f: *mut ffi::sqlite3_file,
    buf: *const c_void,
    n: c_int,
    off: i64,
) -> c_int {
    let w = wal(f);
    let bytes = std::slice::from_raw_parts(buf as *const u8, n as usize);
    // A frame header whose "database size after commit" field is set marks the last
    // frame of a transaction: its page, which comes next, completes the transaction.
    let header = bytes.len() == FRAME_HEADER;
    let commit_header = header && bytes[4..8] != [0, 0, 0, 0];
    if off != w.end {
        // Not an append (the WAL header, a frame or checksum rewritten in place): what
        // is held goes first, then this write goes straight through.
        let rc = flush(w);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
        w.end = off + i64::from(n);
        w.flush_after_page = commit_header;
        return real!(w, xWrite)(w.real, buf, n, off);
    }
    let held = &mut *w.held;
    if held.is_empty() {
        w.held_at = off;
    }
    held.extend_from_slice(bytes);
    w.end = off + i64::from(n);
    if header {
        w.flush_after_page = commit_header;
    } else if w.flush_after_page {
        // The commit frame's page: write the transaction out before SQLite publishes it.
        w.flush_after_page = false;
        return flush(w);
    }
    if held.len() >= MAX_HELD {
        return flush(w);
    }
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_read(
    f: *mut ffi::sqlite3_file,
    buf: *mut c_void,
    n: c_int,
    off: i64,
) -> c_int {
    let w = wal(f);
    let rc = flush(w);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    real!(w, xRead)(w.real, buf, n, off)
}

unsafe extern "C" fn x_close(f: *mut ffi::sqlite3_file) -> c_int {
    let w = wal(f);
    let rc = flush(w);
    drop(Box::from_raw(w.held));
    w.held = ptr::null_mut();
    let rc2 = real!(w, xClose)(w.real);
    if rc != ffi::SQLITE_OK {
        rc
    } else {
        rc2
    }
}

unsafe extern "C" fn x_truncate(f: *mut ffi::sqlite3_file, size: i64) -> c_int {
    let w = wal(f);
    let rc = flush(w);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    w.end = -1;
    w.flush_after_page = false;
    real!(w, xTruncate)(w.real, size)
}

unsafe extern "C" fn x_sync(f: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    let w = wal(f);
    let rc = flush(w);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    real!(w, xSync)(w.real, flags)
}

unsafe extern "C" fn x_file_size(f: *mut ffi::sqlite3_file, size: *mut i64) -> c_int {
    let w = wal(f);
    let rc = flush(w);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    real!(w, xFileSize)(w.real, size)
}

unsafe extern "C" fn x_lock(f: *mut ffi::sqlite3_file, lock: c_int) -> c_int {
    real!(wal(f), xLock)(wal(f).real, lock)
}

unsafe extern "C" fn x_unlock(f: *mut ffi::sqlite3_file, lock: c_int) -> c_int {
    real!(wal(f), xUnlock)(wal(f).real, lock)
}

unsafe extern "C" fn x_check_reserved_lock(f: *mut ffi::sqlite3_file, out: *mut c_int) -> c_int {
    real!(wal(f), xCheckReservedLock)(wal(f).real, out)
}

unsafe extern "C" fn x_file_control(
    f: *mut ffi::sqlite3_file,
    op: c_int,
    arg: *mut c_void,
) -> c_int {
    let w = wal(f);
    let rc = flush(w);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    real!(w, xFileControl)(w.real, op, arg)
}

unsafe extern "C" fn x_sector_size(f: *mut ffi::sqlite3_file) -> c_int {
    real!(wal(f), xSectorSize)(wal(f).real)
}

unsafe extern "C" fn x_device_characteristics(f: *mut ffi::sqlite3_file) -> c_int {
    real!(wal(f), xDeviceCharacteristics)(wal(f).real)
}

unsafe extern "C" fn x_shm_map(
    f: *mut ffi::sqlite3_file,
    region: c_int,
    size: c_int,
    extend: c_int,
    out: *mut *mut c_void,
) -> c_int {
    real!(wal(f), xShmMap)(wal(f).real, region, size, extend, out)
}

unsafe extern "C" fn x_shm_lock(
    f: *mut ffi::sqlite3_file,
    offset: c_int,
    n: c_int,
    flags: c_int,
) -> c_int {
    real!(wal(f), xShmLock)(wal(f).real, offset, n, flags)
}

unsafe extern "C" fn x_shm_barrier(f: *mut ffi::sqlite3_file) {
    real!(wal(f), xShmBarrier)(wal(f).real)
}

unsafe extern "C" fn x_shm_unmap(f: *mut ffi::sqlite3_file, delete: c_int) -> c_int {
    real!(wal(f), xShmUnmap)(wal(f).real, delete)
}

unsafe extern "C" fn x_fetch(
    f: *mut ffi::sqlite3_file,
    off: i64,
    n: c_int,
    out: *mut *mut c_void,
) -> c_int {
    // No memory-mapped reads of a WAL: SQLite never asks, and held bytes would be missed.
    *out = ptr::null_mut();
    let _ = (f, off, n);
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_unfetch(_f: *mut ffi::sqlite3_file, _off: i64, _p: *mut c_void) -> c_int {
    ffi::SQLITE_OK
}

const fn methods(version: c_int) -> ffi::sqlite3_io_methods {
    ffi::sqlite3_io_methods {
        iVersion: version,
        xClose: Some(x_close),
        xRead: Some(x_read),
        xWrite: Some(x_write),
        xTruncate: Some(x_truncate),
        xSync: Some(x_sync),
        xFileSize: Some(x_file_size),
        xLock: Some(x_lock),
        xUnlock: Some(x_unlock),
        xCheckReservedLock: Some(x_check_reserved_lock),
        xFileControl: Some(x_file_control),
        xSectorSize: Some(x_sector_size),
        xDeviceCharacteristics: Some(x_device_characteristics),
        xShmMap: Some(x_shm_map),
        xShmLock: Some(x_shm_lock),
        xShmBarrier: Some(x_shm_barrier),
        xShmUnmap: Some(x_shm_unmap),
        xFetch: Some(x_fetch),
        xUnfetch: Some(x_unfetch),
    }
}

static WAL_METHODS_V3: ffi::sqlite3_io_methods = methods(3);
static WAL_METHODS_V1: ffi::sqlite3_io_methods = methods(1);
