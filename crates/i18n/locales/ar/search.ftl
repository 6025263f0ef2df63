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
