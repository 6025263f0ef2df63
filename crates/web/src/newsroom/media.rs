//! Image uploads. An upload is trusted for nothing: its format comes from its
//! magic bytes (never the file name or Content-Type), it is decoded under a
//! pixel and memory cap, re-encoded (which drops EXIF, GPS positions and
//! anything appended to the file) at 480, 960 and 1600 px wide in WebP and in
//! its own format, and stored under server-made names. SVG is refused: a
//! script inside it would run on this origin.

use super::Signed;
use super::auth::audit;
use crate::AppState;
use crate::error::WebError;
use axum::Json;
use axum::extract::{ConnectInfo, Multipart, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use image::{DynamicImage, ImageFormat, ImageReader};
use jiff::Timestamp;
use khabar_core::{Action, Ownership};
use std::io::Cursor;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Widths of the resized copies; an image narrower than one is not enlarged.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];
/// The largest image accepted, in pixels (width × height): 50 megapixels.
const MAX_PIXELS: u64 = 50_000_000;
/// The largest side accepted.
const MAX_SIDE: u32 = 12_000;

/// Why an upload was refused, as the code the editor's page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaError {
    NotAnImage,
    Svg,
    TooManyPixels,
    Broken,
}

impl MediaError {
    pub fn code(self) -> &'static str {
        match self {
            MediaError::NotAnImage => "media_not_an_image",
            MediaError::Svg => "media_svg",
            MediaError::TooManyPixels => "media_too_many_pixels",
            MediaError::Broken => "media_broken",
        }
    }
}

/// One encoded copy of an upload.
pub struct Variant {
    pub width: u32,
    pub extension: &'static str,
    pub bytes: Vec<u8>,
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(bytes.get(..512).unwrap_or(bytes)).to_lowercase();
    head.contains("<svg") || head.trim_start().starts_with("<?xml")
}

/// Checks and re-encodes an upload into its variants.
///
/// # Errors
/// A [`MediaError`] saying what is wrong with the file.
pub fn process(bytes: &[u8]) -> Result<Vec<Variant>, MediaError> {
    if looks_like_svg(bytes) {
        return Err(MediaError::Svg);
    }
    let format = image::guess_format(bytes).map_err(|_| MediaError::NotAnImage)?;
    let (extension, out_format) = match format {
        ImageFormat::Jpeg => ("jpg", ImageFormat::Jpeg),
        ImageFormat::Png => ("png", ImageFormat::Png),
        ImageFormat::Gif => ("png", ImageFormat::Png),
        ImageFormat::WebP => ("webp", ImageFormat::WebP),
        _ => return Err(MediaError::NotAnImage),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let (w, h) = reader.into_dimensions().map_err(|_| MediaError::Broken)?;
    if w == 0 || h == 0 {
        return Err(MediaError::Broken);
    }
    if w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(MediaError::TooManyPixels);
    }
    reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| MediaError::Broken)?;
    let orientation = image::ImageDecoder::orientation(&mut decoder).ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => MediaError::TooManyPixels,
        _ => MediaError::Broken,
    })?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    let img = DynamicImage::ImageRgba8(img.to_rgba8());
    let mut out = Vec::new();
    for width in variant_widths(img.width()) {
        let resized = if width < img.width() {
            let height =
                (u64::from(img.height()) * u64::from(width) / u64::from(img.width())).max(1) as u32;
            img.resize_exact(width, height, image::imageops::FilterType::Lanczos3)
        } else {
            img.clone()
        };
        out.push(Variant {
            width,
            extension: "webp",
            bytes: encode(&resized, ImageFormat::WebP)?,
        });
        if extension != "webp" {
            let pixels = if out_format == ImageFormat::Jpeg {
                DynamicImage::ImageRgb8(resized.to_rgb8())
            } else {
                resized
            };
            out.push(Variant {
                width,
                extension,
                bytes: encode(&pixels, out_format)?,
            });
        }
    }
    Ok(out)
}

fn encode(img: &DynamicImage, format: ImageFormat) -> Result<Vec<u8>, MediaError> {
    let mut buf = Cursor::new(Vec::new());
    img.write_to(&mut buf, format)
        .map_err(|_| MediaError::Broken)?;
    Ok(buf.into_inner())
}

/// The widths made for an image `width` px wide: every standard width below
/// it, and the image's own width capped at the largest standard one.
pub fn variant_widths(width: u32) -> Vec<u32> {
    let top = width.min(WIDTHS[WIDTHS.len() - 1]);
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < top).collect();
    widths.push(top);
    widths
}

/// `srcset` values (WebP, original format) for a cover stored by this module,
/// whose URL names its largest variant: `/media/2026/11/<id>-<width>.<ext>`.
pub fn srcsets(url: &str) -> Option<(String, String)> {
    let rest = url.strip_prefix("/media/")?;
    let (stem, ext) = rest.rsplit_once('.')?;
    let (base, width) = stem.rsplit_once('-')?;
    let width: u32 = width.parse().ok()?;
    let set = |ext: &str| {
        variant_widths(width)
            .iter()
            .map(|w| format!("/media/{base}-{w}.{ext} {w}w"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some((set("webp"), set(ext)))
}

fn media_dir(state: &AppState) -> Result<PathBuf, WebError> {
    Ok(state.newsroom()?.settings.media_dir.clone())
}

/// Where a checked upload was stored.
#[derive(Debug, Clone)]
pub struct StoredImage {
    /// The largest variant in the original format (WebP when that is the
    /// original): what a cover's `src` names; `srcset` finds the others.
    pub largest: String,
    /// The smallest variant in the original format (a logo needs no more).
    pub smallest: String,
}

/// Checks, re-encodes and stores an upload under a server-made name.
///
/// # Errors
/// The outer error is the server's (a disk that cannot be written); the
/// inner one says what is wrong with the file, for the editor to read.
pub(crate) async fn store_image(
    state: &AppState,
    bytes: Vec<u8>,
) -> Result<Result<StoredImage, MediaError>, WebError> {
    let variants = match tokio::task::spawn_blocking(move || process(&bytes))
        .await
        .map_err(|e| WebError::Internal(e.into()))?
    {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    let now = Timestamp::now().to_zoned(jiff::tz::TimeZone::UTC);
    let folder = format!("{:04}/{:02}", now.year(), now.month());
    let id = super::session::random_hex(12)?;
    let dir = media_dir(state)?.join(&folder);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(|e| WebError::Internal(e.into()))?;
    let mut names = Vec::new();
    for v in &variants {
        let name = format!("{id}-{}.{}", v.width, v.extension);
        tokio::fs::write(dir.join(&name), &v.bytes)
            .await
            .map_err(|e| WebError::Internal(e.into()))?;
        if v.extension != "webp" || variants.iter().all(|x| x.extension == "webp") {
            names.push(format!("/media/{folder}/{name}"));
        }
    }
    // Variants come narrowest first.
    let smallest = names.first().cloned().unwrap_or_default();
    let largest = names.last().cloned().unwrap_or_default();
    Ok(Ok(StoredImage { largest, smallest }))
}

/// A refused upload as the JSON the editor's script reads.
fn refusal(code: &'static str) -> Response {
    let res = (
        StatusCode::UNPROCESSABLE_ENTITY,
        Json(serde_json::json!({ "error": code })),
    )
        .into_response();
    crate::error::keep_body(res)
}

/// `POST /newsroom/media`: multipart with `csrf` and `file`. Answers JSON
/// `{"url": …}` (the largest variant in the original format) or `{"error": code}`.
pub(crate) async fn upload(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    signed: Signed,
    multipart: Multipart,
) -> Result<Response, WebError> {
    signed.ensure(Action::UploadMedia, Ownership::None)?;
    let posted = super::submission::read_multipart(multipart, "file").await?;
    signed.ensure_csrf(posted.field("csrf"))?;
    let bytes = posted.file.ok_or(WebError::BadRequest("media_missing"))?;
    let stored = match store_image(&state, bytes).await? {
        Ok(s) => s,
        Err(e) => return Ok(refusal(e.code())),
    };
    audit(
        state.newsroom()?,
        Some(signed.user.id),
        "media_upload",
        &stored.largest,
        &peer.ip().to_string(),
    )
    .await?;
    Ok(Json(serde_json::json!({ "url": stored.largest })).into_response())
}

/// Returns true if and only if `url` is `/media/` followed by a name this
/// module makes (a logo or cover address that came back in a form).
pub(crate) fn is_media_url(url: &str) -> bool {
    url.strip_prefix("/media/").is_some_and(is_media_path)
}

/// Returns true if and only if `path` is a name this module makes:
/// `YYYY/MM/<hex>-<width>.<ext>`.
fn is_media_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let [year, month, file] = parts.as_slice() else {
        return false;
    };
    year.len() == 4
        && month.len() == 2
        && year
            .bytes()
            .chain(month.bytes())
            .all(|b| b.is_ascii_digit())
        && file.rsplit_once('.').is_some_and(|(stem, ext)| {
            matches!(ext, "webp" | "jpg" | "png")
                && stem
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() || b.is_ascii_digit() || b == b'-')
                && !stem.is_empty()
        })
}

/// `GET /media/YYYY/MM/<name>`: a stored variant, cached for a year.
pub(crate) async fn serve_media(
    State(state): State<AppState>,
    Path(path): Path<String>,
) -> Result<Response, WebError> {
    if !is_media_path(&path) {
        return Err(WebError::NotFound("not_found"));
    }
    let bytes = match tokio::fs::read(media_dir(&state)?.join(&path)).await {
        Ok(b) => b,
        Err(_) => return Err(WebError::NotFound("not_found")),
    };
    let mime = match path.rsplit_once('.').map(|(_, e)| e) {
        Some("webp") => "image/webp",
        Some("jpg") => "image/jpeg",
        _ => "image/png",
    };
    let mut res = ([(header::CONTENT_TYPE, mime)], bytes).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_srcsets() {
        assert_eq!(variant_widths(300), [300]);
        assert_eq!(variant_widths(1000), [480, 960, 1000]);
        assert_eq!(variant_widths(4000), [480, 960, 1600]);
        let (webp, jpg) = srcsets("/media/2026/11/ab12-1000.jpg").expect("ours");
        assert_eq!(
            jpg,
            "/media/2026/11/ab12-480.jpg 480w, /media/2026/11/ab12-960.jpg 960w, /media/2026/11/ab12-1000.jpg 1000w"
        );
        assert!(webp.starts_with("/media/2026/11/ab12-480.webp 480w"));
        assert_eq!(srcsets("https://example.com/x-1.jpg"), None);
    }

    #[test]
    fn only_our_names_are_served() {
        assert!(is_media_path("2026/11/ab12cd-960.webp"));
        for bad in [
            "../etc/passwd",
            "2026/11/../../x.webp",
            "2026/11/a.svg",
            "x.webp",
            "2026/11/a b.jpg",
        ] {
            assert!(!is_media_path(bad), "{bad}");
        }
    }

    /// PNG's CRC-32, to forge a valid header.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xedb8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn uploads_are_checked_by_content() {
        assert_eq!(
            process(b"<svg xmlns='http://www.w3.org/2000/svg'/>").err(),
            Some(MediaError::Svg)
        );
        assert_eq!(
            process(b"GIF89a\x01\x00\x01\x00").err(),
            Some(MediaError::Broken)
        );
        assert_eq!(process(b"%PDF-1.7").err(), Some(MediaError::NotAnImage));
        // A PNG header claiming 100000 x 100000 pixels is refused before decoding.
        let mut bomb = Vec::new();
        image::RgbImage::new(1, 1)
            .write_to(&mut Cursor::new(&mut bomb), ImageFormat::Png)
            .expect("png");
        bomb[16..20].copy_from_slice(&100_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&100_000u32.to_be_bytes());
        let crc = crc32(&bomb[12..29]);
        bomb[29..33].copy_from_slice(&crc.to_be_bytes());
        assert_eq!(process(&bomb).err(), Some(MediaError::TooManyPixels));
        let mut png = Vec::new();
        image::RgbImage::from_pixel(1200, 600, image::Rgb([200, 30, 30]))
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .expect("png");
        let v = process(&png).expect("a good image");
        let got: Vec<(u32, &str)> = v.iter().map(|v| (v.width, v.extension)).collect();
        assert_eq!(
            got,
            [
                (480, "webp"),
                (480, "png"),
                (960, "webp"),
                (960, "png"),
                (1200, "webp"),
                (1200, "png")
            ]
        );
    }
}
