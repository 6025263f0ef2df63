### Comments («اترك تعليقاً»): the form, the list and the messages after a
### submission. Messages named comment-msg-<code> answer the codes of the
### form and the API (see docs/comments.md); error-<code> titles the error
### page of the same code.

comment-name-label = الاسم
comment-email-label = البريد الإلكتروني
comment-email-hint = اختياري، لا يُنشر أبدًا.
comment-body-label = التعليق
comment-submit = أرسل التعليق
comment-sending = جارٍ الإرسال…
comment-reply = رد
# $name (String) — the commenter answered.
comment-replying-to = ردًا على { $name }
comment-cancel-reply = إلغاء الرد
comment-closed = أُغلق باب التعليق على هذا المقال.
comment-none = لا تعليقات بعد. كن أول من يعلّق.
comment-staff = من فريق التحرير
comment-honeypot-label = اترك هذا الحقل فارغًا
comment-rules = تُراجع التعليقات قبل نشرها أحيانًا. نرحّب بالنقاش المحترم، ونحذف الإساءة والإعلانات.

comment-msg-published = نُشر تعليقك. شكرًا لمشاركتك.
comment-msg-held = وصل تعليقك، وسيظهر بعد أن يراجعه فريق التحرير.
comment-msg-name-required = اكتب اسمك قبل الإرسال.
# $max (Number) — the longest name accepted, in characters.
comment-msg-name-too-long =
    الاسم أطول من المسموح به: { PLURAL($max) ->
        [zero] لا أحرف
        [one] حرف واحد
        [two] حرفان
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    } على الأكثر.
comment-msg-body-required = التعليق فارغ.
# $max (Number) — the longest comment accepted, in characters.
comment-msg-body-too-long =
    التعليق أطول من المسموح به: { PLURAL($max) ->
        [zero] لا أحرف
        [one] حرف واحد
        [two] حرفان
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    } على الأكثر. اختصره ثم أعد الإرسال.
comment-msg-email-invalid = عنوان البريد الإلكتروني غير صحيح. يمكنك تركه فارغًا.
comment-msg-control-characters = يحتوي النص على رموز تحكم غير مسموح بها.
comment-msg-too-many-combining-marks = يحتوي النص على علامات تشكيل متراكمة كثيرة.
comment-msg-parent-invalid = التعليق الذي ترد عليه غير موجود.
comment-msg-token-invalid = انتهت صلاحية النموذج أو لم يأتِ من هذا الموقع. أعد تحميل الصفحة ثم حاول مجددًا.
comment-msg-token-expired = انتهت صلاحية النموذج. أعد تحميل الصفحة ثم حاول مجددًا.
comment-msg-token-used = أُرسل هذا النموذج من قبل. أعد تحميل الصفحة لكتابة تعليق جديد.
comment-msg-too-fast = أُرسل التعليق بسرعة كبيرة. انتظر لحظات ثم أعد الإرسال.
comment-msg-duplicate = أرسلت هذا التعليق من قبل.
comment-msg-comments-closed = أُغلق باب التعليق على هذا المقال.
comment-msg-cross-site = رُفض الطلب لأنه لم يُرسل من صفحة هذا الموقع.
comment-msg-rate-limited = أرسلت تعليقات كثيرة في وقت قصير. انتظر قليلًا ثم حاول مجددًا.

error-comments-closed = أُغلق باب التعليق على هذا المقال.
error-cross-site = رُفض الطلب لأنه لم يُرسل من صفحة هذا الموقع.
error-token-invalid = انتهت صلاحية النموذج أو لم يأتِ من هذا الموقع. أعد تحميل الصفحة ثم حاول مجددًا.
error-token-used = أُرسل هذا النموذج من قبل. أعد تحميل الصفحة لكتابة تعليق جديد.
error-rate-limited = أرسلت تعليقات كثيرة في وقت قصير. انتظر قليلًا ثم حاول مجددًا.

# The subject of the moderators' digest email.
# $count (String) — the counted comments, e.g. «3 تعليقات».
comment-digest-subject = خبر: { $count } بانتظار المراجعة
