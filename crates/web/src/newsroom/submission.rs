//! Forms that may carry a file: the editor (its cover image) and the site
//! settings (the logo). A browser without JavaScript sends such a form as
//! `multipart/form-data`; the editor's script and the tests may send the
//! article form URL-encoded. Either way the text fields are decoded by the
//! same serde rules as axum's `Form`, so nothing typed is treated
//! differently, and the file (if one was chosen) comes apart.

use super::Signed;
use super::auth::audit;
use super::form::{ArticleForm, FieldErrors};
use super::views::{NrChrome, newsroom_lang};
use crate::AppState;
use crate::error::WebError;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::header;
use khabar_core::{Action, NewArticle, Ownership};
use serde::de::DeserializeOwned;
use std::net::SocketAddr;

/// A posted form: its text fields in order, and the chosen file's bytes.
#[derive(Debug, Default)]
pub(crate) struct Posted {
    pub fields: Vec<(String, String)>,
    /// `None` when the file field was absent or left empty.
    pub file: Option<Vec<u8>>,
}

impl Posted {
    /// The first value of text field `name`, or "".
    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    /// The text fields as a form struct.
    ///
    /// # Errors
    /// `BadRequest("form_invalid")` when a field cannot be decoded.
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, WebError> {
        let encoded = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&self.fields)
            .finish();
        serde_urlencoded::from_str(&encoded).map_err(|_| WebError::BadRequest("form_invalid"))
    }
}

/// Reads every part of a multipart body: text parts as fields, the part
/// named `file_field` as the file (an empty one, a file input left alone,
/// counts as none).
///
/// # Errors
/// `BadRequest("media_broken")` for a body that is not valid multipart; a
/// body over the route's limit answers 413 through the error pages.
pub(crate) async fn read_multipart(
    mut multipart: Multipart,
    file_field: &str,
) -> Result<Posted, WebError> {
    let mut posted = Posted::default();
    while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == file_field {
            let bytes = field.bytes().await.map_err(multipart_error)?;
            if !bytes.is_empty() {
                posted.file = Some(bytes.to_vec());
            }
        } else {
            let value = field.text().await.map_err(multipart_error)?;
            posted.fields.push((name, value));
        }
    }
    Ok(posted)
}

/// A body cut by the size limit is a 413, anything else a broken form.
fn multipart_error(e: axum::extract::multipart::MultipartError) -> WebError {
    if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
        WebError::PayloadTooLarge("form_too_large")
    } else {
        WebError::BadRequest("media_broken")
    }
}

/// The editor's form as posted, URL-encoded or multipart, with the cover
/// image file when one was chosen (`cover_file`).
pub(crate) struct EditorSubmission {
    pub form: ArticleForm,
    pub cover_file: Option<Vec<u8>>,
}

impl FromRequest<AppState> for EditorSubmission {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, WebError> {
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if content_type.starts_with("multipart/form-data") {
            let mp = Multipart::from_request(req, state)
                .await
                .map_err(|_| WebError::BadRequest("form_invalid"))?;
            let posted = read_multipart(mp, "cover_file").await?;
            Ok(EditorSubmission {
                form: posted.decode()?,
                cover_file: posted.file,
            })
        } else {
            if !content_type.starts_with("application/x-www-form-urlencoded") {
                return Err(WebError::BadRequest("form_invalid"));
            }
            // Only a file may make the editor's post big: a URL-encoded
            // form keeps the newsroom's form limit.
            let limit = state.newsroom()?.settings.max_form_bytes;
            let declared = req
                .headers()
                .get(header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<usize>().ok());
            if declared.is_some_and(|n| n > limit) {
                return Err(WebError::PayloadTooLarge("form_too_large"));
            }
            let bytes = axum::body::to_bytes(req.into_body(), limit)
                .await
                .map_err(|_| WebError::PayloadTooLarge("form_too_large"))?;
            let form: ArticleForm = serde_urlencoded::from_bytes(&bytes)
                .map_err(|_| WebError::BadRequest("form_invalid"))?;
            Ok(EditorSubmission {
                form,
                cover_file: None,
            })
        }
    }
}

/// Stores the cover image posted with the form and puts its address in the
/// cover field; a refused file gets a message next to the file field.
pub(crate) async fn attach_cover(
    state: &AppState,
    signed: &Signed,
    peer: SocketAddr,
    form: &mut ArticleForm,
    file: Option<Vec<u8>>,
) -> Result<FieldErrors, WebError> {
    let mut errors = FieldErrors::default();
    let Some(bytes) = file else {
        return Ok(errors);
    };
    signed.ensure(Action::UploadMedia, Ownership::None)?;
    match super::media::store_image(state, bytes).await? {
        Ok(stored) => {
            audit(
                state.newsroom()?,
                Some(signed.user.id),
                "media_upload",
                &stored.largest,
                &peer.ip().to_string(),
            )
            .await?;
            form.cover_url = stored.largest;
        }
        Err(e) => {
            let l = NrChrome::new(state, Some(signed), newsroom_lang(None, Some(signed)), "").l;
            errors.add(
                "cover_file",
                l.t(&format!("nr-err-{}", e.code().replace('_', "-"))),
            );
        }
    }
    Ok(errors)
}

/// The form's own errors and the cover upload's, together.
pub(crate) fn with_upload_errors(
    result: Result<NewArticle, FieldErrors>,
    upload: FieldErrors,
) -> Result<NewArticle, FieldErrors> {
    if upload.is_empty() {
        return result;
    }
    let mut errors = result.err().unwrap_or_default();
    for (field, message) in upload.0 {
        errors.add(field, message);
    }
    Err(errors)
}
