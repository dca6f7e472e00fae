//! Built assets compressed once, at the highest settings, next to the originals
//! (`.br`, `.gz`); the static file service sends them to browsers that accept them,
//! instead of compressing on every request at a fast, weaker setting.

use std::io::Write;
use std::path::{Path, PathBuf};

fn candidates(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|it| {
            it.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    matches!(
                        p.extension().and_then(|e| e.to_str()),
                        Some("js" | "wasm" | "css")
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path)
}

fn compress(path: &Path) -> std::io::Result<()> {
    let data = std::fs::read(path)?;
    let br = PathBuf::from(format!("{}.br", path.display()));
    let gz = PathBuf::from(format!("{}.gz", path.display()));
    if !br.exists() {
        let mut out = Vec::with_capacity(data.len() / 3);
        {
            let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
            w.write_all(&data)?;
        }
        write_atomically(&br, &out)?;
    }
    if !gz.exists() {
        let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        w.write_all(&data)?;
        write_atomically(&gz, &w.finish()?)?;
    }
    Ok(())
}

/// Compresses the JS, WASM and CSS under `pkg_dir` that have no compressed copy yet.
pub fn run(pkg_dir: &Path) {
    for file in candidates(pkg_dir) {
        if let Err(e) = compress(&file) {
            tracing::warn!(file = %file.display(), error = %e, "could not precompress");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressed_copies_are_written_once_and_decode_to_the_original() {
        let dir = std::env::temp_dir().join(format!("rynok-precompress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let original = "console.log('Rynok');\n".repeat(200);
        std::fs::write(dir.join("app.js"), &original).unwrap();
        std::fs::write(dir.join("note.txt"), "not an asset").unwrap();
        run(&dir);
        let br = std::fs::read(dir.join("app.js.br")).unwrap();
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut br.as_slice(), &mut decoded).unwrap();
        assert_eq!(decoded, original.as_bytes());
        assert!(br.len() < original.len() / 10);
        assert!(dir.join("app.js.gz").exists());
        assert!(!dir.join("note.txt.br").exists());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
