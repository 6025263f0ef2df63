## Search page (see also `search`, `search-placeholder`, `search-results-for`,
## `search-no-results` in common.ftl).

search-empty = اكتب كلمة أو أكثر في مربع البحث للعثور على الأخبار والمقالات.
search-nothing-to-search = لم نجد في عبارتك كلمات يمكن البحث عنها. جرّب كلمات بالعربية أو بالإنجليزية.
search-truncated = عبارة البحث طويلة، فاستخدمنا أولها فقط.
# $max (Number) — how many results can be browsed.
search-page-out-of-range = لا توجد نتائج في هذه الصفحة. يمكن تصفّح أول { $max } نتيجة فقط.
search-submit = ابحث
search-filters = تصفية النتائج
search-section = القسم
search-all-sections = كل الأقسام
search-from = من تاريخ
search-to = إلى تاريخ
search-author = الكاتب
search-clear-author = إزالة
search-hint = تطابق الكلمات صيغها المختلفة (أحمد/احمد، الصين/بالصين). ضع العبارة بين علامتي تنصيص «…» للبحث عنها كما هي.

## «اقرأ أيضا» in the newsroom editor: pinned links.

search-pins = روابط «اقرأ أيضا» مثبتة
search-pin-search = ابحث عن مقال بعنوانه لتثبيته
# $max (Number) — how many links may be pinned.
search-pins-hint =
    { PLURAL($max) ->
        [one] مقال واحد في كل سطر: رقمه أو رابطه. يظهر قبل المقالات المقترحة آليًا، ويُستخدم أولها في «اقرأ أيضا» وسط النص.
        [two] مقالان على الأكثر، واحد في كل سطر: رقمه أو رابطه. يظهران قبل المقالات المقترحة آليًا، ويُستخدم أولهما في «اقرأ أيضا» وسط النص.
        [few] { $max } مقالات على الأكثر، واحد في كل سطر: رقمه أو رابطه. تظهر قبل المقالات المقترحة آليًا، ويُستخدم أولها في «اقرأ أيضا» وسط النص.
       *[other] { $max } مقالًا على الأكثر، واحد في كل سطر: رقمه أو رابطه. تظهر قبل المقالات المقترحة آليًا، ويُستخدم أولها في «اقرأ أيضا» وسط النص.
    }
search-pin-shown = ظاهر للقراء
search-pin-hidden = غير منشور: لن يظهر للقراء حتى يُنشر
# $max (Number)
search-pin-too-many =
    { PLURAL($max) ->
        [one] يمكن تثبيت مقال واحد فقط.
        [two] يمكن تثبيت مقالين على الأكثر.
        [few] يمكن تثبيت { $max } مقالات على الأكثر.
       *[other] يمكن تثبيت { $max } مقالًا على الأكثر.
    }
# $line (String) — what the editor typed on that line.
search-pin-unreadable = السطر «{ $line }» ليس رقم مقال ولا رابطًا لمقال على هذا الموقع.
search-pin-self = لا يمكن أن يشير المقال إلى نفسه.
# $id (String) — an article number, as written in its address.
search-pin-repeated = المقال رقم { $id } مذكور أكثر من مرة.
search-pin-missing = لا يوجد مقال بالرقم { $id }.

## Near-duplicates: the editor's warning and the newsroom page.

search-duplicate-warning = تنبيه: نص هذا المقال قريب جدًا من مقال منشور. تأكد من أنك لا تنشر الخبر نفسه مرتين.
# $n (Number) — estimated similarity, in percent.
search-similarity = تشابه { $n }٪
search-similarity-heading = التشابه
search-duplicates = المقالات المكررة
search-duplicates-intro = أزواج من المقالات المنشورة تتشابه نصوصها إلى حد كبير، الأحدث أولًا. إن لم يكن الزوج تكرارًا فاختر «ليس تكرارًا» ليختفي من القائمة.
# $n (Number) — how many pairs.
search-duplicates-count =
    { PLURAL($n) ->
        [zero] لا أزواج
        [one] زوج واحد
        [two] زوجان
        [few] { $n } أزواج
        [many] { $n } زوجًا
       *[other] { $n } زوج
    }
search-duplicate-newer = المقال الأحدث
search-duplicate-older = المقال الأقدم
search-not-a-duplicate = ليس تكرارًا
search-duplicate-dismissed = أُزيل الزوج من القائمة ولن يظهر فيها مجددًا.
search-no-duplicates = لا توجد مقالات مكررة.
