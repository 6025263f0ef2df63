# The newsroom (غرفة الأخبار): editors' pages, sign-in, form messages.

nr-newsroom = غرفة الأخبار
nr-articles = المقالات
nr-audit = سجل العمليات
nr-view-site = عرض الموقع
nr-menu = القائمة
nr-end-other-sessions = إنهاء الجلسات الأخرى
nr-logout = تسجيل الخروج
nr-login-title = الدخول إلى غرفة الأخبار
nr-email = البريد الإلكتروني
nr-password = كلمة المرور
nr-login = دخول
nr-login-failed = البريد الإلكتروني أو كلمة المرور غير صحيحة.
nr-login-throttled = محاولات دخول كثيرة. انتظر قليلاً ثم حاول مجدداً.
nr-session-expired = انتهت جلستك. سجّل الدخول مجدداً للمتابعة.
nr-sessions-ended = أُنهيت جلساتك على الأجهزة الأخرى.
nr-new-article = مقال جديد
nr-edit-article = تحرير المقال
nr-status = الحالة
nr-all = الكل
nr-section = القسم
nr-search = بحث
nr-filter = تصفية
nr-title = العنوان
nr-owner = المحرر
nr-date = التاريخ
nr-no-articles = لا مقالات هنا بعد.
nr-previous = السابق
nr-next = التالي
nr-account = الحساب
nr-action = العملية
nr-target = الهدف
nr-address = العنوان الشبكي
nr-revisions = النسخ السابقة
nr-back-to-editor = العودة إلى المحرر
nr-revision = النسخة
nr-current-revision = هذه هي النسخة الحالية.
nr-restore = استعادة هذه النسخة
nr-before = قبل
nr-after = بعد
nr-fix-errors = لم يُحفظ المقال. صحّح الحقول المشار إليها أدناه؛ ما كتبته محفوظ في النموذج.
nr-conflict-title = حفظ شخص آخر هذا المقال بعد أن فتحته
nr-conflict-body = لم يُحفظ تعديلك حتى لا تضيع تعديلات زميلك. النسختان معروضتان أدناه.
nr-conflict-how = نسختك باقية في النموذج. إن حفظتها الآن فستحل محل نسخة زميلك؛ أو انسخ منها ما تحتاج ثم أعد فتح المقال.
nr-their-version = النسخة المحفوظة
nr-your-version = نسختك
nr-lead = المقدمة
nr-body = النص
nr-body-hint = يُكتب النص بصيغة ماركداون: «## » لعنوان فرعي، و«> » للاقتباس.
nr-md-heading = عنوان فرعي
nr-md-bold = عريض
nr-md-italic = مائل
nr-md-quote = اقتباس
nr-md-list = قائمة
nr-md-link = رابط
nr-preview = معاينة
nr-publish-at = وقت النشر
nr-time-zone = المنطقة الزمنية
nr-slug = الرابط المختصر
nr-tags = الوسوم
nr-tags-hint = افصل بين الوسوم بفاصلة.
nr-byline = الكاتب
nr-source = المصدر
nr-source-name = اسم المصدر
nr-source-url = رابط المصدر
nr-cover = صورة الغلاف
nr-cover-url = رابط الصورة
nr-cover-alt = وصف الصورة
nr-cover-credit = حقوق الصورة
nr-save = حفظ
nr-saved = حُفظ المقال.
nr-restored = استُعيدت النسخة وحُفظت نسخةً جديدة.
nr-view-on-site = عرض المقال في الموقع
nr-autosaved = حُفظت مسودة على هذا الجهاز
nr-role-admin = مدير
nr-role-editor = محرر
nr-role-author = كاتب
nr-role-moderator = مشرف تعليقات
nr-status-draft = مسودة
nr-status-scheduled = مجدول
nr-status-published = منشور
nr-status-unpublished = موقوف النشر
nr-err-title-required = العنوان مطلوب.
nr-err-title-too-long = العنوان أطول من { $max } حرف.
nr-err-lead-too-long = المقدمة أطول من { $max } حرف.
nr-err-body-too-long = النص أطول من { $max } حرف.
nr-err-slug-invalid = الرابط المختصر فارغ أو فيه حروف لا تصلح في رابط (مسافة أو / أو ? أو #).
nr-err-slug-too-long = الرابط المختصر أطول من { $max } حرف.
nr-err-slug-taken = مقال آخر يستخدم هذا الرابط المختصر. اختر غيره.
nr-err-control-characters = في هذا الحقل رموز تحكم غير مسموح بها.
nr-err-name-required = هذا الحقل فارغ.
nr-err-name-too-long = هذا الحقل أطول من { $max } حرف.
nr-err-too-many-tags = لا يزيد عدد الوسوم على { $max }.
nr-err-source-url-invalid = رابط المصدر يجب أن يبدأ بـ https:// أو http://.
nr-err-source-name-required = اكتب اسم المصدر مع رابطه.
nr-err-cover-url-invalid = رابط الصورة يجب أن يبدأ بـ https:// أو أن يكون مساراً في هذا الموقع.
nr-err-cover-alt-required = اكتب وصفاً للصورة لمن لا يراها.
nr-err-schedule-time-required = حدّد وقت النشر للمقال المجدول.
nr-err-status-invalid = اختر حالة من القائمة.
nr-err-status-not-allowed = يحفظ الكاتب مسودات فقط؛ ينشرها المحرر.
nr-err-publish-time-invalid = وقت النشر غير مفهوم. استخدم الصيغة 2026-11-26T10:00.
nr-err-publish-time-past = وقت النشر المجدول مضى. اختر وقتاً قادماً، أو اختر «منشور» للنشر الآن.
nr-err-publish-time-future = وقت النشر في المستقبل: اختر الحالة «مجدول».
nr-err-publish-time-far =
    لا يُجدول النشر لأبعد من { PLURAL($n) ->
        [zero] { $n } يوم
        [one] يوم واحد
        [two] يومين
        [few] { $n } أيام
        [many] { $n } يوماً
       *[other] { $n } يوم
    }.
forbidden-body = ليس لحسابك صلاحية تنفيذ هذا الطلب، أو انتهت صلاحية النموذج. أعد تحميل الصفحة وحاول مجدداً.
conflict-body = تغيّر هذا المحتوى منذ فتحته. أعد تحميل الصفحة.
nr-upload = رفع صورة
nr-err-media-not-an-image = هذا الملف ليس صورة بصيغة JPEG أو PNG أو WebP أو GIF.
nr-err-media-svg = لا تُقبل صور SVG لأنها قد تحمل شيفرة تُنفَّذ في الموقع. استخدم PNG.
nr-err-media-too-many-pixels = أبعاد الصورة أكبر من المسموح (50 مليون نقطة، و12000 نقطة للضلع).
nr-err-media-broken = تعذرت قراءة الصورة؛ قد يكون الملف تالفاً.
nr-err-media-too-large = حجم الملف أكبر من المسموح.

## Sections and tags (الأقسام والوسوم)

nr-sections = الأقسام
nr-sections-total =
    { PLURAL($n) ->
        [zero] لا أقسام
        [one] قسم واحد
        [two] قسمان
        [few] { $n } أقسام
        [many] { $n } قسمًا
       *[other] { $n } قسم
    }
nr-tags-total =
    { PLURAL($n) ->
        [zero] لا وسوم
        [one] وسم واحد
        [two] وسمان
        [few] { $n } وسوم
        [many] { $n } وسمًا
       *[other] { $n } وسم
    }
nr-new-section = قسم جديد
nr-new-tag = وسم جديد
nr-no-sections = لا أقسام بعد.
nr-no-tags = لا وسوم هنا.
nr-tax-fix-errors = لم يُحفظ. صحّح الحقل المشار إليه أدناه؛ ما كتبته باقٍ في النموذج.
nr-tax-name = الاسم
nr-tax-slug-hint = اتركه فارغًا ليُصنع من الاسم بقواعد الروابط العربية.
nr-tax-create = إضافة
nr-nav-order = الترتيب في قائمة الموقع
nr-move-up = تقديم
nr-move-down = تأخير
nr-tax-created = أُضيف، وهو ظاهر في الموقع الآن.
nr-tax-saved = حُفظت التعديلات، والموقع يعرضها الآن.
nr-tax-deleted = حُذف.
nr-tax-merged = دُمج الوسم، وانتقلت مقالاته إلى هذا الوسم.
nr-tax-moved = تغيّر الترتيب، وقائمة الموقع تتبعه الآن.
nr-tax-moved-articles = حُذف القسم ونُقلت مقالاته إلى القسم المختار.
nr-edit-section = تعديل القسم «{ $name }»
nr-edit-tag = تعديل الوسم «{ $name }»
nr-back-to-sections = العودة إلى الأقسام
nr-back-to-tags = العودة إلى الوسوم
nr-delete-section = حذف القسم
nr-delete-tag = حذف الوسم
nr-delete = حذف
nr-tax-suggested-slug = الرابط المقترح من الاسم
nr-view-page-on-site = عرض صفحته في الموقع
nr-tax-slug-warning = تغيير الرابط المختصر يغيّر عنوان صفحته في الموقع.
nr-merge-tag = دمج الوسم في وسم آخر
nr-merge-into = اسم الوسم الذي يُدمج فيه
nr-merge-hint = تحمل مقالات هذا الوسم الوسمَ المختار، ثم يُحذف هذا الوسم.
nr-merge = دمج
nr-move-articles-to = انقل مقالاته إلى قسم
nr-err-section-name-taken = قسم آخر يحمل هذا الاسم.
nr-err-tag-name-taken = وسم آخر يحمل هذا الاسم.
nr-err-section-slug-taken = قسم آخر يستخدم هذا الرابط المختصر. اختر غيره.
nr-err-tag-slug-taken = وسم آخر يستخدم هذا الرابط المختصر. اختر غيره.
nr-err-section-has-articles =
    في هذا القسم { PLURAL($n) ->
        [zero] لا مقالات
        [one] مقال واحد
        [two] مقالان
        [few] { $n } مقالات
        [many] { $n } مقالًا
       *[other] { $n } مقال
    }؛ اختر قسمًا تُنقل إليه قبل الحذف.
nr-err-tag-has-articles =
    يحمل هذا الوسم { PLURAL($n) ->
        [zero] لا مقالات
        [one] مقال واحد
        [two] مقالان
        [few] { $n } مقالات
        [many] { $n } مقالًا
       *[other] { $n } مقال
    }؛ ادمجه في وسم آخر بدل حذفه.
nr-err-move-target = القسم المختار غير موجود. اختر قسمًا من القائمة.
nr-err-merge-unknown = لا يوجد وسم بهذا الاسم.
nr-err-merge-same = لا يُدمج الوسم في نفسه.

## Site settings (إعدادات الموقع)

nr-settings = إعدادات الموقع
nr-settings-fix-errors = لم تُحفظ الإعدادات. صحّح الحقول المشار إليها أدناه؛ ما كتبته باقٍ في النموذج.
nr-settings-from-config = القيم المعروضة من ملف الإعدادات. حفظ هذه الصفحة يجعل قيمها هي النافذة.
nr-settings-saved-by = حفظ { $name } هذه الإعدادات في { $date }، وهي تتقدم على ملف الإعدادات.
nr-settings-identity = هوية الموقع
nr-site-name = اسم الموقع
nr-logo = الشعار
nr-logo-hint = صورة JPEG أو PNG أو WebP تظهر في رأس الموقع مكان الحرف.
nr-logo-remove = إزالة الشعار
nr-logo-alt = وصف الشعار لمن لا يرى الصورة
nr-settings-dates = الأرقام والتواريخ
nr-digits = الأرقام
nr-digits-western = الأرقام العربية الغربية ({ $example })
nr-digits-arabic-indic = الأرقام الهندية ({ $example })
nr-month-names = أسماء الأشهر
nr-months-egypt = مصر والخليج
nr-months-levant = الشام والعراق
nr-months-maghreb = الجزائر وتونس
nr-months-morocco = المغرب
nr-time-zone-hint = اسم منطقة من قاعدة IANA، مثل Asia/Riyadh أو Africa/Cairo.
nr-show-hijri = عرض التاريخ الهجري بجانب الميلادي
nr-settings-comments = التعليقات
nr-comment-moderation = مراجعة التعليقات
nr-moderation-all = يراجع المشرف كل تعليق قبل نشره
nr-moderation-first-time = يراجع المشرف أول تعليق لكل معلّق فقط
nr-moderation-none = تُنشر التعليقات مباشرة ما لم تحجزها قواعد مكافحة الإزعاج
nr-close-after-days = إغلاق التعليقات بعد النشر بعدد من الأيام
nr-close-after-days-hint = 0: لا تُغلق التعليقات أبدًا.
nr-settings-saved = حُفظت الإعدادات، والموقع يعرضها الآن.
nr-settings-reset = العودة إلى قيم ملف الإعدادات
nr-settings-reset-hint = يمحو ما حُفظ في هذه الصفحة، فتعود قيم ملف الإعدادات.
nr-settings-reset-done = عادت قيم ملف الإعدادات.
nr-err-site-name-required = اسم الموقع مطلوب.
nr-err-logo-unknown = هذا الشعار ليس صورة مرفوعة إلى هذا الموقع. ارفع الصورة من جديد.
nr-err-logo-alt-required = اكتب وصفًا للشعار لمن لا يرى الصورة.
nr-err-choose-from-list = اختر قيمة من القائمة.
nr-err-time-zone-unknown = هذه ليست منطقة زمنية معروفة. اكتب اسمًا مثل Asia/Riyadh.
nr-err-close-days = اكتب عددًا صحيحًا من 0 إلى { $max }.

## Autosave and the full-page preview

nr-autosaved-server = حُفظت المسودة على الخادم الساعة { $time }
nr-autosave-offer = لديك مسودة حُفظت تلقائيًا في { $time }، وهي أحدث من آخر حفظ لهذا المقال.
nr-autosave-restore = استعادة المسودة المحفوظة تلقائيًا
nr-autosave-discard = تجاهلها
nr-autosave-restored = استُعيدت المسودة المحفوظة تلقائيًا. راجعها ثم احفظ المقال.
nr-preview-page = معاينة كما سيراها القارئ
nr-preview-banner = معاينة: هكذا ستبدو الصفحة للقارئ. ما فيها لم يُحفظ بعد ولم يُنشر.
nr-preview-untitled = (بلا عنوان)
nr-upload-hint = إن لم تُرفع الصورة فور اختيارها فستُرفع مع حفظ المقال.
