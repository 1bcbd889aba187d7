//! Reading parts out of a zip archive (a `.docx` package) within limits.

use std::io::{Cursor, Read};

use crate::Error;

/// Largest uncompressed zip entry read. The `document.xml` of a 500-page
/// document is about 10 MB; beyond this an entry is a bomb, not a document.
pub const MAX_ZIP_ENTRY_SIZE: u64 = 48 * 1024 * 1024;

/// Largest total of uncompressed bytes read from one archive, so several
/// parts cannot add up to exhaust memory.
pub const MAX_DECOMPRESSED_SIZE: u64 = 64 * 1024 * 1024;

/// Highest compression ratio accepted for an entry above
/// [`ZIP_RATIO_FLOOR`]. Word XML deflates 5 to 30 times; a bomb, thousands.
pub const MAX_ZIP_RATIO: u64 = 100;

/// Entries smaller than this are read whatever their ratio: a small run of
/// repeated markup may compress well and is harmless.
pub const ZIP_RATIO_FLOOR: u64 = 1024 * 1024;

/// Most entries an archive may list. A `.docx` has a few dozen parts; a
/// central directory of millions is an attack on the reader.
pub const MAX_ZIP_ENTRIES: usize = 10_000;

/// An open archive and the bytes read from it so far.
pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    read_total: u64,
}

impl<'a> Archive<'a> {
    /// Opens an archive held in memory.
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Self, Error> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::CorruptDocx(format!("the zip archive is truncated or damaged ({e})"))
        })?;
        if zip.len() > MAX_ZIP_ENTRIES {
            return Err(Error::CorruptDocx(format!(
                "the zip archive lists {} entries (the limit is {MAX_ZIP_ENTRIES})",
                zip.len()
            )));
        }
        Ok(Archive { zip, read_total: 0 })
    }

    /// Whether the archive has an entry of this name.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Reads one entry whole, or `Ok(None)` when there is none by that name.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Error> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let budget = MAX_ZIP_ENTRY_SIZE.min(MAX_DECOMPRESSED_SIZE.saturating_sub(self.read_total));
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|e| Error::CorruptDocx(format!("cannot open {name} ({e})")))?;
        let (size, compressed) = (entry.size(), entry.compressed_size());
        let bomb = |size: u64| Error::ZipBomb {
            entry: name.to_owned(),
            size,
            compressed,
            limit: MAX_ZIP_ENTRY_SIZE,
            ratio: MAX_ZIP_RATIO,
        };
        let too_dense =
            |size: u64| size > ZIP_RATIO_FLOOR && size / compressed.max(1) > MAX_ZIP_RATIO;
        if size > budget || too_dense(size) {
            return Err(bomb(size));
        }
        // The sizes in the directory can lie: count what actually inflates.
        let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        (&mut entry)
            .take(budget + 1)
            .read_to_end(&mut data)
            .map_err(|e| Error::CorruptDocx(format!("cannot inflate {name} ({e})")))?;
        let got = data.len() as u64;
        if got > budget || too_dense(got) {
            return Err(bomb(got));
        }
        self.read_total += got;
        Ok(Some(data))
    }
}
