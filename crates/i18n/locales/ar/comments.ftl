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

## A reader deleting their own comment, and what stands in the place of a
## comment that is gone but heads replies. "Deleted" is the writer's own act
## (حذف); staff "remove" (أزال) — the two are never mixed.

comment-gone-deleted = حذف صاحب التعليق تعليقه.
comment-gone-removed = أزال فريق التحرير هذا التعليق.
comment-delete = احذف تعليقي
comment-delete-confirm = اضغط مرة أخرى لتأكيد الحذف
comment-delete-offer = يمكنك حذف تعليقك متى شئت.
comment-delete-offer-held = تعليقك بانتظار المراجعة، ويمكنك حذفه متى شئت.
comment-delete-keep = احتفظ بهذا الرابط إن أردت حذفه لاحقًا:
comment-delete-link = رابط حذف تعليقك
comment-msg-deleted = حُذف تعليقك.
comment-msg-delete-key-invalid = رابط الحذف لا يخص هذا التعليق، فلم يُحذف شيء.
comment-msg-comment-not-deletable = لا يمكن حذف هذا التعليق بعد أن راجعه فريق التحرير.
error-delete-key-invalid = رابط الحذف لا يخص هذا التعليق، فلم يُحذف شيء.
error-comment-not-deletable = لا يمكن حذف هذا التعليق بعد أن راجعه فريق التحرير.

### The newsroom's moderation queue. Staff vocabulary: a comment staff
### took down is «أُزيل / أزاله فريق التحرير» (removed); one its writer took
### back is «حذفه صاحبه» (deleted). Never one word for both.

nr-comments = التعليقات
# $count (String) — the counted comments, e.g. «3 تعليقات».
nr-cm-pending-badge = { $count } بانتظار المراجعة
nr-cm-tab-pending = بانتظار المراجعة
nr-cm-tab-approved = المنشورة
nr-cm-tab-spam = المزعجة
nr-cm-tab-removed = أزالها فريق التحرير
nr-cm-tab-deleted = حذفها أصحابها
nr-cm-status-pending = بانتظار المراجعة
nr-cm-status-approved = منشور
nr-cm-status-spam = مزعج
nr-cm-status-removed = أزاله فريق التحرير
nr-cm-status-deleted = حذفه صاحبه
nr-cm-reason-policy = سياسة الإشراف
nr-cm-reason-links = روابط كثيرة
nr-cm-reason-first-time-link = رابط من معلّق جديد
nr-cm-reason-word-list = عبارة من قائمة الكلمات
nr-cm-reason-bayes = مرشّح الرسائل المزعجة
# $percent (Number) — the spam filter's probability, 0 to 100.
nr-cm-score = احتمال الإزعاج { $percent }٪
nr-cm-held-for = سبب الحجز:
nr-cm-on-article = على المقال
nr-cm-article-comments = تعليقات هذا المقال
nr-cm-is-reply = ردّ على تعليق
nr-cm-select = اختر هذا التعليق
nr-cm-with-selected = على التعليقات المختارة:
nr-cm-approve = انشر
nr-cm-spam = مزعج
nr-cm-remove = أزِل
nr-cm-reply = ردّ باسم فريق التحرير
nr-cm-reply-label = نص الرد
nr-cm-reply-hint = يُنشر الرد فورًا تحت التعليق، بشارة «من فريق التحرير».
nr-cm-reply-submit = انشر الرد
nr-cm-reply-empty = اكتب نص الرد قبل نشره.
nr-cm-reply-not-approved = لا يُرد إلا على تعليق منشور.
nr-cm-reply-refused = لم يُنشر ردك؛ انظر الرسالة تحت التعليق. ما كتبته باقٍ في النموذج.
nr-cm-none-selected = لم تختر أي تعليق. ضع علامة أمام التعليقات ثم اختر الإجراء.
nr-cm-none = لا تعليقات هنا.
nr-cm-article-filter = تعليقات المقال:
nr-cm-all-articles = كل المقالات
nr-cm-article-open = باب التعليق مفتوح
nr-cm-article-closed = باب التعليق مغلق
nr-cm-article-closed-by-age = باب التعليق مغلق لقِدم المقال
nr-cm-close-comments = أغلق باب التعليق
nr-cm-open-comments = افتح باب التعليق
# $n (Number) — how many comments the decision changed.
nr-cm-done-approve =
    { PLURAL($n) ->
        [zero] لم يتغير شيء: كانت التعليقات المختارة منشورة من قبل.
        [one] نُشر تعليق واحد.
        [two] نُشر تعليقان.
        [few] نُشرت { $n } تعليقات.
        [many] نُشر { $n } تعليقًا.
       *[other] نُشر { $n } تعليق.
    }
# $n (Number) — how many comments the decision changed.
nr-cm-done-spam =
    { PLURAL($n) ->
        [zero] لم يتغير شيء: كانت التعليقات المختارة في المزعجة من قبل.
        [one] نُقل تعليق واحد إلى المزعجة.
        [two] نُقل تعليقان إلى المزعجة.
        [few] نُقلت { $n } تعليقات إلى المزعجة.
        [many] نُقل { $n } تعليقًا إلى المزعجة.
       *[other] نُقل { $n } تعليق إلى المزعجة.
    }
# $n (Number) — how many comments the decision changed.
nr-cm-done-remove =
    { PLURAL($n) ->
        [zero] لم يتغير شيء: كانت التعليقات المختارة مُزالة من قبل.
        [one] أُزيل تعليق واحد، ونصه محفوظ.
        [two] أُزيل تعليقان، ونصهما محفوظ.
        [few] أُزيلت { $n } تعليقات، ونصوصها محفوظة.
        [many] أُزيل { $n } تعليقًا، ونصوصها محفوظة.
       *[other] أُزيل { $n } تعليق، ونصوصها محفوظة.
    }
nr-cm-done-reply = نُشر ردك تحت التعليق بشارة فريق التحرير.
nr-cm-done-closed = أُغلق باب التعليق على هذا المقال.
nr-cm-done-opened = فُتح باب التعليق على هذا المقال.

nr-cm-words = قوائم الكلمات
nr-cm-words-hint = تُطابق العبارات بعد توحيد الكتابة العربية (الهمزات والتشكيل والتطويل)، كلماتٍ كاملة: «قمار» تطابق «القِمار» و«والقمار» ولا تطابق «قمارة».
nr-cm-back-to-queue = العودة إلى التعليقات
nr-cm-word-phrase = العبارة
nr-cm-word-does = ما تفعله
nr-cm-word-hold = تحجز التعليق للمراجعة
nr-cm-word-spam = تعدّه مزعجًا
nr-cm-word-add = أضف
nr-cm-word-remove = أزِل من القائمة
nr-cm-words-none = القائمتان فارغتان.
nr-cm-word-added = حُفظت العبارة.
nr-cm-word-removed = أُزيلت العبارة من القائمة.
nr-cm-word-required = اكتب عبارة فيها حرف أو رقم واحد على الأقل.
nr-cm-word-action-invalid = اختر ما تفعله العبارة.
# $max (Number) — the longest phrase accepted, in characters.
nr-cm-word-too-long =
    العبارة أطول من المسموح به: { PLURAL($max) ->
        [zero] لا أحرف
        [one] حرف واحد
        [two] حرفان
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    } على الأكثر.
