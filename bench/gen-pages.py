#!/usr/bin/env python3
"""gen-pages.py - write many made-up scraped web pages for benchmarking.

Every page is generated here, from word lists and sentence templates: no
file is read.  A page is what a scraper writes for a news or blog page:
skip links, a navigation menu, breadcrumbs, ad and tracking scripts (JS
object literals, JSON-LD), a headline, a byline and a date, share widgets,
photo captions, several paragraphs of article prose, ads between them,
tags, "Related" and "Most popular" lists under headings, a newsletter
prompt, a comment form and comments, a cookie prompt and a footer.

Prose is English, German, Spanish, French, Russian or Chinese, built from
sentence templates with ordinary function words, so its stopword density
is that of real prose; it has curly quotes, dashes, non-ASCII letters and,
in some pages, HTML entities left over by the scraper.  Pages are rendered
in four styles: `lynx -dump` (indented, hard-wrapped), `html2text`
(starred headings, wrapped), a naive `get_text()` dump (one line per text
node, script and style contents included) and a copy-paste.

One sentence of one body paragraph of every page carries a marker,
"Document N marker" (N = the page's number from 1), phrased as part of a
normal sentence, so that a benchmark can count the articles an extractor
kept.  Wrapping may put a line break inside the marker (throughput.py
reads it across one).

Output formats: plain (pages one after another, a blank line between), -z
(each page followed by a NUL byte) and --jsonl (one {"text": ...} object a
line).  The same --seed and --size give the same pages in every format:
generation stops once the pages' own text (not the framing) reaches the
size.  The random generator is seeded, so output is deterministic for a
given Python 3 version.

    gen-pages.py --size 200 --seed 1 -o /tmp/pages.txt --meta /tmp/pages.json

--pick N writes page N alone, as it is in the stream of the same --size and
--seed.  --meta writes a JSON summary: parameters, the page count, bytes, and per
page its language and style (strings with one letter a page).
"""

import argparse
import json
import random
import unicodedata
import re
import sys

MB = 1000 * 1000

# --------------------------------------------------------------------------
# Languages.  Slot names in templates: {N} noun phrase, {A} adjective,
# {V} past verb / participle, {I} infinitive, {P} person, {C} place,
# {O} organisation, {R} role, {D} number, {M} month, {W} weekday, {Q} quote,
# {T} topic (short noun, used in headlines).  Each language picks the
# forms that keep its grammar roughly right (German and French use plural
# nouns, whose articles do not depend on gender; Russian slots are
# pre-declined phrases).
# --------------------------------------------------------------------------

EN = dict(
    code='en',
    quotes=('\u201c', '\u201d'),
    N=['council', 'plan', 'budget', 'report', 'committee', 'government',
       'project', 'company', 'school', 'hospital', 'bridge', 'railway',
       'station', 'market', 'river', 'harbour', 'village', 'union',
       'museum', 'library', 'court', 'police', 'airport', 'festival',
       'programme', 'proposal', 'study', 'survey', 'law', 'tax',
       'election', 'campaign', 'agreement', 'strike', 'factory', 'farm',
       'forest', 'coast', 'storm', 'drought', 'harvest', 'price',
       'contract', 'network', 'service', 'system', 'decision', 'inquiry',
       'scheme', 'office', 'district', 'region', 'community', 'industry'],
    A=['new', 'local', 'regional', 'national', 'small', 'large', 'old',
       'public', 'private', 'difficult', 'important', 'recent', 'early',
       'late', 'expensive', 'cheap', 'modest', 'ambitious', 'cautious',
       'costly', 'controversial', 'popular', 'quiet', 'busy', 'remote',
       'northern', 'southern', 'eastern', 'western', 'second', 'final'],
    V=['approved', 'rejected', 'delayed', 'announced', 'reviewed',
       'expanded', 'criticised', 'welcomed', 'funded', 'opened', 'closed',
       'changed', 'published', 'questioned', 'supported', 'postponed',
       'defended', 'signed', 'challenged', 'cancelled', 'considered'],
    I=['approve', 'review', 'delay', 'fund', 'expand', 'change', 'explain',
       'defend', 'finish', 'reopen', 'replace', 'extend', 'protect',
       'publish', 'examine', 'support', 'rebuild', 'reduce'],
    P=['Anna Holm', 'David Okafor', 'Sarah Mitchell', 'James Whitfield',
       'Priya Raman', 'Thomas Brennan', 'Laura Chen', 'Michael Osei',
       'Emily Carter', 'Robert Lindqvist', 'Fatima Haddad', 'Peter Novak',
       'Grace O\u2019Neill', 'Samuel Adeyemi', 'Helen M\u00fcller',
       'Jos\u00e9 Alvarez', 'Claire Dubois', 'Mark Jensen'],
    C=['Leeds', 'Bristol', 'Cork', 'Aberdeen', 'the valley', 'the county',
       'Portland', 'Halifax', 'Dunedin', 'Brisbane', 'the capital',
       'Norwich', 'Swansea', 'the harbour town', 'Galway', 'Winnipeg'],
    O=['city council', 'health authority', 'transport ministry',
       'chamber of commerce', 'teachers\u2019 union', 'regional assembly',
       'environment agency', 'residents\u2019 association', 'university',
       'port authority', 'farmers\u2019 cooperative', 'audit office'],
    R=['chair', 'spokeswoman', 'spokesman', 'director', 'head',
       'deputy leader', 'treasurer', 'chief engineer', 'secretary'],
    M=['January', 'February', 'March', 'April', 'May', 'June', 'July',
       'August', 'September', 'October', 'November', 'December'],
    W=['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday',
       'Sunday'],
    Q=['We have to get this right, and that takes time',
       'Nobody here wants to see the {N} close',
       'It is the most {A} decision we have made in years',
       'The numbers simply do not add up',
       'We were told the {N} would be finished by {M}, and it was not',
       'People in {C} deserve a straight answer',
       'This is not about politics; it is about the {N}',
       'I have lived here all my life and I have never seen anything like it'],
    T=['Council', 'Budget', 'Rail', 'Harbour', 'Schools', 'Hospital',
       'Farmers', 'Storm', 'Prices', 'Museum', 'Bridge', 'Election',
       'Union', 'Festival', 'Court', 'Forest'],
    templates=[
        'The {N} in {C} has {V} the {A} {N} that the {O} had promised for the {N}.',
        '{P}, who has worked on the {N} for {D} years, said the {N} was {A} but that it would not be enough on its own.',
        'According to the {O}, more than {D} people in {C} have been affected by the {A} {N} since {M}.',
        'It is not yet clear whether the {O} will be able to {I} the {N} before the end of the year.',
        'In a statement on {W}, the {O} said it was aware of the concerns and would {I} the {N} with the {N} in {C}.',
        '\u201c{Q},\u201d said {P}, the {R} of the {O}.',
        'The {N} was first {V} in {M}, when the {O} put the cost at \u00a3{D} million.',
        'Critics say the {N} is too {A}, and that the money would be better spent on the {N}.',
        'Some of those who live near the {N} have {V} the plan, while others say they were never asked.',
        'There are about {D} of them in {C}, and most of them are {A}.',
        'By the time the {O} met again in {M}, the {N} had already been {V}.',
        'She added that the {N} would be {V} \u2014 but only if the {O} agreed to {I} it first.',
        'The {A} {N} is expected to cost around ${D} million, a figure that has risen twice since the start.',
        'For now, the {N} remains {A}, and the {O} has not said when it will {I} the {N}.',
        'He said the {O} had \u201cno choice\u201d but to {I} the {N}, because the {N} was no longer safe.',
        'Last year the {N} in {C} was {V} after a {A} {N} that lasted {D} days.',
        'That is why the {O} wants to {I} the {N} as soon as it can, and why it has asked for help.',
        'As far as we know, none of the {N} has been {V}, and nobody from the {O} was available for comment.',
        'The {R} of the {O}, {P}, told reporters on {W} that the {N} was {A} and would have to be {V}.',
        'Their {N} is one of the most {A} in the region, and it has been {V} several times since {D}.',
    ],
    markers=[
        'The desk filed this report as Document {id} marker in the archive, and the figures in it were checked again before publication.',
        'Readers who write to us about this story can quote Document {id} marker, which is how the newsroom keeps track of the letters it gets.',
        'This account, listed in our records as Document {id} marker, was put together from interviews with people on both sides of the dispute.',
    ],
    boiler=dict(
        skip='Skip to content', skip2='Skip to main content',
        menu=['News', 'World', 'Business', 'Sport', 'Culture', 'Opinion',
              'Politics', 'Science', 'Travel', 'Video', 'Podcasts',
              'Weather', 'Local', 'Health', 'Tech', 'Life & Style'],
        home='Home', login=['Sign in', 'Subscribe', 'Search', 'Menu',
                            'Log in', 'Register', 'My account'],
        by='By {P}', updated=['Updated {h}:{mm} am GMT, {W}, {M} {d}, {y}',
                              'Published {d} {M} {y}', '{M} {d}, {y} at {h}:{mm} pm',
                              'Last modified on {W} {d} {M} {y} {h}.{mm} BST'],
        read='{n} min read',
        share=['Share on Facebook', 'Share on Twitter', 'Share on WhatsApp',
               'Email', 'Print', 'Copy link', 'Share this article',
               'Tweet', 'Pin it', 'Save'],
        photo=['Photo', 'Image', 'Photograph', 'Credit'],
        agency=['Getty Images', 'Reuters', 'AP', 'AFP', 'PA', 'Alamy',
                'Shutterstock'],
        ad=['Advertisement', 'ADVERTISEMENT', 'Sponsored', 'Story continues below advertisement'],
        readmore='Read more: ', related=['Related', 'Related stories',
                                         'More on this story', 'You may also like',
                                         'Read next', 'More from News'],
        popular=['Most Popular', 'Most read', 'Trending', 'Popular now'],
        tags='Tags: ', topics='Topics',
        newsletter=['Sign up to our daily newsletter',
                    'Get the best of the news delivered to your inbox every morning.',
                    'Enter your email address', 'Sign up',
                    'By signing up you agree to our Terms and Privacy Policy.'],
        comment=['Leave a Reply', 'Your email address will not be published. Required fields are marked *',
                 'Comment *', 'Name *', 'Email *', 'Website',
                 'Save my name, email, and website in this browser for the next time I comment.',
                 'Post Comment'],
        comments_head=['{n} comments', 'Comments', 'Join the conversation'],
        comment_text=['Great article, thanks for sharing!', 'Totally agree with this.',
                      'Who is going to pay for all this?', 'This is exactly what happened in our town too.',
                      'Reply', 'Report', 'Like'],
        cookie=['We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.',
                'Accept all', 'Manage settings', 'Reject non-essential cookies',
                'This website uses cookies to ensure you get the best experience.',
                'Got it!'],
        footer=['\u00a9 {y} {S}. All rights reserved.',
                'Privacy Policy | Terms of Use | Contact Us | Advertise',
                'About us', 'Careers', 'Contact', 'Accessibility', 'Sitemap',
                'Follow us on Facebook, Twitter and Instagram',
                'Do not sell my personal information'],
        sites=['Coastal Daily', 'The Evening Courier', 'Metro Herald',
               'Northern Star', 'Valley Gazette', 'City Chronicle',
               'The Morning Post', 'Riverside News'],
    ),
)

DE = dict(
    code='de',
    quotes=('\u201e', '\u201c'),
    N=['Pl\u00e4ne', 'Beh\u00f6rden', 'Gemeinden', 'Schulen', 'Kliniken',
       'Br\u00fccken', 'Bahnstrecken', 'Unternehmen', 'Mieten', 'Preise',
       'Steuern', 'Projekte', 'Vorschl\u00e4ge', 'Gutachten', 'Bauarbeiten',
       'Anwohner', 'Landwirte', 'Gewerkschaften', 'Haushalte',
       'Vertr\u00e4ge', 'Messungen', 'Ergebnisse', 'Kosten', 'Zahlen',
       'Stra\u00dfen', 'Wohnungen', 'Fabriken', 'Wahlen', 'Regeln',
       'Ma\u00dfnahmen', 'Forderungen', 'Investitionen', 'Kritiker'],
    A=['neuen', 'lokalen', '\u00f6rtlichen', 'gro\u00dfen', 'kleinen', 'alten',
       'teuren', 'umstrittenen', 'geplanten', 'bisherigen', 'zust\u00e4ndigen',
       '\u00f6ffentlichen', 'privaten', 'j\u00fcngsten', 'ersten',
       'st\u00e4dtischen', 'regionalen', 'n\u00f6rdlichen', 's\u00fcdlichen'],
    V=['genehmigt', 'abgelehnt', 'verschoben', 'angek\u00fcndigt',
       '\u00fcberpr\u00fcft', 'kritisiert', 'begr\u00fc\u00dft', 'ver\u00f6ffentlicht',
       'ge\u00e4ndert', 'unterst\u00fctzt', 'beschlossen', 'gestoppt',
       'vorgelegt', 'verteidigt', 'untersucht'],
    I=['\u00fcberpr\u00fcfen', 'verschieben', 'finanzieren', 'erkl\u00e4ren',
       'erweitern', '\u00e4ndern', 'sch\u00fctzen', 'ersetzen', 'senken',
       'unterst\u00fctzen', 'umsetzen', 'beenden'],
    P=['Anna Becker', 'J\u00fcrgen Wei\u00df', 'Katrin Sch\u00e4fer',
       'Markus Hoffmann', 'Sabine Kr\u00fcger', 'Stefan Wagner',
       'Claudia Lehmann', 'Thomas M\u00fcller', 'Miriam Yilmaz',
       'Peter Schulz', 'Ulrike Fischer', 'Tobias Richter'],
    C=['Hamburg', 'Leipzig', 'K\u00f6ln', 'M\u00fcnchen', 'Dresden', 'Bremen',
       'N\u00fcrnberg', 'Freiburg', 'Kiel', 'Rostock', 'der Region',
       'dem Landkreis', 'der Stadt', 'Graz', 'Z\u00fcrich'],
    O=['Stadtrat', 'Landesregierung', 'Verkehrsministerium',
       'Industrie- und Handelskammer', 'Gesundheitsamt', 'Umweltbundesamt',
       'Bauernverband', 'Mieterverein', 'Rechnungshof', 'Kreistag'],
    R=['Sprecherin', 'Sprecher', 'Vorsitzende', 'Leiter', 'Leiterin',
       'Direktorin', 'B\u00fcrgermeisterin', 'Gesch\u00e4ftsf\u00fchrer'],
    M=['Januar', 'Februar', 'M\u00e4rz', 'April', 'Mai', 'Juni', 'Juli',
       'August', 'September', 'Oktober', 'November', 'Dezember'],
    W=['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag',
       'Samstag', 'Sonntag'],
    Q=['Wir m\u00fcssen das jetzt richtig machen, und das braucht Zeit',
       'Niemand hier will, dass die {N} verschwinden',
       'Die Zahlen passen einfach nicht zusammen',
       'Man hat uns versprochen, dass alles bis {M} fertig ist',
       'Die Menschen in {C} haben eine ehrliche Antwort verdient',
       'Das ist keine Frage der Politik, sondern der Vernunft'],
    T=['Stadtrat', 'Haushalt', 'Bahn', 'Hafen', 'Schulen', 'Klinik',
       'Mieten', 'Unwetter', 'Preise', 'Museum', 'Wahl', 'Streik'],
    templates=[
        'Die {A} {N} in {C} wurden am {W} vom {O} {V}, obwohl es lange Streit dar\u00fcber gab.',
        '{P}, die sich seit {D} Jahren mit dem Thema besch\u00e4ftigt, sagte, die {N} seien zwar wichtig, aber nicht ausreichend.',
        'Nach Angaben des {O}s sind in {C} mehr als {D} Menschen von den {A} {N} betroffen.',
        'Ob der {O} die {N} noch vor dem Ende des Jahres {I} kann, ist bisher nicht klar.',
        '\u201e{Q}\u201c, sagte {P}, die {R} des {O}s.',
        'Die {N} wurden zum ersten Mal im {M} {V}, als der {O} die Kosten auf {D} Millionen Euro sch\u00e4tzte.',
        'Kritiker halten die {N} f\u00fcr zu teuer und meinen, das Geld w\u00e4re f\u00fcr die {N} besser ausgegeben.',
        'Viele der Anwohner haben die {A} {N} {V}, andere sagen, sie seien nie gefragt worden.',
        'Als der {O} im {M} wieder zusammenkam, waren die {N} schon l\u00e4ngst {V} worden.',
        'Sie f\u00fcgte hinzu, dass man die {N} nur dann {I} werde, wenn auch der {O} zustimme \u2013 und das sei noch offen.',
        'F\u00fcr den Moment bleiben die {N} so, wie sie sind, und der {O} hat nicht gesagt, wann er sie {I} will.',
        'Im vergangenen Jahr wurden die {N} in {C} nach einem Streit, der {D} Tage dauerte, {V}.',
        'Deshalb will der {O} die {N} so schnell wie m\u00f6glich {I}, und deshalb hat er um Hilfe gebeten.',
        'Soweit bekannt ist, wurden die {N} noch nicht {V}, und beim {O} war niemand f\u00fcr eine Stellungnahme zu erreichen.',
        'Es gibt in {C} etwa {D} davon, und die meisten sind \u00e4lter als drei\u00dfig Jahre.',
        'Auch die {A} {N} sollen nach dem Willen der Stadt {V} werden, doch daf\u00fcr fehlt bisher das Geld.',
    ],
    markers=[
        'Die Redaktion hat diesen Bericht als Document {id} marker im Archiv abgelegt, und die Zahlen wurden vor der Ver\u00f6ffentlichung noch einmal gepr\u00fcft.',
        'Wer uns zu diesem Artikel schreiben m\u00f6chte, kann sich auf Document {id} marker beziehen, damit wir die Briefe zuordnen k\u00f6nnen.',
    ],
    boiler=dict(
        skip='Zum Inhalt springen', skip2='Direkt zum Inhalt',
        menu=['Startseite', 'Politik', 'Wirtschaft', 'Sport', 'Kultur',
              'Meinung', 'Wissen', 'Reise', 'Panorama', 'Regional', 'Video',
              'Podcasts', 'Wetter', 'Digital', 'Gesundheit'],
        home='Startseite', login=['Anmelden', 'Abonnieren', 'Suche', 'Men\u00fc',
                                  'Mein Konto', 'Abo'],
        by='Von {P}', updated=['Aktualisiert am {d}.{mo}.{y}, {h}:{mm} Uhr',
                               '{d}. {M} {y}, {h}:{mm} Uhr', 'Stand: {d}.{mo}.{y}'],
        read='Lesezeit: {n} Min.',
        share=['Auf Facebook teilen', 'Auf X teilen', 'Per E-Mail teilen',
               'Drucken', 'Link kopieren', 'Teilen', 'Merken'],
        photo=['Foto', 'Bild', 'Quelle'],
        agency=['dpa', 'picture alliance', 'imago images', 'Reuters', 'AFP'],
        ad=['Anzeige', 'ANZEIGE', 'Werbung'],
        readmore='Lesen Sie auch: ', related=['Mehr zum Thema', 'Das k\u00f6nnte Sie auch interessieren',
                                              'Weitere Artikel', '\u00c4hnliche Artikel'],
        popular=['Meistgelesen', 'Beliebt', 'Top-Artikel'],
        tags='Schlagw\u00f6rter: ', topics='Themen',
        newsletter=['Newsletter abonnieren', 'Die wichtigsten Nachrichten jeden Morgen in Ihrem Postfach.',
                    'E-Mail-Adresse', 'Jetzt anmelden'],
        comment=['Kommentar schreiben', 'Ihre E-Mail-Adresse wird nicht ver\u00f6ffentlicht. Erforderliche Felder sind mit * markiert',
                 'Kommentar *', 'Name *', 'E-Mail *', 'Kommentar abschicken'],
        comments_head=['{n} Kommentare', 'Kommentare', 'Diskutieren Sie mit'],
        comment_text=['Danke f\u00fcr den Artikel!', 'Wer soll das bezahlen?',
                      'Antworten', 'Melden', 'Gef\u00e4llt mir'],
        cookie=['Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis bieten zu k\u00f6nnen.',
                'Alle akzeptieren', 'Einstellungen', 'Nur notwendige Cookies'],
        footer=['\u00a9 {y} {S}. Alle Rechte vorbehalten.',
                'Impressum | Datenschutz | Kontakt | AGB', 'Mediadaten',
                'Karriere', 'Barrierefreiheit', 'Cookie-Einstellungen'],
        sites=['Hamburger Abendblatt', 'Leipziger Rundschau', 'Der Kurier',
               'Nordkurier Online', 'Stadtanzeiger'],
    ),
)

ES = dict(
    code='es',
    quotes=('\u00ab', '\u00bb'),
    NM=['proyectos', 'vecinos', 'precios', 'contratos', 'planes',
        'presupuestos', 'hospitales', 'colegios', 'puentes', 'trabajos',
        'resultados', 'datos', 'informes', 'servicios', 'sindicatos'],
    NF=['obras', 'medidas', 'ayudas', 'empresas', 'autoridades',
        'viviendas', 'carreteras', 'cifras', 'propuestas', 'elecciones',
        'huelgas', 'cosechas', 'tarifas', 'inversiones'],
    A=['importantes', 'recientes', 'actuales', 'locales', 'regionales',
       'municipales', 'principales', 'grandes', 'posibles', 'urgentes'],
    V=['aprobado', 'rechazado', 'aplazado', 'anunciado', 'revisado',
       'criticado', 'publicado', 'defendido', 'firmado', 'cancelado',
       'presentado', 'cuestionado'],
    I=['revisar', 'aplazar', 'financiar', 'explicar', 'ampliar', 'cambiar',
       'proteger', 'sustituir', 'reducir', 'apoyar', 'terminar'],
    P=['Ana Garc\u00eda', 'Jos\u00e9 Mart\u00ednez', 'Luc\u00eda Fern\u00e1ndez',
       'Carlos Ruiz', 'Mar\u00eda L\u00f3pez', 'Javier S\u00e1nchez',
       'Elena Mu\u00f1oz', 'Pablo Jim\u00e9nez', 'Carmen Ib\u00e1\u00f1ez'],
    C=['Sevilla', 'Valencia', 'Bilbao', 'Zaragoza', 'M\u00e1laga', 'C\u00e1diz',
       'la capital', 'la comarca', 'Le\u00f3n', 'Oviedo', 'Murcia', 'Lima'],
    O=['ayuntamiento', 'Gobierno regional', 'Ministerio de Transportes',
       'sindicato de profesores', 'colegio de m\u00e9dicos', 'Tribunal de Cuentas',
       'consejo municipal', 'servicio de salud'],
    R=['portavoz', 'presidenta', 'director', 'directora', 'alcaldesa',
       'responsable', 'secretario general'],
    M=['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio',
       'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'],
    W=['lunes', 'martes', 'mi\u00e9rcoles', 'jueves', 'viernes', 's\u00e1bado',
       'domingo'],
    Q=['Tenemos que hacerlo bien, y eso lleva tiempo',
       'Nadie aqu\u00ed quiere que esto se cierre',
       'Las cuentas no salen',
       'Nos dijeron que todo estar\u00eda terminado en {M}',
       'La gente de {C} merece una respuesta clara'],
    T=['Ayuntamiento', 'Presupuesto', 'Tren', 'Puerto', 'Colegios',
       'Hospital', 'Vivienda', 'Tormenta', 'Precios', 'Huelga'],
    templates=[
        'El {O} de {C} ha {V} los {NM} que se hab\u00edan prometido para este a\u00f1o.',
        '{P}, que lleva {D} a\u00f1os trabajando en el tema, explic\u00f3 que las {NF} son {A}, pero que no ser\u00e1n suficientes.',
        'Seg\u00fan el {O}, m\u00e1s de {D} personas de {C} se han visto afectadas por las {NF} desde {M}.',
        'Todav\u00eda no est\u00e1 claro si el {O} podr\u00e1 {I} los {NM} antes de que termine el a\u00f1o.',
        '\u00ab{Q}\u00bb, dijo {P}, {R} del {O}.',
        'Los {NM} se presentaron por primera vez en {M}, cuando el {O} calcul\u00f3 el coste en {D} millones de euros.',
        'Los cr\u00edticos creen que las {NF} son demasiado caras y que el dinero estar\u00eda mejor gastado en los {NM}.',
        'Algunos de los vecinos han {V} el plan, mientras que otros dicen que nunca se les pregunt\u00f3.',
        'Cuando el {O} volvi\u00f3 a reunirse en {M}, los {NM} ya hab\u00edan sido revisados.',
        'A\u00f1adi\u00f3 que las {NF} solo se van a {I} si el {O} est\u00e1 de acuerdo \u2014 y eso a\u00fan no se sabe.',
        'Por ahora, los {NM} siguen igual, y el {O} no ha dicho cu\u00e1ndo los va a {I}.',
        'El a\u00f1o pasado, las {NF} de {C} se detuvieron despu\u00e9s de una huelga que dur\u00f3 {D} d\u00edas.',
        'Por eso el {O} quiere {I} los {NM} lo antes posible, y por eso ha pedido ayuda al Gobierno.',
        'Hay unos {D} en toda la provincia, y la mayor\u00eda de ellos tienen m\u00e1s de treinta a\u00f1os.',
    ],
    markers=[
        'La redacci\u00f3n archiv\u00f3 este informe como Document {id} marker, y las cifras se comprobaron de nuevo antes de su publicaci\u00f3n.',
        'Los lectores que quieran escribirnos sobre esta noticia pueden citar Document {id} marker, que es como guardamos sus cartas.',
    ],
    boiler=dict(
        skip='Saltar al contenido', skip2='Ir al contenido principal',
        menu=['Portada', 'Espa\u00f1a', 'Internacional', 'Econom\u00eda',
              'Deportes', 'Cultura', 'Opini\u00f3n', 'Sociedad', 'Tecnolog\u00eda',
              'Ciencia', 'V\u00eddeo', 'Tiempo'],
        home='Inicio', login=['Iniciar sesi\u00f3n', 'Suscr\u00edbete', 'Buscar', 'Men\u00fa'],
        by='Por {P}', updated=['Actualizado el {d} de {M} de {y}, {h}:{mm}',
                               '{d}/{mo}/{y} - {h}:{mm} h'],
        read='{n} min de lectura',
        share=['Compartir en Facebook', 'Compartir en Twitter', 'Enviar por correo',
               'Imprimir', 'Copiar enlace', 'Compartir'],
        photo=['Foto', 'Imagen'], agency=['EFE', 'Europa Press', 'Reuters', 'AFP'],
        ad=['Publicidad', 'PUBLICIDAD', 'Patrocinado'],
        readmore='Lee tambi\u00e9n: ', related=['Noticias relacionadas', 'Te puede interesar',
                                                'M\u00e1s noticias'],
        popular=['Lo m\u00e1s le\u00eddo', 'Lo m\u00e1s visto'],
        tags='Etiquetas: ', topics='Temas',
        newsletter=['Suscr\u00edbete a nuestro bolet\u00edn', 'Recibe cada ma\u00f1ana las noticias m\u00e1s importantes.',
                    'Correo electr\u00f3nico', 'Suscribirme'],
        comment=['Deja un comentario', 'Tu direcci\u00f3n de correo electr\u00f3nico no ser\u00e1 publicada. Los campos obligatorios est\u00e1n marcados con *',
                 'Comentario *', 'Nombre *', 'Correo electr\u00f3nico *', 'Publicar el comentario'],
        comments_head=['{n} comentarios', 'Comentarios'],
        comment_text=['\u00a1Muy buen art\u00edculo!', '\u00bfY qui\u00e9n lo paga?', 'Responder', 'Denunciar'],
        cookie=['Utilizamos cookies propias y de terceros para mejorar nuestros servicios.',
                'Aceptar', 'Configurar', 'Rechazar'],
        footer=['\u00a9 {y} {S}. Todos los derechos reservados.',
                'Aviso legal | Pol\u00edtica de privacidad | Contacto',
                'Qui\u00e9nes somos', 'Publicidad', 'Pol\u00edtica de cookies'],
        sites=['Diario del Sur', 'La Voz de la Costa', 'El Correo Local', 'Noticias de Castilla'],
    ),
)

FR = dict(
    code='fr',
    quotes=('\u00ab\u00a0', '\u00a0\u00bb'),
    N=['projets', 'travaux', 'habitants', 'prix', 'loyers', 'imp\u00f4ts',
       '\u00e9coles', 'h\u00f4pitaux', 'ponts', 'routes', 'entreprises',
       'mesures', 'aides', 'propositions', 'r\u00e9sultats', 'chiffres',
       'contrats', 'syndicats', 'agriculteurs', '\u00e9lections', 'r\u00e8gles',
       'investissements', 'logements', 'usines', 'services'],
    A=['rapides', 'possibles', 'difficiles', 'n\u00e9cessaires', 'politiques',
       '\u00e9conomiques', '\u00e9nerg\u00e9tiques', 'modestes', 'fragiles',
       'solides', 'utiles', 'immenses'],
    V=['approuv\u00e9', 'rejet\u00e9', 'report\u00e9', 'annonc\u00e9', 'examin\u00e9',
       'critiqu\u00e9', 'publi\u00e9', 'd\u00e9fendu', 'sign\u00e9', 'annul\u00e9',
       'pr\u00e9sent\u00e9', 'contest\u00e9', 'salu\u00e9'],
    I=['examiner', 'reporter', 'financer', 'expliquer', '\u00e9tendre',
       'modifier', 'prot\u00e9ger', 'remplacer', 'r\u00e9duire', 'soutenir',
       'achever'],
    P=['Claire Dubois', 'Jean-Pierre Moreau', 'Sophie Laurent',
       'Nicolas Lef\u00e8vre', 'Isabelle Girard', 'Fran\u00e7ois Bonnet',
       'Am\u00e9lie Rousseau', 'Karim Benali', 'C\u00e9line Fournier'],
    C=['Lyon', 'Nantes', 'Bordeaux', 'Lille', 'Rennes', 'Grenoble',
       'Montpellier', 'la r\u00e9gion', 'la ville', 'Gen\u00e8ve', 'Li\u00e8ge',
       'Qu\u00e9bec'],
    O=['conseil municipal', 'minist\u00e8re des Transports', 'conseil r\u00e9gional',
       'syndicat des enseignants', 'Cour des comptes', 'pr\u00e9fecture',
       'chambre de commerce', 'agence r\u00e9gionale de sant\u00e9'],
    R=['porte-parole', 'pr\u00e9sidente', 'directeur', 'directrice', 'maire',
       'responsable', 'secr\u00e9taire g\u00e9n\u00e9ral'],
    M=['janvier', 'f\u00e9vrier', 'mars', 'avril', 'mai', 'juin', 'juillet',
       'ao\u00fbt', 'septembre', 'octobre', 'novembre', 'd\u00e9cembre'],
    W=['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi',
       'dimanche'],
    Q=['Il faut bien faire les choses, et cela prend du temps',
       'Personne ici ne veut que cela s\u2019arr\u00eate',
       'Les comptes ne sont pas bons',
       'On nous avait promis que tout serait termin\u00e9 en {M}',
       'Les habitants de {C} m\u00e9ritent une r\u00e9ponse claire'],
    T=['Mairie', 'Budget', 'Train', 'Port', '\u00c9coles', 'H\u00f4pital',
       'Logement', 'Temp\u00eate', 'Prix', 'Gr\u00e8ve'],
    templates=[
        'Le {O} de {C} a {V} les {N} qui avaient \u00e9t\u00e9 promis pour cette ann\u00e9e.',
        '{P}, qui travaille sur le dossier depuis {D} ans, a expliqu\u00e9 que les {N} \u00e9taient {A}, mais qu\u2019ils ne suffiraient pas.',
        'Selon le {O}, plus de {D} personnes \u00e0 {C} sont concern\u00e9es par les {N} depuis {M}.',
        'On ne sait pas encore si le {O} pourra {I} les {N} avant la fin de l\u2019ann\u00e9e.',
        '\u00ab\u00a0{Q}\u00a0\u00bb, a d\u00e9clar\u00e9 {P}, {R} du {O}.',
        'Les {N} ont \u00e9t\u00e9 pr\u00e9sent\u00e9s pour la premi\u00e8re fois en {M}, quand le {O} en a estim\u00e9 le co\u00fbt \u00e0 {D}\u00a0millions d\u2019euros.',
        'Pour les critiques, les {N} co\u00fbtent trop cher, et l\u2019argent serait mieux utilis\u00e9 pour les {N}.',
        'Certains habitants ont {V} le projet, tandis que d\u2019autres disent qu\u2019on ne leur a jamais rien demand\u00e9.',
        'Lorsque le {O} s\u2019est de nouveau r\u00e9uni en {M}, les {N} avaient d\u00e9j\u00e0 \u00e9t\u00e9 {V}s.',
        'Elle a ajout\u00e9 que les {N} ne seraient {V}s que si le {O} donnait son accord \u2014 ce qui n\u2019est pas encore le cas.',
        'Pour l\u2019instant, les {N} restent en l\u2019\u00e9tat, et le {O} n\u2019a pas dit quand il compte les {I}.',
        'L\u2019ann\u00e9e derni\u00e8re, les {N} de {C} avaient \u00e9t\u00e9 arr\u00eat\u00e9s apr\u00e8s une gr\u00e8ve qui a dur\u00e9 {D} jours.',
        'C\u2019est pourquoi le {O} veut {I} les {N} le plus vite possible, et c\u2019est pour cela qu\u2019il a demand\u00e9 de l\u2019aide.',
        'Il y en a environ {D} dans le d\u00e9partement, et la plupart ont plus de trente ans.',
    ],
    markers=[
        'La r\u00e9daction a class\u00e9 ce reportage sous la r\u00e9f\u00e9rence Document {id} marker, et les chiffres ont \u00e9t\u00e9 v\u00e9rifi\u00e9s avant la publication.',
        'Les lecteurs qui souhaitent nous \u00e9crire \u00e0 propos de cet article peuvent citer Document {id} marker, c\u2019est ainsi que nous classons leurs lettres.',
    ],
    boiler=dict(
        skip='Aller au contenu', skip2='Aller au contenu principal',
        menu=['Accueil', 'Politique', '\u00c9conomie', 'Sport', 'Culture',
              'Opinions', 'International', 'Soci\u00e9t\u00e9', 'Sciences',
              'M\u00e9t\u00e9o', 'Vid\u00e9os', 'R\u00e9gions'],
        home='Accueil', login=['Se connecter', 'S\u2019abonner', 'Rechercher', 'Menu'],
        by='Par {P}', updated=['Publi\u00e9 le {d} {M} {y} \u00e0 {h}h{mm}',
                               'Mis \u00e0 jour le {d}/{mo}/{y} \u00e0 {h}:{mm}'],
        read='Lecture {n} min.',
        share=['Partager sur Facebook', 'Partager sur X', 'Envoyer par e-mail',
               'Imprimer', 'Copier le lien', 'Partager'],
        photo=['Photo', 'Cr\u00e9dit'], agency=['AFP', 'Reuters', 'MaxPPP', 'Hans Lucas'],
        ad=['Publicit\u00e9', 'PUBLICIT\u00c9', 'Contenu sponsoris\u00e9'],
        readmore='Lire aussi : ', related=['Sur le m\u00eame sujet', '\u00c0 lire aussi',
                                           'Nos articles sur le sujet'],
        popular=['Les plus lus', 'Tendances'],
        tags='Mots-cl\u00e9s : ', topics='Th\u00e8mes',
        newsletter=['Inscrivez-vous \u00e0 notre newsletter', 'Recevez chaque matin l\u2019essentiel de l\u2019actualit\u00e9.',
                    'Adresse e-mail', 'Je m\u2019inscris'],
        comment=['Laisser un commentaire', 'Votre adresse e-mail ne sera pas publi\u00e9e. Les champs obligatoires sont indiqu\u00e9s avec *',
                 'Commentaire *', 'Nom *', 'E-mail *', 'Laisser un commentaire'],
        comments_head=['{n} commentaires', 'R\u00e9actions'],
        comment_text=['Merci pour cet article\u00a0!', 'Et qui va payer\u00a0?', 'R\u00e9pondre', 'Signaler'],
        cookie=['Nous utilisons des cookies pour am\u00e9liorer votre exp\u00e9rience de navigation.',
                'Tout accepter', 'Param\u00e9trer', 'Continuer sans accepter'],
        footer=['\u00a9 {y} {S}. Tous droits r\u00e9serv\u00e9s.',
                'Mentions l\u00e9gales | Confidentialit\u00e9 | Contact',
                'Qui sommes-nous ?', 'Publicit\u00e9', 'Gestion des cookies'],
        sites=['Le Courrier du Sud', 'La Gazette de Lyon', 'Ouest Matin', 'Le Journal des R\u00e9gions'],
    ),
)

RU = dict(
    code='ru',
    quotes=('\u00ab', '\u00bb'),
    # plural subjects (nominative), objects (accusative, inanimate),
    # genitive complements
    NS=['\u0432\u043b\u0430\u0441\u0442\u0438', '\u044d\u043a\u0441\u043f\u0435\u0440\u0442\u044b',
        '\u0436\u0438\u0442\u0435\u043b\u0438 \u0433\u043e\u0440\u043e\u0434\u0430',
        '\u0434\u0435\u043f\u0443\u0442\u0430\u0442\u044b', '\u0447\u0438\u043d\u043e\u0432\u043d\u0438\u043a\u0438',
        '\u0444\u0435\u0440\u043c\u0435\u0440\u044b', '\u0443\u0447\u0438\u0442\u0435\u043b\u044f',
        '\u0432\u0440\u0430\u0447\u0438', '\u0441\u0442\u0440\u043e\u0438\u0442\u0435\u043b\u0438',
        '\u043f\u0440\u0435\u0434\u043f\u0440\u0438\u043d\u0438\u043c\u0430\u0442\u0435\u043b\u0438'],
    NO=['\u043d\u043e\u0432\u044b\u0439 \u043f\u0440\u043e\u0435\u043a\u0442', '\u043f\u043b\u0430\u043d \u0440\u0435\u043a\u043e\u043d\u0441\u0442\u0440\u0443\u043a\u0446\u0438\u0438',
        '\u043f\u0440\u043e\u0435\u043a\u0442 \u0431\u044e\u0434\u0436\u0435\u0442\u0430', '\u044d\u0442\u0438 \u043c\u0435\u0440\u044b',
        '\u043d\u043e\u0432\u044b\u0435 \u043f\u0440\u0430\u0432\u0438\u043b\u0430', '\u0441\u0442\u0440\u043e\u0438\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e \u043c\u043e\u0441\u0442\u0430',
        '\u0440\u0435\u043c\u043e\u043d\u0442 \u0434\u043e\u0440\u043e\u0433', '\u0442\u0430\u0440\u0438\u0444\u044b',
        '\u0434\u043e\u0433\u043e\u0432\u043e\u0440', '\u043f\u0440\u043e\u0433\u0440\u0430\u043c\u043c\u0443 \u0440\u0430\u0437\u0432\u0438\u0442\u0438\u044f'],
    NG=['\u0433\u043e\u0440\u043e\u0434\u0430', '\u0440\u0435\u0433\u0438\u043e\u043d\u0430', '\u043a\u043e\u043c\u043f\u0430\u043d\u0438\u0438',
        '\u0431\u043e\u043b\u044c\u043d\u0438\u0446\u044b', '\u0448\u043a\u043e\u043b\u044b', '\u043f\u043e\u0440\u0442\u0430',
        '\u0437\u0430\u0432\u043e\u0434\u0430', '\u0440\u0430\u0439\u043e\u043d\u0430', '\u043c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u0430'],
    V=['\u043e\u0434\u043e\u0431\u0440\u0438\u043b\u0438', '\u043e\u0442\u043b\u043e\u0436\u0438\u043b\u0438',
       '\u043e\u0431\u0441\u0443\u0434\u0438\u043b\u0438', '\u043f\u043e\u0434\u0434\u0435\u0440\u0436\u0430\u043b\u0438',
       '\u0440\u0430\u0441\u043a\u0440\u0438\u0442\u0438\u043a\u043e\u0432\u0430\u043b\u0438', '\u043e\u0442\u043c\u0435\u043d\u0438\u043b\u0438',
       '\u043f\u043e\u0434\u043f\u0438\u0441\u0430\u043b\u0438', '\u043f\u0435\u0440\u0435\u0441\u043c\u043e\u0442\u0440\u0435\u043b\u0438',
       '\u043f\u0440\u0435\u0434\u0441\u0442\u0430\u0432\u0438\u043b\u0438'],
    I=['\u043f\u0435\u0440\u0435\u0441\u043c\u043e\u0442\u0440\u0435\u0442\u044c', '\u043e\u0442\u043b\u043e\u0436\u0438\u0442\u044c',
       '\u043f\u0440\u043e\u0444\u0438\u043d\u0430\u043d\u0441\u0438\u0440\u043e\u0432\u0430\u0442\u044c', '\u043e\u0431\u044a\u044f\u0441\u043d\u0438\u0442\u044c',
       '\u0440\u0430\u0441\u0448\u0438\u0440\u0438\u0442\u044c', '\u0438\u0437\u043c\u0435\u043d\u0438\u0442\u044c',
       '\u0437\u0430\u0432\u0435\u0440\u0448\u0438\u0442\u044c', '\u043f\u043e\u0434\u0434\u0435\u0440\u0436\u0430\u0442\u044c'],
    P=['\u0410\u043d\u043d\u0430 \u0421\u043c\u0438\u0440\u043d\u043e\u0432\u0430', '\u0418\u0433\u043e\u0440\u044c \u041f\u0435\u0442\u0440\u043e\u0432',
       '\u0415\u043b\u0435\u043d\u0430 \u0412\u0430\u0441\u0438\u043b\u044c\u0435\u0432\u0430', '\u0414\u043c\u0438\u0442\u0440\u0438\u0439 \u041e\u0440\u043b\u043e\u0432',
       '\u041e\u043b\u044c\u0433\u0430 \u041a\u0443\u0437\u043d\u0435\u0446\u043e\u0432\u0430', '\u0421\u0435\u0440\u0433\u0435\u0439 \u0412\u043e\u043b\u043a\u043e\u0432',
       '\u041d\u0430\u0442\u0430\u043b\u044c\u044f \u0421\u043e\u043a\u043e\u043b\u043e\u0432\u0430'],
    C=['\u041a\u0430\u0437\u0430\u043d\u0438', '\u0422\u0432\u0435\u0440\u0438', '\u041d\u043e\u0432\u0433\u043e\u0440\u043e\u0434\u0435',
       '\u0421\u0430\u043c\u0430\u0440\u0435', '\u041f\u0435\u0440\u043c\u0438', '\u0432\u0441\u0435\u0439 \u043e\u0431\u043b\u0430\u0441\u0442\u0438',
       '\u0440\u0430\u0439\u043e\u043d\u0435', '\u0412\u043e\u043b\u043e\u0433\u0434\u0435'],
    R=['\u043f\u0440\u0435\u0441\u0441-\u0441\u0435\u043a\u0440\u0435\u0442\u0430\u0440\u044c', '\u0434\u0438\u0440\u0435\u043a\u0442\u043e\u0440',
       '\u0433\u043b\u0430\u0432\u0430', '\u0437\u0430\u043c\u0435\u0441\u0442\u0438\u0442\u0435\u043b\u044c \u0433\u043b\u0430\u0432\u044b',
       '\u043f\u0440\u0435\u0434\u0441\u0435\u0434\u0430\u0442\u0435\u043b\u044c'],
    M=['\u044f\u043d\u0432\u0430\u0440\u0435', '\u0444\u0435\u0432\u0440\u0430\u043b\u0435', '\u043c\u0430\u0440\u0442\u0435',
       '\u0430\u043f\u0440\u0435\u043b\u0435', '\u043c\u0430\u0435', '\u0438\u044e\u043d\u0435', '\u0438\u044e\u043b\u0435',
       '\u0430\u0432\u0433\u0443\u0441\u0442\u0435', '\u0441\u0435\u043d\u0442\u044f\u0431\u0440\u0435', '\u043e\u043a\u0442\u044f\u0431\u0440\u0435',
       '\u043d\u043e\u044f\u0431\u0440\u0435', '\u0434\u0435\u043a\u0430\u0431\u0440\u0435'],
    W=['\u043f\u043e\u043d\u0435\u0434\u0435\u043b\u044c\u043d\u0438\u043a', '\u0432\u0442\u043e\u0440\u043d\u0438\u043a',
       '\u0441\u0440\u0435\u0434\u0443', '\u0447\u0435\u0442\u0432\u0435\u0440\u0433', '\u043f\u044f\u0442\u043d\u0438\u0446\u0443'],
    Q=['\u041d\u0430\u043c \u043d\u0443\u0436\u043d\u043e \u0441\u0434\u0435\u043b\u0430\u0442\u044c \u044d\u0442\u043e \u043f\u0440\u0430\u0432\u0438\u043b\u044c\u043d\u043e, \u0430 \u043d\u0430 \u044d\u0442\u043e \u043d\u0443\u0436\u043d\u043e \u0432\u0440\u0435\u043c\u044f',
       '\u0426\u0438\u0444\u0440\u044b \u043f\u0440\u043e\u0441\u0442\u043e \u043d\u0435 \u0441\u0445\u043e\u0434\u044f\u0442\u0441\u044f',
       '\u041d\u0430\u043c \u043e\u0431\u0435\u0449\u0430\u043b\u0438, \u0447\u0442\u043e \u0432\u0441\u0451 \u0431\u0443\u0434\u0435\u0442 \u0433\u043e\u0442\u043e\u0432\u043e \u0435\u0449\u0451 \u0432 {M}',
       '\u041b\u044e\u0434\u0438 \u0437\u0434\u0435\u0441\u044c \u0437\u0430\u0441\u043b\u0443\u0436\u0438\u0432\u0430\u044e\u0442 \u0447\u0435\u0441\u0442\u043d\u043e\u0433\u043e \u043e\u0442\u0432\u0435\u0442\u0430'],
    T=['\u0411\u044e\u0434\u0436\u0435\u0442', '\u0422\u0440\u0430\u043d\u0441\u043f\u043e\u0440\u0442', '\u0428\u043a\u043e\u043b\u044b',
       '\u0411\u043e\u043b\u044c\u043d\u0438\u0446\u0430', '\u0426\u0435\u043d\u044b', '\u0416\u0438\u043b\u044c\u0451'],
    templates=[
        '\u0412 {C} {NS} {V} {NO}, \u043e \u043a\u043e\u0442\u043e\u0440\u043e\u043c \u0433\u043e\u0432\u043e\u0440\u0438\u043b\u0438 \u0435\u0449\u0451 \u0432 {M}.',
        '{P}, \u043a\u043e\u0442\u043e\u0440\u0430\u044f \u0437\u0430\u043d\u0438\u043c\u0430\u0435\u0442\u0441\u044f \u044d\u0442\u043e\u0439 \u0442\u0435\u043c\u043e\u0439 \u0443\u0436\u0435 {D} \u043b\u0435\u0442, \u0441\u043a\u0430\u0437\u0430\u043b\u0430, \u0447\u0442\u043e \u044d\u0442\u043e\u0433\u043e \u043f\u043e\u043a\u0430 \u043d\u0435\u0434\u043e\u0441\u0442\u0430\u0442\u043e\u0447\u043d\u043e.',
        '\u041f\u043e \u0434\u0430\u043d\u043d\u044b\u043c \u043c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u0430, \u0432 {C} \u0443\u0436\u0435 \u0431\u043e\u043b\u0435\u0435 {D} \u0447\u0435\u043b\u043e\u0432\u0435\u043a \u043f\u043e\u0441\u0442\u0440\u0430\u0434\u0430\u043b\u0438 \u0441 {M}.',
        '\u041f\u043e\u043a\u0430 \u043d\u0435\u044f\u0441\u043d\u043e, \u0441\u043c\u043e\u0433\u0443\u0442 \u043b\u0438 {NS} {I} {NO} \u0434\u043e \u043a\u043e\u043d\u0446\u0430 \u0433\u043e\u0434\u0430.',
        '\u00ab{Q}\u00bb, \u2014 \u0441\u043a\u0430\u0437\u0430\u043b {P}, {R} {NG}.',
        '\u0412\u043f\u0435\u0440\u0432\u044b\u0435 \u043e\u0431 \u044d\u0442\u043e\u043c \u0437\u0430\u0433\u043e\u0432\u043e\u0440\u0438\u043b\u0438 \u0432 {M}, \u043a\u043e\u0433\u0434\u0430 \u0441\u0442\u043e\u0438\u043c\u043e\u0441\u0442\u044c \u043e\u0446\u0435\u043d\u0438\u043b\u0438 \u0432 {D} \u043c\u043b\u043d \u0440\u0443\u0431\u043b\u0435\u0439.',
        '\u041a\u0440\u0438\u0442\u0438\u043a\u0438 \u0441\u0447\u0438\u0442\u0430\u044e\u0442, \u0447\u0442\u043e \u044d\u0442\u043e \u0441\u043b\u0438\u0448\u043a\u043e\u043c \u0434\u043e\u0440\u043e\u0433\u043e \u0438 \u0447\u0442\u043e \u0434\u0435\u043d\u044c\u0433\u0438 \u043b\u0443\u0447\u0448\u0435 \u043f\u043e\u0442\u0440\u0430\u0442\u0438\u0442\u044c \u043d\u0430 \u043d\u0443\u0436\u0434\u044b {NG}.',
        '\u041d\u0435\u043a\u043e\u0442\u043e\u0440\u044b\u0435 \u0436\u0438\u0442\u0435\u043b\u0438 {V} \u044d\u0442\u043e\u0442 \u043f\u043b\u0430\u043d, \u0430 \u0434\u0440\u0443\u0433\u0438\u0435 \u0433\u043e\u0432\u043e\u0440\u044f\u0442, \u0447\u0442\u043e \u0438\u0445 \u043d\u0438\u043a\u0442\u043e \u043d\u0435 \u0441\u043f\u0440\u0430\u0448\u0438\u0432\u0430\u043b.',
        '\u041a\u043e\u0433\u0434\u0430 \u0432 {M} {NS} \u0441\u043d\u043e\u0432\u0430 \u0441\u043e\u0431\u0440\u0430\u043b\u0438\u0441\u044c, \u0440\u0435\u0448\u0435\u043d\u0438\u0435 \u0443\u0436\u0435 \u0431\u044b\u043b\u043e \u043f\u0440\u0438\u043d\u044f\u0442\u043e.',
        '\u041e\u043d\u0430 \u0434\u043e\u0431\u0430\u0432\u0438\u043b\u0430, \u0447\u0442\u043e {NS} \u0433\u043e\u0442\u043e\u0432\u044b {I} {NO}, \u043d\u043e \u0442\u043e\u043b\u044c\u043a\u043e \u0435\u0441\u043b\u0438 \u043d\u0430 \u044d\u0442\u043e \u0431\u0443\u0434\u0443\u0442 \u0434\u0435\u043d\u044c\u0433\u0438.',
        '\u041f\u043e\u043a\u0430 \u0432\u0441\u0451 \u043e\u0441\u0442\u0430\u0451\u0442\u0441\u044f \u043a\u0430\u043a \u0435\u0441\u0442\u044c, \u0438 \u043d\u0438\u043a\u0442\u043e \u043d\u0435 \u0437\u043d\u0430\u0435\u0442, \u043a\u043e\u0433\u0434\u0430 {NS} \u0441\u043c\u043e\u0433\u0443\u0442 {I} {NO}.',
        '\u0412 \u043f\u0440\u043e\u0448\u043b\u043e\u043c \u0433\u043e\u0434\u0443 \u0440\u0430\u0431\u043e\u0442\u044b \u0432 {C} \u0431\u044b\u043b\u0438 \u043e\u0441\u0442\u0430\u043d\u043e\u0432\u043b\u0435\u043d\u044b \u043f\u043e\u0441\u043b\u0435 \u0437\u0430\u0431\u0430\u0441\u0442\u043e\u0432\u043a\u0438, \u043a\u043e\u0442\u043e\u0440\u0430\u044f \u0434\u043b\u0438\u043b\u0430\u0441\u044c {D} \u0434\u043d\u0435\u0439.',
        '\u0418\u043c\u0435\u043d\u043d\u043e \u043f\u043e\u044d\u0442\u043e\u043c\u0443 {NS} \u0445\u043e\u0442\u044f\u0442 \u043a\u0430\u043a \u043c\u043e\u0436\u043d\u043e \u0441\u043a\u043e\u0440\u0435\u0435 {I} {NO} \u0438 \u0443\u0436\u0435 \u043f\u043e\u043f\u0440\u043e\u0441\u0438\u043b\u0438 \u043e \u043f\u043e\u043c\u043e\u0449\u0438.',
    ],
    markers=[
        '\u0420\u0435\u0434\u0430\u043a\u0446\u0438\u044f \u0441\u043e\u0445\u0440\u0430\u043d\u0438\u043b\u0430 \u044d\u0442\u043e\u0442 \u043c\u0430\u0442\u0435\u0440\u0438\u0430\u043b \u0432 \u0430\u0440\u0445\u0438\u0432\u0435 \u043a\u0430\u043a Document {id} marker, \u0430 \u0432\u0441\u0435 \u0446\u0438\u0444\u0440\u044b \u0432 \u043d\u0451\u043c \u0431\u044b\u043b\u0438 \u0435\u0449\u0451 \u0440\u0430\u0437 \u043f\u0440\u043e\u0432\u0435\u0440\u0435\u043d\u044b \u043f\u0435\u0440\u0435\u0434 \u043f\u0443\u0431\u043b\u0438\u043a\u0430\u0446\u0438\u0435\u0439.',
        '\u0427\u0438\u0442\u0430\u0442\u0435\u043b\u0438, \u043a\u043e\u0442\u043e\u0440\u044b\u0435 \u0445\u043e\u0442\u044f\u0442 \u043d\u0430\u043f\u0438\u0441\u0430\u0442\u044c \u043d\u0430\u043c \u043e\u0431 \u044d\u0442\u043e\u0439 \u0438\u0441\u0442\u043e\u0440\u0438\u0438, \u043c\u043e\u0433\u0443\u0442 \u0441\u043e\u0441\u043b\u0430\u0442\u044c\u0441\u044f \u043d\u0430 Document {id} marker, \u0442\u0430\u043a \u043c\u044b \u0441\u043e\u0445\u0440\u0430\u043d\u044f\u0435\u043c \u0438\u0445 \u043f\u0438\u0441\u044c\u043c\u0430.',
    ],
    boiler=dict(
        skip='\u041f\u0435\u0440\u0435\u0439\u0442\u0438 \u043a \u0441\u043e\u0434\u0435\u0440\u0436\u0430\u043d\u0438\u044e', skip2='\u041a \u043e\u0441\u043d\u043e\u0432\u043d\u043e\u043c\u0443 \u0441\u043e\u0434\u0435\u0440\u0436\u0430\u043d\u0438\u044e',
        menu=['\u0413\u043b\u0430\u0432\u043d\u0430\u044f', '\u041f\u043e\u043b\u0438\u0442\u0438\u043a\u0430', '\u042d\u043a\u043e\u043d\u043e\u043c\u0438\u043a\u0430',
              '\u0421\u043f\u043e\u0440\u0442', '\u041a\u0443\u043b\u044c\u0442\u0443\u0440\u0430', '\u041e\u0431\u0449\u0435\u0441\u0442\u0432\u043e',
              '\u041d\u0430\u0443\u043a\u0430', '\u0412 \u043c\u0438\u0440\u0435', '\u041f\u0440\u043e\u0438\u0441\u0448\u0435\u0441\u0442\u0432\u0438\u044f', '\u0412\u0438\u0434\u0435\u043e'],
        home='\u0413\u043b\u0430\u0432\u043d\u0430\u044f', login=['\u0412\u043e\u0439\u0442\u0438', '\u041f\u043e\u0434\u043f\u0438\u0441\u043a\u0430', '\u041f\u043e\u0438\u0441\u043a', '\u041c\u0435\u043d\u044e'],
        by='\u0410\u0432\u0442\u043e\u0440: {P}', updated=['{d}.{mo}.{y}, {h}:{mm}', '\u041e\u0431\u043d\u043e\u0432\u043b\u0435\u043d\u043e {d}.{mo}.{y} \u0432 {h}:{mm}'],
        read='{n} \u043c\u0438\u043d \u0447\u0442\u0435\u043d\u0438\u044f',
        share=['\u041f\u043e\u0434\u0435\u043b\u0438\u0442\u044c\u0441\u044f', '\u0412\u041a\u043e\u043d\u0442\u0430\u043a\u0442\u0435', 'Telegram',
               '\u041e\u0434\u043d\u043e\u043a\u043b\u0430\u0441\u0441\u043d\u0438\u043a\u0438', '\u0421\u043a\u043e\u043f\u0438\u0440\u043e\u0432\u0430\u0442\u044c \u0441\u0441\u044b\u043b\u043a\u0443'],
        photo=['\u0424\u043e\u0442\u043e'], agency=['\u0422\u0410\u0421\u0421', '\u0420\u0418\u0410 \u041d\u043e\u0432\u043e\u0441\u0442\u0438', '\u043f\u0440\u0435\u0441\u0441-\u0441\u043b\u0443\u0436\u0431\u0430'],
        ad=['\u0420\u0435\u043a\u043b\u0430\u043c\u0430', '\u0420\u0415\u041a\u041b\u0410\u041c\u0410'],
        readmore='\u0427\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435: ', related=['\u041f\u043e \u0442\u0435\u043c\u0435', '\u0427\u0438\u0442\u0430\u0439\u0442\u0435 \u0442\u0430\u043a\u0436\u0435', '\u0414\u0440\u0443\u0433\u0438\u0435 \u043d\u043e\u0432\u043e\u0441\u0442\u0438'],
        popular=['\u0421\u0430\u043c\u043e\u0435 \u0447\u0438\u0442\u0430\u0435\u043c\u043e\u0435', '\u041f\u043e\u043f\u0443\u043b\u044f\u0440\u043d\u043e\u0435'],
        tags='\u0422\u0435\u0433\u0438: ', topics='\u0422\u0435\u043c\u044b',
        newsletter=['\u041f\u043e\u0434\u043f\u0438\u0448\u0438\u0442\u0435\u0441\u044c \u043d\u0430 \u0440\u0430\u0441\u0441\u044b\u043b\u043a\u0443', '\u0412\u0430\u0448 e-mail', '\u041f\u043e\u0434\u043f\u0438\u0441\u0430\u0442\u044c\u0441\u044f'],
        comment=['\u041e\u0441\u0442\u0430\u0432\u0438\u0442\u044c \u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0439', '\u0412\u0430\u0448 \u0430\u0434\u0440\u0435\u0441 email \u043d\u0435 \u0431\u0443\u0434\u0435\u0442 \u043e\u043f\u0443\u0431\u043b\u0438\u043a\u043e\u0432\u0430\u043d. \u041e\u0431\u044f\u0437\u0430\u0442\u0435\u043b\u044c\u043d\u044b\u0435 \u043f\u043e\u043b\u044f \u043f\u043e\u043c\u0435\u0447\u0435\u043d\u044b *',
                 '\u041a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0439 *', '\u0418\u043c\u044f *', 'Email *', '\u041e\u0442\u043f\u0440\u0430\u0432\u0438\u0442\u044c \u043a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0439'],
        comments_head=['\u041a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438 ({n})', '\u041a\u043e\u043c\u043c\u0435\u043d\u0442\u0430\u0440\u0438\u0438'],
        comment_text=['\u0421\u043f\u0430\u0441\u0438\u0431\u043e \u0437\u0430 \u0441\u0442\u0430\u0442\u044c\u044e!', '\u0410 \u043a\u0442\u043e \u0437\u0430 \u044d\u0442\u043e \u0437\u0430\u043f\u043b\u0430\u0442\u0438\u0442?', '\u041e\u0442\u0432\u0435\u0442\u0438\u0442\u044c'],
        cookie=['\u041c\u044b \u0438\u0441\u043f\u043e\u043b\u044c\u0437\u0443\u0435\u043c \u0444\u0430\u0439\u043b\u044b cookie, \u0447\u0442\u043e\u0431\u044b \u0441\u0430\u0439\u0442 \u0440\u0430\u0431\u043e\u0442\u0430\u043b \u043b\u0443\u0447\u0448\u0435.',
                '\u041f\u0440\u0438\u043d\u044f\u0442\u044c', '\u041f\u043e\u0434\u0440\u043e\u0431\u043d\u0435\u0435'],
        footer=['\u00a9 {y} {S}. \u0412\u0441\u0435 \u043f\u0440\u0430\u0432\u0430 \u0437\u0430\u0449\u0438\u0449\u0435\u043d\u044b.',
                '\u041e \u043d\u0430\u0441 | \u041a\u043e\u043d\u0442\u0430\u043a\u0442\u044b | \u0420\u0435\u043a\u043b\u0430\u043c\u0430 | \u041f\u043e\u043b\u0438\u0442\u0438\u043a\u0430 \u043a\u043e\u043d\u0444\u0438\u0434\u0435\u043d\u0446\u0438\u0430\u043b\u044c\u043d\u043e\u0441\u0442\u0438',
                '18+', '\u0421\u0432\u0438\u0434\u0435\u0442\u0435\u043b\u044c\u0441\u0442\u0432\u043e \u043e \u0440\u0435\u0433\u0438\u0441\u0442\u0440\u0430\u0446\u0438\u0438 \u0421\u041c\u0418 \u042d\u041b \u2116 \u0424\u0421 77-{D}'],
        sites=['\u0413\u043e\u0440\u043e\u0434\u0441\u043a\u0438\u0435 \u0432\u0435\u0441\u0442\u0438', '\u0412\u0435\u0447\u0435\u0440\u043d\u0438\u0439 \u043a\u0443\u0440\u044c\u0435\u0440', '\u041d\u043e\u0432\u043e\u0441\u0442\u0438 \u0440\u0435\u0433\u0438\u043e\u043d\u0430'],
    ),
)

ZH = dict(
    code='zh',
    quotes=('\u201c', '\u201d'),
    N=['\u5e02\u653f\u5e9c', '\u4ea4\u901a\u90e8\u95e8', '\u5f53\u5730\u5c45\u6c11', '\u8fd9\u4e2a\u9879\u76ee',
       '\u65b0\u7684\u8ba1\u5212', '\u533b\u9662', '\u5b66\u6821', '\u6865\u6881', '\u94c1\u8def',
       '\u6e2f\u53e3', '\u519c\u6c11', '\u4f01\u4e1a', '\u623f\u4ef7', '\u9884\u7b97',
       '\u8c03\u67e5\u62a5\u544a', '\u73af\u4fdd\u90e8\u95e8', '\u4e13\u5bb6'],
    V=['\u6279\u51c6\u4e86', '\u63a8\u8fdf\u4e86', '\u5ba3\u5e03\u4e86', '\u5ba1\u67e5\u4e86',
       '\u6279\u8bc4\u4e86', '\u652f\u6301\u4e86', '\u516c\u5e03\u4e86', '\u53d6\u6d88\u4e86',
       '\u8ba8\u8bba\u4e86'],
    I=['\u8c03\u6574', '\u6269\u5927', '\u5b8c\u6210', '\u89e3\u91ca', '\u4fdd\u62a4',
       '\u652f\u6301', '\u91cd\u5efa', '\u964d\u4f4e'],
    P=['\u738b\u4e3d', '\u674e\u660e', '\u5f20\u4f1f', '\u5218\u6d0b', '\u9648\u9759',
       '\u6768\u5e06', '\u8d75\u654f', '\u9ec4\u78ca'],
    C=['\u676d\u5dde', '\u6210\u90fd', '\u5357\u4eac', '\u897f\u5b89', '\u6b66\u6c49',
       '\u9752\u5c9b', '\u53a6\u95e8', '\u5f53\u5730', '\u5168\u7701'],
    R=['\u53d1\u8a00\u4eba', '\u8d1f\u8d23\u4eba', '\u4e3b\u4efb', '\u526f\u5e02\u957f', '\u5c40\u957f'],
    M=['\u4e00\u6708', '\u4e8c\u6708', '\u4e09\u6708', '\u56db\u6708', '\u4e94\u6708', '\u516d\u6708',
       '\u4e03\u6708', '\u516b\u6708', '\u4e5d\u6708', '\u5341\u6708', '\u5341\u4e00\u6708', '\u5341\u4e8c\u6708'],
    W=['\u5468\u4e00', '\u5468\u4e8c', '\u5468\u4e09', '\u5468\u56db', '\u5468\u4e94'],
    Q=['\u6211\u4eec\u5fc5\u987b\u628a\u8fd9\u4ef6\u4e8b\u505a\u597d\uff0c\u8fd9\u9700\u8981\u65f6\u95f4',
       '\u8fd9\u4e9b\u6570\u5b57\u6839\u672c\u5bf9\u4e0d\u4e0a',
       '\u5f53\u65f6\u8bf4\u597d{M}\u5c31\u80fd\u5b8c\u5de5\uff0c\u53ef\u662f\u5e76\u6ca1\u6709',
       '\u8fd9\u91cc\u7684\u4eba\u5e94\u8be5\u5f97\u5230\u4e00\u4e2a\u660e\u786e\u7684\u7b54\u590d'],
    T=['\u9884\u7b97', '\u4ea4\u901a', '\u5b66\u6821', '\u533b\u9662', '\u623f\u4ef7', '\u6e2f\u53e3'],
    templates=[
        '{C}\u7684{N}\u5728{W}{V}\u4e00\u9879\u4e89\u8bae\u5df2\u4e45\u7684\u8ba1\u5212\uff0c\u8fd9\u9879\u8ba1\u5212\u539f\u672c\u4e0a\u5e94\u8be5\u5728{M}\u5b8c\u6210\u3002',
        '{P}\u5728\u8fd9\u4e2a\u9886\u57df\u5df2\u7ecf\u5de5\u4f5c\u4e86{D}\u5e74\uff0c\u5979\u8bf4\u8fd9\u4e9b\u63aa\u65bd\u867d\u7136\u91cd\u8981\uff0c\u4f46\u662f\u8fd8\u4e0d\u591f\u3002',
        '\u636e{N}\u4ecb\u7ecd\uff0c\u81ea{M}\u4ee5\u6765\uff0c{C}\u5df2\u6709\u8d85\u8fc7{D}\u4eba\u53d7\u5230\u4e86\u5f71\u54cd\u3002',
        '\u76ee\u524d\u8fd8\u4e0d\u6e05\u695a{N}\u662f\u5426\u80fd\u591f\u5728\u5e74\u5e95\u4e4b\u524d{I}{N}\u3002',
        '\u201c{Q}\u3002\u201d{N}{R}{P}\u8bf4\u3002',
        '\u8fd9\u4e2a\u8ba1\u5212\u6700\u65e9\u662f\u5728{M}\u63d0\u51fa\u7684\uff0c\u5f53\u65f6{N}\u4f30\u8ba1\u9700\u8981{D}\u4ebf\u5143\u3002',
        '\u6279\u8bc4\u8005\u8ba4\u4e3a\u8fd9\u6837\u505a\u592a\u8d35\u4e86\uff0c\u8fd9\u7b14\u94b1\u5e94\u8be5\u7528\u5728{N}\u4e0a\u3002',
        '\u4e00\u4e9b\u5c45\u6c11{V}\u8fd9\u4e2a\u65b9\u6848\uff0c\u4f46\u4e5f\u6709\u4eba\u8bf4\u4ece\u6765\u6ca1\u6709\u4eba\u95ee\u8fc7\u4ed6\u4eec\u7684\u610f\u89c1\u3002',
        '\u5979\u8fd8\u8868\u793a\uff0c\u53ea\u6709\u5728{N}\u540c\u610f\u7684\u60c5\u51b5\u4e0b\uff0c\u624d\u4f1a{I}\u8fd9\u4e9b\u63aa\u65bd\u2014\u2014\u800c\u8fd9\u4e00\u70b9\u73b0\u5728\u8fd8\u6ca1\u6709\u5b9a\u4e0b\u6765\u3002',
        '\u53bb\u5e74\uff0c{C}\u7684\u5de5\u7a0b\u56e0\u4e3a\u4e00\u573a\u6301\u7eed\u4e86{D}\u5929\u7684\u7f62\u5de5\u800c\u505c\u4e86\u4e0b\u6765\u3002',
        '\u6b63\u56e0\u4e3a\u5982\u6b64\uff0c{N}\u5e0c\u671b\u5c3d\u5feb{I}{N}\uff0c\u5e76\u5df2\u7ecf\u5411\u4e0a\u7ea7\u90e8\u95e8\u8bf7\u6c42\u5e2e\u52a9\u3002',
        '\u76ee\u524d\uff0c\u4e00\u5207\u90fd\u8fd8\u662f\u8001\u6837\u5b50\uff0c{N}\u4e5f\u6ca1\u6709\u8bf4\u4ec0\u4e48\u65f6\u5019\u4f1a{I}\u3002',
    ],
    markers=[
        '\u7f16\u8f91\u90e8\u5df2\u5c06\u8fd9\u7bc7\u62a5\u9053\u5b58\u6863\u4e3a Document {id} marker\uff0c\u6587\u4e2d\u7684\u6570\u636e\u5728\u53d1\u8868\u524d\u90fd\u7ecf\u8fc7\u4e86\u518d\u6b21\u6838\u5bf9\u3002',
        '\u8bfb\u8005\u5982\u679c\u60f3\u5c31\u8fd9\u7bc7\u6587\u7ae0\u7ed9\u6211\u4eec\u5199\u4fe1\uff0c\u53ef\u4ee5\u6ce8\u660e Document {id} marker\uff0c\u6211\u4eec\u5c31\u662f\u8fd9\u6837\u6574\u7406\u6765\u4fe1\u7684\u3002',
    ],
    boiler=dict(
        skip='\u8df3\u5230\u6b63\u6587', skip2='\u8df3\u8fc7\u5bfc\u822a',
        menu=['\u9996\u9875', '\u65b0\u95fb', '\u56fd\u9645', '\u8d22\u7ecf', '\u4f53\u80b2', '\u6587\u5316',
              '\u79d1\u6280', '\u793e\u4f1a', '\u519b\u4e8b', '\u89c6\u9891', '\u8bc4\u8bba'],
        home='\u9996\u9875', login=['\u767b\u5f55', '\u6ce8\u518c', '\u641c\u7d22', '\u6211\u7684'],
        by='\u4f5c\u8005\uff1a{P}', updated=['{y}\u5e74{mo}\u6708{d}\u65e5 {h}:{mm}', '{y}-{mo}-{d} {h}:{mm}:00 \u6765\u6e90\uff1a\u65b0\u534e\u7f51'],
        read='\u9605\u8bfb {n} \u5206\u949f',
        share=['\u5206\u4eab\u5230\uff1a', '\u5fae\u4fe1', '\u5fae\u535a', 'QQ\u7a7a\u95f4', '\u590d\u5236\u94fe\u63a5'],
        photo=['\u56fe\u7247\u6765\u6e90', '\u6444\u5f71'], agency=['\u65b0\u534e\u793e', '\u89c6\u89c9\u4e2d\u56fd', '\u4e2d\u65b0\u793e'],
        ad=['\u5e7f\u544a', '\u63a8\u5e7f'],
        readmore='\u5ef6\u4f38\u9605\u8bfb\uff1a', related=['\u76f8\u5173\u65b0\u95fb', '\u76f8\u5173\u9605\u8bfb', '\u63a8\u8350\u9605\u8bfb'],
        popular=['\u70ed\u95e8\u6587\u7ae0', '\u6392\u884c\u699c'],
        tags='\u6807\u7b7e\uff1a', topics='\u4e13\u9898',
        newsletter=['\u8ba2\u9605\u6bcf\u65e5\u65b0\u95fb', '\u8bf7\u8f93\u5165\u90ae\u7bb1', '\u8ba2\u9605'],
        comment=['\u53d1\u8868\u8bc4\u8bba', '\u60a8\u7684\u7535\u5b50\u90ae\u7bb1\u5730\u5740\u4e0d\u4f1a\u88ab\u516c\u5f00\u3002\u5fc5\u586b\u9879\u5df2\u7528*\u6807\u6ce8',
                 '\u8bc4\u8bba *', '\u6635\u79f0 *', '\u90ae\u7bb1 *', '\u63d0\u4ea4\u8bc4\u8bba'],
        comments_head=['\u8bc4\u8bba\uff08{n}\uff09', '\u7f51\u53cb\u8bc4\u8bba'],
        comment_text=['\u5199\u5f97\u592a\u597d\u4e86\uff01', '\u8c01\u6765\u51fa\u8fd9\u7b14\u94b1\uff1f', '\u56de\u590d', '\u4e3e\u62a5'],
        cookie=['\u672c\u7f51\u7ad9\u4f7f\u7528 Cookie \u6765\u6539\u5584\u60a8\u7684\u6d4f\u89c8\u4f53\u9a8c\u3002', '\u540c\u610f', '\u8bbe\u7f6e'],
        footer=['\u7248\u6743\u6240\u6709 \u00a9 {y} {S}', '\u5173\u4e8e\u6211\u4eec | \u8054\u7cfb\u6211\u4eec | \u5e7f\u544a\u670d\u52a1 | \u9690\u79c1\u653f\u7b56',
                '\u4eacICP\u5907{D}\u53f7', '\u8fdd\u6cd5\u548c\u4e0d\u826f\u4fe1\u606f\u4e3e\u62a5\u7535\u8bdd\uff1a12377'],
        sites=['\u57ce\u5e02\u65e9\u62a5', '\u6c5f\u5357\u65e5\u62a5', '\u4eca\u65e5\u65b0\u95fb\u7f51'],
    ),
)

LANGS = [EN, DE, ES, FR, RU, ZH]
# Share of pages per language (English most common, as on the web).
LANG_WEIGHTS = [40, 14, 12, 12, 10, 12]
STYLES = ['lynx', 'html2text', 'gettext', 'paste']
STYLE_WEIGHTS = [30, 25, 25, 20]

SLOT = re.compile(r'\{([A-Z]{1,2})\}')


def compile_templates(lang):
    """Split each template into literal text and slot names once."""
    out = []
    for t in lang['templates']:
        parts = SLOT.split(t)
        out.append([(p, i % 2 == 1) for i, p in enumerate(parts) if p])
    lang['ctemplates'] = out
    q = []
    for t in lang['Q']:
        parts = SLOT.split(t)
        q.append([(p, i % 2 == 1) for i, p in enumerate(parts) if p])
    lang['cquotes'] = q


for _lang in LANGS:
    compile_templates(_lang)


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)

    # ---------------------------------------------------------------- words
    def slot(self, lang, name):
        rng = self.rng
        if name == 'D':
            r = rng.random()
            if r < 0.5:
                return str(rng.randint(2, 60))
            if r < 0.8:
                return str(rng.randint(100, 999))
            if lang['code'] in ('de', 'es', 'fr', 'ru'):
                return '%d.%03d' % (rng.randint(1, 99), rng.randint(0, 999)) \
                    if lang['code'] != 'ru' else \
                    '%d\u00a0%03d' % (rng.randint(1, 99), rng.randint(0, 999))
            return '{:,}'.format(rng.randint(1000, 99999))
        if name == 'Q':
            return self.fill(lang, rng.choice(lang['cquotes']))
        words = lang.get(name)
        if words is None:       # a language without that slot: use nouns
            words = lang.get('N') or lang.get('NO')
        return rng.choice(words)

    def fill(self, lang, parts):
        return ''.join(self.slot(lang, p) if is_slot else p
                       for p, is_slot in parts)

    def sentence(self, lang):
        return self.fill(lang, self.rng.choice(lang['ctemplates']))

    def paragraph(self, lang, marker=None):
        rng = self.rng
        n = rng.choice((2, 3, 3, 4, 4, 5, 6))
        sents = [self.sentence(lang) for _ in range(n)]
        if marker is not None:
            sents.insert(rng.randint(1, n), marker)
        sep = '' if lang['code'] == 'zh' else ' '
        return sep.join(sents)

    def headline(self, lang):
        rng = self.rng
        for _ in range(6):
            s = self.sentence(lang)
            if len(re.split(r'[,.;\u3002\uff0c]', s)[0]) >= 24:
                break
        # A headline: the first clause of a sentence, without its period,
        # or a topic, a colon and a clause.
        cut = re.split(r'[,.;\u3002\uff0c]', s)[0].strip('\u201c\u201d\u00ab\u00bb\u201e ')
        words = cut.split(' ')
        if lang['code'] != 'zh' and len(words) > 11:
            cut = ' '.join(words[:rng.randint(6, 11)])
        if lang['code'] == 'zh' and len(cut) > 24:
            cut = cut[:rng.randint(12, 24)]
        if rng.random() < 0.3:
            cut = rng.choice(lang['T']) + (': ' if lang['code'] != 'zh' else '\uff1a') + cut
        if lang['code'] == 'en' and rng.random() < 0.5:
            cut = ' '.join(w[:1].upper() + w[1:] if len(w) > 3 else w
                           for w in cut.split(' '))
        return cut

    def date_line(self, lang):
        rng = self.rng
        b = lang['boiler']
        fmt = rng.choice(b['updated'])
        return fmt.format(h=rng.randint(1, 12), mm='%02d' % rng.randint(0, 59),
                          W=rng.choice(lang['W']), M=rng.choice(lang['M']),
                          d=rng.randint(1, 28), mo='%02d' % rng.randint(1, 12),
                          y=rng.randint(2015, 2025))

    # -------------------------------------------------------------- scripts
    def script_lines(self):
        rng = self.rng
        k = rng.randint(1, 9999999999999)
        choices = [
            "googletag.cmd.push(function() { googletag.display('div-gpt-ad-%d-0'); });" % k,
            "var adSlot = { size: [%d, %d], position: '%s', refresh: %s };" % (
                rng.choice((300, 728, 970, 320)), rng.choice((250, 90, 50, 600)),
                rng.choice(('inline', 'top', 'sidebar', 'footer')),
                rng.choice(('true', 'false'))),
            "window.dataLayer = window.dataLayer || []; dataLayer.push({'event': 'pageview', 'section': '%s', 'articleId': %d});" % (
                rng.choice(('news', 'sport', 'politik', 'economia')), k % 1000000),
            "(adsbygoogle = window.adsbygoogle || []).push({});",
            "window._taboola = window._taboola || []; _taboola.push({mode: 'thumbnails-a', container: 'taboola-below-article', placement: 'Below Article', target_type: 'mix'});",
            "var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']); _paq.push(['enableLinkTracking']);",
            "!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};}(window, document,'script');",
            '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Story %d","datePublished":"2024-0%d-1%dT0%d:00:00Z","author":{"@type":"Person","name":"Staff"}}' % (
                k % 100000, rng.randint(1, 9), rng.randint(0, 9), rng.randint(0, 9)),
            "var pbjs = pbjs || {}; pbjs.que = pbjs.que || []; pbjs.que.push(function() { pbjs.addAdUnits(adUnits); });",
            "if (typeof window.__tcfapi === 'function') { window.__tcfapi('addEventListener', 2, function(tcData, success) { }); }",
        ]
        return rng.sample(choices, rng.randint(1, 3))

    def css_lines(self):
        rng = self.rng
        return rng.sample([
            '.nav-menu{display:flex;gap:12px}.nav-menu a{color:#222;text-decoration:none}',
            '@media (max-width: 768px) { .sidebar { display: none; } .article-body { padding: 0 16px; } }',
            'body{font-family:Georgia,serif;margin:0}h1{font-size:2.2rem;line-height:1.2}',
            '.ad-slot{min-height:250px;background:#f4f4f4}.cookie-banner{position:fixed;bottom:0}',
        ], rng.randint(1, 2))

    # ------------------------------------------------------------ rendering
    @staticmethod
    def wrap(text, width, indent, cjk):
        """Greedy wrap, the marker's words like any others (a wrapper that
        moved the whole phrase to the next line would leave a short line
        before a capital, which reads as a paragraph break: no renderer
        does that, and the counter reads a marker across a line break)."""
        if cjk:
            # A wrapper for CJK text (lynx's, a terminal's) counts a wide
            # character two columns and any other one, and may break
            # before any wide character or space, never inside a word of
            # ASCII (so the marker's words wrap like any others).
            def cols(tok):
                return sum(2 if unicodedata.east_asian_width(c) in 'WF'
                           else 1 for c in tok)
            tokens = re.findall(r'[\x21-\x7e]+| +|.', text)
            room = max(16, width - len(indent))
            out, cur, used = [], '', 0
            for tok in tokens:
                w = cols(tok)
                if cur and used + w > room and not tok.isspace():
                    out.append(indent + cur.strip())
                    cur, used = '', 0
                if not cur and tok.isspace():
                    continue
                cur += tok
                used += w
            if cur.strip():
                out.append(indent + cur.strip())
            return out
        words = text.split(' ')
        lines, cur, curlen = [], [], len(indent)
        for w in words:
            wl = len(w) + (1 if cur else 0)
            if cur and curlen + wl > width:
                lines.append(indent + ' '.join(cur))
                cur, curlen = [w], len(indent) + len(w)
            else:
                cur.append(w)
                curlen += wl
        if cur:
            lines.append(indent + ' '.join(cur))
        return lines

    def page(self, doc_id):
        """Return (text, lang code, style) of one page."""
        rng = self.rng
        lang = rng.choices(LANGS, LANG_WEIGHTS)[0]
        style = rng.choices(STYLES, STYLE_WEIGHTS)[0]
        b = lang['boiler']
        zh = lang['code'] == 'zh'
        site = rng.choice(b['sites'])
        year = rng.randint(2015, 2025)
        entities = style == 'gettext' and rng.random() < 0.35 or \
            style == 'paste' and rng.random() < 0.1
        out = []
        add = out.append

        # Block kinds: 'p' prose paragraph, 'h1'/'h2' headings, 'li' list
        # items, 'line' a short line, 'script'/'style' raw contents,
        # 'blank' a forced blank line, 'field' a form field.
        blocks = []
        B = blocks.append

        def para(text):
            B(('p', text))

        if style == 'gettext':
            B(('script', 'window.__INITIAL_STATE__ = {"page":{"id":%d,"type":"article","lang":"%s"},"user":null,"flags":{"paywall":%s}};' % (
                rng.randint(1000, 9999999), lang['code'], rng.choice(('true', 'false')))))
            for s in self.css_lines():
                B(('style', s))
            for s in self.script_lines():
                B(('script', s))
        if rng.random() < 0.6:
            B(('line', rng.choice((b['skip'], b['skip2']))))
        if rng.random() < 0.3:
            B(('line', b['cookie'][0]))
            B(('line', b['cookie'][1]))
        B(('line', site))
        for item in rng.sample(b['login'], rng.randint(1, min(3, len(b['login'])))):
            B(('line', item))
        menu = rng.sample(b['menu'], rng.randint(5, len(b['menu'])))
        if rng.random() < 0.25:
            B(('line', ' | '.join(menu)))
        else:
            for m in menu:
                B(('li', m))
        crumbs = [b['home']] + rng.sample(b['menu'][1:], rng.randint(1, 2))
        B(('line', rng.choice((' > ', ' \u00bb ', ' / ', ' \u203a ')).join(crumbs)))
        if style == 'gettext' and rng.random() < 0.5:
            B(('script', rng.choice(self.script_lines())))

        B(('h1', self.headline(lang)))
        if rng.random() < 0.6:
            para(self.sentence(lang))            # standfirst
        B(('line', b['by'].format(P=rng.choice(lang['P']))))
        B(('line', self.date_line(lang)))
        if rng.random() < 0.4:
            B(('line', b['read'].format(n=rng.randint(2, 12))))
        for s in rng.sample(b['share'], rng.randint(2, min(5, len(b['share'])))):
            B(('li' if style != 'paste' else 'line', s))
        if rng.random() < 0.7:
            cap = self.sentence(lang)
            cap = cap.rstrip('.\u3002') + ('. ' if not zh else '\u3002') + \
                rng.choice(b['photo']) + ': ' + rng.choice(b['agency'])
            B(('img', cap))

        # The article: a standfirst-free run of paragraphs, subheadings,
        # ads and inline links; the marker goes in one paragraph.
        npara = rng.randint(4, 12)
        mpara = rng.randint(0, npara - 1)
        marker = rng.choice(lang['markers']).format(id=doc_id)
        for i in range(npara):
            if i > 1 and rng.random() < 0.15:
                B(('h2', self.headline(lang)))
            text = self.paragraph(lang, marker if i == mpara else None)
            if rng.random() < 0.25:
                q1, q2 = lang['quotes']
                text += (' ' if not zh else '') + q1 + self.fill(
                    lang, rng.choice(lang['cquotes'])) + q2 + \
                    ('.' if not zh else '\u3002')
            para(text)
            r = rng.random()
            if r < 0.12:
                B(('line', rng.choice(b['ad'])))
                for s in self.script_lines()[:1 if style != 'gettext' else 3]:
                    B(('script' if style == 'gettext' else 'line', s))
            elif r < 0.2:
                B(('line', b['readmore'] + self.headline(lang)))
            elif r < 0.26:
                cap = self.sentence(lang).rstrip('.\u3002') + ' ' + \
                    '(' + rng.choice(b['photo']) + ': ' + rng.choice(b['agency']) + ')'
                B(('img', cap))

        if rng.random() < 0.6:
            B(('line', b['tags'] + ', '.join(rng.sample(lang['T'], 3))))
        for s in rng.sample(b['share'], 2):
            B(('li' if style != 'paste' else 'line', s))
        if rng.random() < 0.8:
            B(('h2', rng.choice(b['related'])))
            for _ in range(rng.randint(3, 8)):
                B(('li', self.headline(lang)))
        if rng.random() < 0.6:
            B(('h2', rng.choice(b['popular'])))
            for k in range(rng.randint(3, 6)):
                B(('line', '%d. %s' % (k + 1, self.headline(lang))
                   if rng.random() < 0.5 else self.headline(lang)))
        if rng.random() < 0.4:
            for s in b['newsletter']:
                B(('line', s))
        if rng.random() < 0.6:
            form = b['comment']
            B(('h2', form[0]))
            B(('line', form[1]))
            for f in form[2:-1]:
                B(('field', f))
            B(('button', form[-1]))
            if rng.random() < 0.5:
                B(('line', rng.choice(b['comments_head']).format(n=rng.randint(2, 40))))
                for _ in range(rng.randint(1, 4)):
                    B(('line', rng.choice(lang['P']) + ' ' + self.date_line(lang)))
                    B(('line', rng.choice(b['comment_text'])))
        if style == 'gettext':
            for s in self.script_lines():
                B(('script', s))
        if rng.random() < 0.5:
            for s in b['cookie']:
                B(('line', s))
        for f in b['footer']:
            if rng.random() < 0.7:
                B(('line', f.format(y=year, S=site, D=rng.randint(10000, 99999))))

        # Render.
        if style == 'lynx':
            width = rng.choice((72, 76, 77, 79))
            for kind, text in blocks:
                if kind == 'p':
                    out.extend(self.wrap(text, width, '   ', zh))
                    add('')
                elif kind == 'h1':
                    add('')
                    add(text if rng.random() < 0.5 else '   ' + text)
                    add('')
                elif kind == 'h2':
                    add('')
                    add(text)
                    add('')
                elif kind == 'li':
                    out.extend(self.wrap(text, width, '     * ', zh)[:1])
                elif kind == 'img':
                    add('   [%s]' % text[:60] if rng.random() < 0.5 else '')
                    out.extend(self.wrap(text, width, '   ', zh))
                    add('')
                elif kind == 'field':
                    add('   %s' % text)
                    add('   ' + '_' * rng.randint(20, 60))
                elif kind == 'button':
                    add('   [%s]' % text)
                    add('')
                else:
                    add('   ' + text)
        elif style == 'html2text':
            width = 79
            for kind, text in blocks:
                if kind == 'p':
                    out.extend(self.wrap(text, width, '', zh))
                    add('')
                elif kind == 'h1':
                    add('****** %s ******' % text)
                elif kind == 'h2':
                    add('***** %s *****' % text)
                elif kind == 'li':
                    add('    * ' + text)
                elif kind == 'img':
                    add('[%s]' % text.split(' ')[0] if rng.random() < 0.4 else
                        '[Image: %s]' % text[:50])
                    out.extend(self.wrap(text, width, '', zh))
                    add('')
                elif kind == 'field':
                    add(text)
                    add('[' + ' ' * rng.randint(20, 50) + ']')
                elif kind == 'button':
                    add('[%s]' % text)
                else:
                    add(text)
        elif style == 'gettext':
            for kind, text in blocks:
                if kind == 'p' and entities:
                    text = text.replace('\u2019', '&#8217;').replace(
                        ' & ', ' &amp; ').replace('\u00a0', '&nbsp;').replace(
                        '\u201c', '&ldquo;').replace('\u201d', '&rdquo;')
                if kind in ('p', 'h1', 'h2'):
                    add('')
                    add(text)
                    add('')
                elif kind == 'img':
                    add(text)
                elif kind == 'button':
                    add(text)
                    add('')
                else:
                    add(text)
                    if rng.random() < 0.2:
                        add('')
        else:                                    # paste
            for kind, text in blocks:
                if kind in ('script', 'style'):
                    continue
                if kind == 'p' and entities:
                    text = text.replace('\u2019', '&rsquo;').replace('\u00a0', '&nbsp;')
                if kind in ('p', 'h1', 'h2', 'img'):
                    add('')
                    add(text)
                    add('')
                elif kind == 'li':
                    add(text)
                else:
                    add(text)
        # Collapse runs of blank lines (as renderers do) and trim.
        lines, prev_blank = [], True
        for l in out:
            blank = not l.strip()
            if blank and prev_blank:
                continue
            lines.append(l)
            prev_blank = blank
        while lines and not lines[-1].strip():
            lines.pop()
        return '\n'.join(lines) + '\n', lang['code'], style


LANG_LETTER = {'en': 'e', 'de': 'd', 'es': 's', 'fr': 'f', 'ru': 'r', 'zh': 'z'}
STYLE_LETTER = {'lynx': 'l', 'html2text': 'h', 'gettext': 'g', 'paste': 'p'}


def generate(size_bytes, seed, fmt, out, max_docs=None, pick=None):
    """Write pages to the binary stream out; return the summary.  With
    pick, write only page number pick (the pages before it are still
    generated, so that it is the same page)."""
    g = Gen(seed)
    total = 0           # bytes of the pages' own text
    written = 0         # bytes written, framing included
    langs, styles = [], []
    n = 0
    buf, buflen = [], 0
    while total < size_bytes and (max_docs is None or n < max_docs):
        n += 1
        text, lc, st = g.page(n)
        data = text.encode('utf-8')
        total += len(data)
        if fmt == 'plain':
            rec = data if n == 1 else b'\n' + data
        elif fmt == 'nul':
            rec = data + b'\0'
        else:
            rec = json.dumps({'text': text}, ensure_ascii=False).encode('utf-8') + b'\n'
        if pick is not None:
            if n == pick:
                out.write(data)
                break
            continue
        buf.append(rec)
        buflen += len(rec)
        written += len(rec)
        langs.append(LANG_LETTER[lc])
        styles.append(STYLE_LETTER[st])
        if buflen > (4 << 20):
            out.write(b''.join(buf))
            buf, buflen = [], 0
    out.write(b''.join(buf))
    return {
        'seed': seed, 'size_mb': size_bytes / MB, 'format': fmt,
        'docs': n, 'text_bytes': total, 'bytes': written,
        'doc_langs': ''.join(langs), 'doc_styles': ''.join(styles),
        'lang_letters': LANG_LETTER, 'style_letters': STYLE_LETTER,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('-s', '--size', type=float, default=200.0,
                    help='megabytes (10^6 bytes) of page text to write (default 200)')
    ap.add_argument('--seed', type=int, default=1, help='random seed (default 1)')
    g = ap.add_mutually_exclusive_group()
    g.add_argument('-z', '--null', action='store_const', dest='fmt', const='nul',
                   help='end each page with a NUL byte')
    g.add_argument('--jsonl', action='store_const', dest='fmt', const='jsonl',
                   help='write one {"text": ...} JSON object a line')
    ap.add_argument('-n', '--docs', type=int, default=None,
                    help='stop after this many pages (even if below --size)')
    ap.add_argument('--pick', type=int, metavar='N',
                    help='write only page N, as it is in the full stream')
    ap.add_argument('-o', '--output', default='-', help='output file (default stdout)')
    ap.add_argument('--meta', help='write a JSON summary here')
    a = ap.parse_args(argv)
    fmt = a.fmt or 'plain'
    size = int(a.size * MB)
    if a.output == '-':
        info = generate(size, a.seed, fmt, sys.stdout.buffer, a.docs, a.pick)
        sys.stdout.buffer.flush()
    else:
        with open(a.output, 'wb') as f:
            info = generate(size, a.seed, fmt, f, a.docs, a.pick)
    if a.meta:
        with open(a.meta, 'w', encoding='utf-8') as f:
            json.dump(info, f)
    if a.pick is None:
        print('gen-pages: %d pages, %d bytes (%s)' % (info['docs'], info['bytes'], fmt),
              file=sys.stderr)
    return 0


if __name__ == '__main__':
    sys.exit(main())
