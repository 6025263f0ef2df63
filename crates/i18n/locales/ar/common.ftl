### Khabar — Arabic interface strings (the reference language).
###
### Every message here must also exist in ../en/common.ftl with the same
### variables (a test checks). Numbers passed to messages are written by the
### code in the site's digit style (٠–٩ or 0–9): never type digits into a
### translation that stand for a variable.
###
### Plural messages select on { PLURAL($n) -> … }, never on { $n -> … }:
### PLURAL() gives the CLDR category from ICU4X, while Fluent's built-in
### selection gets Arabic wrong from 100 on (103 and 128 come out "other").
### A test enforces this.
###
### How Arabic counts nouns (العدد والمعدود), and how it maps onto the CLDR
### plural categories:
###
###   zero   n = 0              «لا» + plural:              لا مشاهدات
###   one    n = 1              noun + «واحد/واحدة»:         مشاهدة واحدة، تعليق واحد
###                             (time units stand alone:     دقيقة، ساعة، يوم)
###   two    n = 2              the dual, no digit:          مشاهدتان، تعليقان
###                             after a preposition such as «منذ» the dual is
###                             genitive:                    منذ دقيقتين، منذ يومين
###   few    n % 100 = 3..10    genitive PLURAL:             3 مشاهدات، 10 تعليقات، 103 مقالات
###   many   n % 100 = 11..99   accusative SINGULAR (tamyiz): 11 مشاهدة، 99 تعليقًا، 128 مقالًا
###                             masculine nouns show the accusative as tanween
###                             with alif (تعليقًا، مقالًا، يومًا، زائرًا); feminine
###                             nouns in ة carry it invisibly, undiacritised
###                             (مشاهدة، دقيقة، نتيجة).
###   other  n % 100 = 0..2, n ≥ 100
###                             genitive SINGULAR (idafa):   100 مشاهدة، 101 تعليق، 1000 مقال
###
### Only the last two digits matter from 100 on, so 103 takes the plural like
### 3, and 111 the accusative singular like 11. The case of the tamyiz does not
### change after «منذ»: «منذ 11 يومًا», «منذ 100 يوم».
###
### Style: hamza and shadda where they disambiguate (نُشر، حُدّث), no other
### harakat; «…» and «،» are Arabic punctuation.

## Site chrome

site-name = خبر
nav-home = الرئيسية
latest = آخر الأخبار
most-read = الأكثر قراءة
read-also = اقرأ أيضا
related = مقالات ذات صلة
source = المصدر
tags = الوسوم
by-author = بقلم
published-on = نُشر في
updated-on = حُدّث في
section = القسم
author = الكاتب
# $section (String) — the section's name, e.g. «رياضة».
more-in-section = المزيد من { $section }
comments = التعليقات
leave-comment = اترك تعليقاً
views-label = المشاهدات
visitors-label = زوار الموقع
skip-to-content = تخطَّ إلى المحتوى
all-rights = جميع الحقوق محفوظة

## Pagination

# $n (Number) — the page number.
page-n = الصفحة { $n }
next-page = التالي
prev-page = السابق

## Search

search = بحث
search-placeholder = ابحث في الأخبار…
# $query (String) — what the reader typed.
search-results-for = نتائج البحث عن: { $query }
search-no-results = لم نعثر على نتائج مطابقة. جرّب كلمات أخرى أو أقل.

## Error pages

not-found-title = الصفحة غير موجودة
not-found-body = عذرًا، لم نعثر على الصفحة التي تبحث عنها. ربما نُقلت أو حُذفت، أو أن الرابط غير صحيح.
error-title = حدث خطأ
error-body = عذرًا، حدث خطأ غير متوقع أثناء معالجة طلبك. حاول مرة أخرى بعد قليل.
bad-request-title = طلب غير صالح
bad-request-body = تعذّر فهم الطلب. تحقّق من الرابط أو من البيانات المرسلة ثم أعد المحاولة.

## Counted nouns: `Localizer::count`. $n (Number) — the count.
## The nominative forms, for labels standing on their own («128 مشاهدة»).

count-view =
    { PLURAL($n) ->
        [zero] لا مشاهدات
        [one] مشاهدة واحدة
        [two] مشاهدتان
        [few] { $n } مشاهدات
        [many] { $n } مشاهدة
       *[other] { $n } مشاهدة
    }
count-comment =
    { PLURAL($n) ->
        [zero] لا تعليقات
        [one] تعليق واحد
        [two] تعليقان
        [few] { $n } تعليقات
        [many] { $n } تعليقًا
       *[other] { $n } تعليق
    }
count-reply =
    { PLURAL($n) ->
        [zero] لا ردود
        [one] رد واحد
        [two] ردان
        [few] { $n } ردود
        [many] { $n } ردًا
       *[other] { $n } رد
    }
count-article =
    { PLURAL($n) ->
        [zero] لا مقالات
        [one] مقال واحد
        [two] مقالان
        [few] { $n } مقالات
        [many] { $n } مقالًا
       *[other] { $n } مقال
    }
count-visitor =
    { PLURAL($n) ->
        [zero] لا زوار
        [one] زائر واحد
        [two] زائران
        [few] { $n } زوار
        [many] { $n } زائرًا
       *[other] { $n } زائر
    }
count-result =
    { PLURAL($n) ->
        [zero] لا نتائج
        [one] نتيجة واحدة
        [two] نتيجتان
        [few] { $n } نتائج
        [many] { $n } نتيجة
       *[other] { $n } نتيجة
    }
count-page =
    { PLURAL($n) ->
        [zero] لا صفحات
        [one] صفحة واحدة
        [two] صفحتان
        [few] { $n } صفحات
        [many] { $n } صفحة
       *[other] { $n } صفحة
    }
# Durations («مدة القراءة: 5 دقائق»). A unit of time names one of itself
# without «واحدة»; zero reads «أقل من …».
count-minute =
    { PLURAL($n) ->
        [zero] أقل من دقيقة
        [one] دقيقة
        [two] دقيقتان
        [few] { $n } دقائق
        [many] { $n } دقيقة
       *[other] { $n } دقيقة
    }
count-hour =
    { PLURAL($n) ->
        [zero] أقل من ساعة
        [one] ساعة
        [two] ساعتان
        [few] { $n } ساعات
        [many] { $n } ساعة
       *[other] { $n } ساعة
    }
count-day =
    { PLURAL($n) ->
        [zero] أقل من يوم
        [one] يوم
        [two] يومان
        [few] { $n } أيام
        [many] { $n } يومًا
       *[other] { $n } يوم
    }

## Relative times: `Localizer::relative`. $n (Number) — whole units elapsed,
## never 0 (under a minute is `relative-now`). After «منذ» the dual is
## genitive (دقيقتين، ساعتين، يومين).

relative-now = الآن
relative-minutes =
    { PLURAL($n) ->
        [one] منذ دقيقة
        [two] منذ دقيقتين
        [few] منذ { $n } دقائق
        [many] منذ { $n } دقيقة
       *[other] منذ { $n } دقيقة
    }
relative-hours =
    { PLURAL($n) ->
        [one] منذ ساعة
        [two] منذ ساعتين
        [few] منذ { $n } ساعات
        [many] منذ { $n } ساعة
       *[other] منذ { $n } ساعة
    }
relative-days =
    { PLURAL($n) ->
        [one] منذ يوم
        [two] منذ يومين
        [few] منذ { $n } أيام
        [many] منذ { $n } يومًا
       *[other] منذ { $n } يوم
    }
