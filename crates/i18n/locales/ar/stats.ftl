### Visitor statistics: the reading site's labels and the editors' report.

stats-today = اليوم
stats-this-week = هذا الأسبوع
stats-reading-now = يقرؤون الآن
stats-views-per-day = المشاهدات والزوار يوميًا
stats-top-articles = الأكثر قراءة
stats-top-sections = الأقسام الأكثر قراءة
stats-referrers = مصادر الزيارات
stats-filtered = زيارات لم تُحتسب

## The newsroom's statistics pages (/newsroom/stats).

stats-title = الإحصاءات
stats-views = المشاهدات
stats-visitors = الزوار
stats-range-today = اليوم
# $days is already counted: «7 أيام», «30 يومًا».
stats-range-last = آخر { $days }
stats-range-custom = مدة أخرى
stats-range = المدة
stats-from = من
stats-to = إلى
stats-show = اعرض
stats-visitors-note = يُعرف الزائر يومًا واحدًا فقط (بلا ملفات تعريف)، فزوار مدة من عدة أيام هم مجموع زوار أيامها.
# $minutes is already counted: «5 دقائق».
stats-reading-now-note = زوار قرؤوا في آخر { $minutes } على هذا الخادم؛ رقم دقيق من الذاكرة، لا يُحفظ.
stats-filtered-note = طلبات أجيبت ولم تُحتسب مشاهدات.
stats-export-csv = تنزيل الجدول (CSV)
stats-per-day = الأرقام يومًا بيوم
stats-date = التاريخ
stats-article = المقال
stats-section = القسم
stats-no-section = بلا قسم
stats-deleted-article = مقال محذوف
stats-share = النسبة
stats-reason = السبب
stats-hits = الطلبات
stats-empty = لا مشاهدات في هذه المدة بعد.
stats-off = إحصاءات الزوار متوقفة على هذا الخادم.
stats-other = أخرى
stats-dimension-referrer_group = مصادر الزيارات
stats-dimension-referrer_site = المواقع المُحيلة
stats-dimension-browser = المتصفحات
stats-dimension-os = أنظمة التشغيل
stats-dimension-device = الأجهزة
stats-column-referrer_group = المصدر
stats-column-referrer_site = الموقع
stats-column-browser = المتصفح
stats-column-os = النظام
stats-column-device = الجهاز
stats-group-search = محركات البحث
stats-group-social = الشبكات الاجتماعية
stats-group-website = مواقع أخرى
stats-group-direct = مباشرة
stats-group-internal = من داخل الموقع
stats-device-desktop = حاسوب
stats-device-mobile = هاتف
stats-device-tablet = جهاز لوحي
stats-device-other = أجهزة أخرى
stats-reason-crawler = زواحف ومحركات فهرسة
stats-reason-headless = متصفحات آلية
stats-reason-empty_agent = بلا اسم متصفح
stats-reason-malformed_agent = اسم متصفح تالف
stats-reason-prefetch = تحميل مسبق
stats-reason-opt_out = طلب عدم التتبع (DNT/GPC)
stats-reason-address_cap = تجاوز حد العنوان الواحد
stats-reason-overload = ذاكرة العدّ ممتلئة
# $example is a date in the site's digits, e.g. ٢٠٢٦-١١-٢٦.
stats-error-date-missing = اكتب التاريخ.
stats-error-date-invalid = تاريخ غير صحيح؛ اكتبه بالشكل { $example }.
stats-error-date-future = هذا اليوم لم يأتِ بعد.
stats-error-range-reversed = تاريخ النهاية قبل تاريخ البداية.
stats-error-range-too-long = المدة أطول من سنتين؛ اختر مدة أقصر.
stats-fix-range = صحّح المدة ثم اعرضها من جديد.
stats-article-title = إحصاءات مقال
stats-all-time = منذ البداية
stats-in-range = في المدة
stats-open-article = المقال على الموقع
stats-edit-article = فتحه في المحرر
stats-back = كل الإحصاءات
stats-no-sources = لا مصادر مسجّلة لهذا المقال في هذه المدة.

## The visitor badge in the site header.

stats-badge-today = اليوم
stats-badge-total = المجموع
stats-badge-online = الآن
