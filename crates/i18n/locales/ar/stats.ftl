### Visitor statistics: the reading site's labels and the editors' report.

stats-today = اليوم
stats-this-week = هذا الأسبوع
stats-reading-now = يقرؤون الآن
stats-views-per-day = المشاهدات والزوار يوميًا
stats-top-articles = الأكثر قراءة
stats-top-sections = الأقسام الأكثر قراءة
stats-referrers = مصادر الزيارات
stats-filtered = زيارات لم تُحتسب
