# Strings of the public reading site (the web layer's templates and error pages).

site-tagline = أخبار موثوقة بالعربية، لحظة بلحظة
sections-nav = أقسام الموقع
top-stories = أبرز الأخبار
no-articles-yet = لم يُنشر أي خبر بعد.
back-home = العودة إلى الصفحة الرئيسية
breadcrumb = مسار التصفح
toc = في هذا المقال
pagination = التنقل بين الصفحات
tag = وسم
# Page n of m, under a list of articles.
page-n-of-m = الصفحة { $n } من { $m }
method-not-allowed-body = لا يمكن تنفيذ هذا الطلب على هذه الصفحة.
timeout-body = استغرق تحضير الصفحة وقتاً أطول من المعتاد. يُرجى المحاولة مرة أخرى بعد قليل.
too-large-body = حجم الطلب أكبر من المسموح به.
too-many-requests-body = أرسلت طلبات كثيرة في وقت قصير. يُرجى الانتظار قليلاً ثم المحاولة مجدداً.
