-- The raw exports of the shop's other systems (c360 generate --sources), derived from the e-commerce model.
--
-- Runs in the e-commerce generator's connection after ecommerce.sql, so it reuses that file's tables
-- (customer_x, tx, cities, names, email_domains) and its draw rnd(key, salt): a hash of ONE integer that
-- mixes key, salt and seed (DuckDB's multi-argument hash XORs its arguments, which correlates draws).
-- Salts here are 100-399, apart from ecommerce.sql's. The persons ARE the e-commerce customers:
-- person id = customer_x.customer_id (pid below).
--
-- Determinism: one thread; no random()/setseed. Every table whose row order matters is created with an
-- ORDER BY on unique keys, and its rows' ids (CRM-0000001, ev-1, ...) come from its rowid, so the export
-- and the ground truth name every record alike. Exports read one such table each, without joins (DuckDB
-- does not keep row order through a join); the ground truth is a UNION ALL of the same tables in file order.
--
-- Per-row choices from short constant lists are list lookups (list[1 + floor(u * n)]); per-country and
-- per-city facts are joined in while building the person table. Time zones: ICU's timezone() costs ~2 us
-- a call, too slow per event, so the UTC offset of every zone on every day of 2018-2027 is computed once
-- (zone_days) and joined in by zone and day. Macro arguments are columns, never long expressions: a
-- macro pastes its argument wherever it uses it, and nested macros multiply that (see email_variant).
--
-- Resolvability, by construction: every identifier value a person uses (main e-mail e1 = the shop's
-- customers.email, second e-mail e2, phone p1, second phone p2, shop id, devices, cookies, sessions) is
-- theirs alone, except the deliberately shared ones (household and role addresses, household tablets,
-- the all-zero device id, junk values); phones are bijections of the person id within their prefix, so
-- no two persons share one by chance. person_x plans which identifiers each system shows, so that a
-- second address or phone appears only beside something that ties it to the person (the shop id, or an
-- identifier the CRM holds), apart from the deliberately hard cases: CRM duplicates without the shop id
-- (name, birth date and address tell), shared addresses, tickets without an e-mail.
--
-- Salts: persons 100-149, households and firms 150-159, CRM 170-199, loyalty 200-219, devices 220-239,
-- sessions and events 240-269, orders 270-289, tickets 290-309, subscriptions 310-329, nested 330-339.

-- @step sources_model
-- Countries: ISO codes, the local name and aliases a clerk types, calling code, trunk prefix, the phone
-- number's digit groups (lengths; starts derived), the mobile prefixes of main and second phones (after
-- the city's area code where the country has one), the currency of its orders and the e-mail TLD.
CREATE TABLE country_info(country VARCHAR, iso2 VARCHAR, iso3 VARCHAR, local_name VARCHAR, aliases VARCHAR[],
                          cc VARCHAR, trunk VARCHAR, nsn_len INTEGER, grp INTEGER[], heads1 VARCHAR[], heads2 VARCHAR[],
                          currency VARCHAR, per_usd DOUBLE, tld VARCHAR);
INSERT INTO country_info VALUES
    ('United States', 'US', 'USA', 'United States', ['U.S.A.', 'United States of America', 'U.S.'], '1', '', 10, [3, 3, 4],
     ['2', '3', '4', '5'], ['6', '7', '8', '9'], 'USD', 1.0, 'com'),
    ('United Kingdom', 'GB', 'GBR', 'United Kingdom', ['UK', 'Great Britain', 'England'], '44', '0', 10, [4, 6],
     ['7400', '7500', '7800', '7900'], ['7380', '7470', '7520', '7960'], 'GBP', 0.79, 'co.uk'),
    ('Germany', 'DE', 'DEU', 'Deutschland', ['Federal Republic of Germany', 'BRD', 'Deutschland (DE)'], '49', '0', 11, [3, 8],
     ['151', '152', '157', '159'], ['172', '176', '177', '178', '179'], 'EUR', 0.92, 'de'),
    ('France', 'FR', 'FRA', 'France', ['République française', 'Frankreich', 'Rep. France'], '33', '0', 9, [1, 2, 2, 2, 2],
     ['60', '61', '62', '64', '65', '66', '67', '68'], ['73', '74', '75', '76', '77', '78'], 'EUR', 0.92, 'fr'),
    ('Canada', 'CA', 'CAN', 'Canada', ['Kanada', 'CDN', 'Canada (CA)'], '1', '', 10, [3, 3, 4],
     ['2', '3', '4', '5'], ['6', '7', '8', '9'], 'CAD', 1.36, 'ca'),
    ('Australia', 'AU', 'AUS', 'Australia', ['Aus', 'Commonwealth of Australia', 'Australien'], '61', '0', 9, [3, 3, 3],
     ['40', '41'], ['42', '43'], 'AUD', 1.52, 'com.au'),
    ('Spain', 'ES', 'ESP', 'España', ['Espana', 'Kingdom of Spain', 'Spanien'], '34', '', 9, [3, 3, 3],
     ['60', '61', '62', '63', '64', '65'], ['66', '67', '68', '69'], 'EUR', 0.92, 'es'),
    ('Italy', 'IT', 'ITA', 'Italia', ['Italien', 'Repubblica Italiana', 'Italie'], '39', '', 10, [3, 3, 4],
     ['320', '328', '333', '338', '340', '347'], ['348', '349', '366', '371', '380', '392'], 'EUR', 0.92, 'it'),
    ('Netherlands', 'NL', 'NLD', 'Nederland', ['The Netherlands', 'Holland', 'Niederlande'], '31', '0', 9, [1, 8],
     ['61', '62', '63'], ['64', '65'], 'EUR', 0.92, 'nl'),
    ('Brazil', 'BR', 'BRA', 'Brasil', ['Brasilien', 'Federative Republic of Brazil', 'Brésil'], '55', '', 11, [2, 5, 4],
     ['99', '98'], ['97', '96'], 'BRL', 5.0, 'com.br'),
    ('Japan', 'JP', 'JPN', '日本', ['Nippon', 'Nihon', 'Japon'], '81', '0', 10, [2, 4, 4],
     ['901', '903', '905', '908', '801', '803'], ['701', '704', '806', '809'], 'JPY', 150.0, 'co.jp'),
    ('India', 'IN', 'IND', 'भारत', ['Bharat', 'Republic of India', 'Indien'], '91', '0', 10, [5, 5],
     ['98', '99', '97', '96'], ['94', '93', '91', '90'], 'INR', 83.0, 'in');

-- Cities: time zone, telephone area code (US, CA, BR mobiles carry it) and postal code pattern
-- (# a digit, @ a letter; the rest as written).
CREATE TABLE city_info(city VARCHAR, tz VARCHAR, area VARCHAR, postal VARCHAR);
INSERT INTO city_info VALUES
    ('New York', 'America/New_York', '212', '100##'), ('Los Angeles', 'America/Los_Angeles', '213', '900##'),
    ('Chicago', 'America/Chicago', '312', '606##'), ('Houston', 'America/Chicago', '713', '770##'),
    ('Phoenix', 'America/Phoenix', '602', '850##'), ('Philadelphia', 'America/New_York', '215', '191##'),
    ('San Antonio', 'America/Chicago', '210', '782##'), ('San Diego', 'America/Los_Angeles', '619', '921##'),
    ('Dallas', 'America/Chicago', '214', '752##'), ('Austin', 'America/Chicago', '512', '787##'),
    ('San Francisco', 'America/Los_Angeles', '415', '941##'), ('Seattle', 'America/Los_Angeles', '206', '981##'),
    ('Denver', 'America/Denver', '303', '802##'), ('Boston', 'America/New_York', '617', '021##'),
    ('Portland', 'America/Los_Angeles', '503', '972##'), ('Atlanta', 'America/New_York', '404', '303##'),
    ('Miami', 'America/New_York', '305', '331##'), ('Minneapolis', 'America/Chicago', '612', '554##'),
    ('London', 'Europe/London', '', 'SW# #@@'), ('Birmingham', 'Europe/London', '', 'B# #@@'),
    ('Leeds', 'Europe/London', '', 'LS# #@@'), ('Glasgow', 'Europe/London', '', 'G# #@@'),
    ('Manchester', 'Europe/London', '', 'M# #@@'), ('Edinburgh', 'Europe/London', '', 'EH# #@@'),
    ('Liverpool', 'Europe/London', '', 'L# #@@'), ('Bristol', 'Europe/London', '', 'BS# #@@'),
    ('Berlin', 'Europe/Berlin', '', '10###'), ('Hamburg', 'Europe/Berlin', '', '20###'),
    ('München', 'Europe/Berlin', '', '80###'), ('Köln', 'Europe/Berlin', '', '50###'),
    ('Frankfurt am Main', 'Europe/Berlin', '', '60###'), ('Stuttgart', 'Europe/Berlin', '', '70###'),
    ('Düsseldorf', 'Europe/Berlin', '', '40###'), ('Leipzig', 'Europe/Berlin', '', '04###'),
    ('Paris', 'Europe/Paris', '', '750##'), ('Marseille', 'Europe/Paris', '', '130##'),
    ('Lyon', 'Europe/Paris', '', '6900#'), ('Toulouse', 'Europe/Paris', '', '310##'),
    ('Nice', 'Europe/Paris', '', '060##'), ('Nantes', 'Europe/Paris', '', '440##'),
    ('Bordeaux', 'Europe/Paris', '', '330##'), ('Lille', 'Europe/Paris', '', '590##'),
    ('Toronto', 'America/Toronto', '416', 'M#@ #@#'), ('Montréal', 'America/Toronto', '514', 'H#@ #@#'),
    ('Calgary', 'America/Edmonton', '403', 'T#@ #@#'), ('Ottawa', 'America/Toronto', '613', 'K#@ #@#'),
    ('Edmonton', 'America/Edmonton', '780', 'T#@ #@#'), ('Vancouver', 'America/Vancouver', '604', 'V#@ #@#'),
    ('Sydney', 'Australia/Sydney', '', '20##'), ('Melbourne', 'Australia/Melbourne', '', '30##'),
    ('Brisbane', 'Australia/Brisbane', '', '40##'), ('Perth', 'Australia/Perth', '', '60##'),
    ('Adelaide', 'Australia/Adelaide', '', '50##'),
    ('Madrid', 'Europe/Madrid', '', '280##'), ('Barcelona', 'Europe/Madrid', '', '080##'),
    ('Valencia', 'Europe/Madrid', '', '460##'), ('Sevilla', 'Europe/Madrid', '', '410##'),
    ('Zaragoza', 'Europe/Madrid', '', '500##'), ('Málaga', 'Europe/Madrid', '', '290##'),
    ('Roma', 'Europe/Rome', '', '001##'), ('Milano', 'Europe/Rome', '', '201##'), ('Napoli', 'Europe/Rome', '', '801##'),
    ('Torino', 'Europe/Rome', '', '101##'), ('Palermo', 'Europe/Rome', '', '901##'),
    ('Bologna', 'Europe/Rome', '', '401##'), ('Firenze', 'Europe/Rome', '', '501##'),
    ('Amsterdam', 'Europe/Amsterdam', '', '10## @@'), ('Rotterdam', 'Europe/Amsterdam', '', '30## @@'),
    ('Den Haag', 'Europe/Amsterdam', '', '25## @@'), ('Utrecht', 'Europe/Amsterdam', '', '35## @@'),
    ('Eindhoven', 'Europe/Amsterdam', '', '56## @@'),
    ('São Paulo', 'America/Sao_Paulo', '11', '0####-###'), ('Rio de Janeiro', 'America/Sao_Paulo', '21', '2####-###'),
    ('Brasília', 'America/Sao_Paulo', '61', '70###-###'), ('Salvador', 'America/Bahia', '71', '40###-###'),
    ('Belo Horizonte', 'America/Sao_Paulo', '31', '30###-###'), ('Curitiba', 'America/Sao_Paulo', '41', '80###-###'),
    ('Tokyo', 'Asia/Tokyo', '', '1##-####'), ('Yokohama', 'Asia/Tokyo', '', '22#-####'),
    ('Osaka', 'Asia/Tokyo', '', '53#-####'), ('Nagoya', 'Asia/Tokyo', '', '45#-####'),
    ('Sapporo', 'Asia/Tokyo', '', '06#-####'), ('Fukuoka', 'Asia/Tokyo', '', '81#-####'),
    ('Mumbai', 'Asia/Kolkata', '', '400###'), ('Delhi', 'Asia/Kolkata', '', '110###'),
    ('Bengaluru', 'Asia/Kolkata', '', '560###'), ('Hyderabad', 'Asia/Kolkata', '', '500###'),
    ('Chennai', 'Asia/Kolkata', '', '600###'), ('Pune', 'Asia/Kolkata', '', '411###');
CREATE TABLE zones AS
    SELECT (row_number() OVER (ORDER BY tz) - 1)::INTEGER AS zone_no, tz FROM (SELECT DISTINCT tz FROM city_info);
-- Minutes east of UTC per zone and epoch day, 2018-2027, joined in by zone and day (a lookup in one long
-- list costs more per row than the join). Offsets are taken at noon UTC: on the few hours of a day that
-- changes to or from summer time the offset shown is the other one, which still names the same instant.
CREATE TABLE zone_days AS
    SELECT z.zone_no, (s // 86400)::INTEGER AS day, ((epoch(timezone(z.tz, to_timestamp(s))) - s) // 60)::INTEGER AS off
    FROM zones z, (SELECT 1514808000 + i * 86400 AS s FROM range(3652) t(i));

-- Streets by name culture: names, and templates ({n} house number, {s} street name) written out and
-- abbreviated, pairwise (the same address as a clerk might shorten it).
CREATE TABLE street_info(culture VARCHAR, names VARCHAR[], full_tpl VARCHAR[], abbr_tpl VARCHAR[]);
INSERT INTO street_info VALUES
    ('en', ['Main', 'Oak', 'Maple', 'Park', 'Cedar', 'Elm', 'Washington', 'Lake'],
     ['{n} {s} Street', '{n} {s} Avenue', '{n} {s} Road', '{n} {s} Drive'], ['{n} {s} St.', '{n} {s} Ave', '{n} {s} Rd', '{n} {s} Dr.']),
    ('de', ['Haupt', 'Bahnhof', 'Garten', 'Schiller', 'Goethe', 'Linden', 'Berg', 'Kirch'], ['{s}straße {n}'], ['{s}str. {n}']),
    ('fr', ['de la Paix', 'Victor Hugo', 'du Moulin', 'de la République', 'Pasteur', 'des Lilas', 'Jean Jaurès', 'du Château'],
     ['{n} rue {s}'], ['{n}, r. {s}']),
    ('es', ['Mayor', 'Real', 'del Sol', 'de Alcalá', 'Gran Vía', 'de la Paz', 'Nueva', 'San Juan'], ['Calle {s} {n}'], ['C/ {s}, {n}']),
    ('it', ['Roma', 'Garibaldi', 'Dante', 'Verdi', 'Mazzini', 'Cavour', 'Marconi', 'della Libertà'], ['Via {s} {n}'], ['V. {s}, {n}']),
    ('nl', ['Kerk', 'Dorps', 'School', 'Molen', 'Heren', 'Prinsen', 'Beatrix', 'Wilhelmina'], ['{s}straat {n}'], ['{s}str. {n}']),
    ('pt', ['das Flores', 'São João', 'Augusta', 'da Consolação', 'XV de Novembro', 'Sete de Setembro', 'Paulista', 'da Paz'],
     ['Rua {s}, {n}'], ['R. {s}, {n}']),
    ('ja', ['Chuo', 'Minami', 'Kita', 'Higashi', 'Nishi', 'Sakae', 'Honcho', 'Midori'], ['{n} {s}'], ['{s} {n}']),
    ('in', ['MG', 'Station', 'Nehru', 'Gandhi', 'Park', 'Temple', 'Lake', 'Ring'], ['{n}, {s} Road'], ['{n}, {s} Rd']);

-- Text renderings. u, u2, ... are draws in [0, 1).
-- A pattern's # and @ become digits and capital letters drawn from h.
CREATE MACRO fill_pattern(p, h) AS array_to_string(list_transform(string_split(p, ''), (c, i) ->
    CASE c WHEN '#' THEN (hash(h + i) % 10)::VARCHAR WHEN '@' THEN chr(65 + (hash(h + i) % 26)::INTEGER) ELSE c END), '');
-- The national significant number in its country's digit groups, joined by sep.
CREATE MACRO grouped(nsn, grp, sep) AS array_to_string(list_transform(range(len(grp)), i ->
    substr(nsn, 1 + coalesce(list_sum(grp[1:i]), 0)::INTEGER, grp[i + 1])), sep);
-- Phones: E.164 20 %, "+CC groups" 20 %, "00CC groups" 10 % (only where 00 is the international
-- prefix, i.e. not in +1, +55, +61, +81: there "+CC groups"); when national forms are allowed (the row
-- names the country) national with spaces 25 %, "(0AA) BBB-CCC" 10 %, dashes 10 %, bare digits 5 %;
-- otherwise those 50 % are "+CC groups" too.
CREATE MACRO phone_text(cc, trunk, nsn, grp, u, national_ok) AS CASE
    WHEN u < 0.20 THEN '+' || cc || nsn
    WHEN u < 0.40 OR (u >= 0.50 AND NOT national_ok) OR (u < 0.50 AND cc IN ('1', '55', '61', '81'))
        THEN '+' || cc || ' ' || grouped(nsn, grp, ' ')
    WHEN u < 0.50 THEN '00' || cc || ' ' || grouped(nsn, grp, ' ')
    WHEN u < 0.75 THEN trunk || grouped(nsn, grp, ' ')
    WHEN u < 0.85 THEN '(' || trunk || left(nsn, grp[1]) || ') ' || grouped(substr(nsn, grp[1] + 1), grp[2:], '-')
    WHEN u < 0.95 THEN trunk || grouped(nsn, grp, '-')
    ELSE trunk || nsn END;
-- Values typed where an identifier was wanted: shared by everyone who typed them.
CREATE MACRO junk_phone(u) AS ['0000000000', 'n/a', 'unknown', '', '123456789'][1 + floor(u * 5)::INTEGER];
CREATE MACRO junk_email(u) AS ['unknown', 'n/a', 'test@test.com', '', 'noemail@example.com', 'none'][1 + floor(u * 6)::INTEGER];
-- The same mailbox written another way. Gmail ignores dots and +tags in the local part and also answers
-- at googlemail.com: of Gmail addresses 10 % lose or gain dots, 8 % get a +tag, 4 % say googlemail.com;
-- other providers deliver +tags too: 3 % of the rest get one.
CREATE MACRO dotted(local, u) AS CASE WHEN contains(local, '.') THEN replace(local, '.', '')
    ELSE left(local, 1 + floor(u * (length(local) - 2))::INTEGER) || '.' || substr(local, 2 + floor(u * (length(local) - 2))::INTEGER) END;
CREATE MACRO plus_tag(u) AS ['shop', 'news', 'orders', 'promo', '2024', 'spam'][1 + floor(u * 6)::INTEGER];
CREATE MACRO mailbox_variant(e, u, u2) AS CASE
    WHEN split_part(e, '@', 2) = 'gmail.com' AND u < 0.10 THEN dotted(split_part(e, '@', 1), u2) || '@gmail.com'
    WHEN split_part(e, '@', 2) = 'gmail.com' AND u < 0.18 THEN split_part(e, '@', 1) || '+' || plus_tag(u2) || '@gmail.com'
    WHEN split_part(e, '@', 2) = 'gmail.com' AND u < 0.22 THEN split_part(e, '@', 1) || '@googlemail.com'
    WHEN split_part(e, '@', 2) <> 'gmail.com' AND u < 0.03 THEN split_part(e, '@', 1) || '+' || plus_tag(u2) || '@' || split_part(e, '@', 2)
    ELSE e END;
-- Case: 70 % as registered (lower case), 15 % capitalised, 10 % capitalised domain, 5 % upper case.
CREATE MACRO email_case(e, u) AS CASE
    WHEN u < 0.70 THEN e
    WHEN u < 0.85 THEN upper(left(e, 1)) || substr(e, 2)
    WHEN u < 0.95 THEN split_part(e, '@', 1) || '@' || upper(left(split_part(e, '@', 2), 1)) || substr(split_part(e, '@', 2), 2)
    ELSE upper(e) END;
-- Whitespace: 4 % leading, 4 % trailing, 2 % both.
CREATE MACRO padded(t, u) AS CASE WHEN u < 0.04 THEN ' ' || t WHEN u < 0.08 THEN t || ' ' WHEN u < 0.10 THEN '  ' || t || ' ' ELSE t END;
-- An address as one record shows it, in three steps (salts s .. s + 3 of key k) that each read the
-- previous one's column: email_variant, then email_cased, then email_padded. Values without an @
-- (junk) stay as they are. WHY three columns: a macro parameter is pasted wherever the macro uses it, so
-- nesting macros that each use theirs several times multiplies the expression (hundreds of copies of
-- mailbox_variant in one email_padded(email_cased(email_variant(...))), 30 times slower).
CREATE MACRO email_variant(e, k, s) AS CASE WHEN contains(e, '@') THEN mailbox_variant(e, rnd(k, s), rnd(k, s + 1)) ELSE e END;
CREATE MACRO email_cased(v, k, s) AS CASE WHEN contains(v, '@') THEN email_case(v, rnd(k, s + 2)) ELSE v END;
CREATE MACRO email_padded(c, k, s) AS CASE WHEN contains(c, '@') THEN padded(c, rnd(k, s + 3)) ELSE c END;
-- Countries: English name 40 %, ISO-2 20 %, ISO-3 10 %, local name 12 %, lower-case name 5 %, upper-case
-- name 3 %, lower-case ISO-2 3 %, an alias 7 %.
CREATE MACRO country_text(name, iso2, iso3, local_name, aliases, u) AS CASE
    WHEN u < 0.40 THEN name WHEN u < 0.60 THEN iso2 WHEN u < 0.70 THEN iso3 WHEN u < 0.82 THEN local_name
    WHEN u < 0.87 THEN lower(name) WHEN u < 0.90 THEN upper(name) WHEN u < 0.93 THEN lower(iso2)
    ELSE aliases[1 + floor((u - 0.93) / 0.07 * len(aliases))::INTEGER] END;
-- Names: 4 % upper case, 2 % lower case, 3 % accents dropped (Müller -> Muller), 2 % a trailing space.
CREATE MACRO name_text(n, u) AS CASE WHEN u < 0.04 THEN upper(n) WHEN u < 0.06 THEN lower(n)
    WHEN u < 0.09 THEN strip_accents(n) WHEN u < 0.11 THEN n || ' ' ELSE n END;
-- One edit (substitution, deletion or doubling) of an ASCII lower-case letter after the first character:
-- the lambda binds their positions (ps) once.
CREATE MACRO typo_at(n, p, u2, u3) AS CASE
    WHEN p IS NULL THEN n || 'e'
    WHEN u2 < 0.4 THEN left(n, p - 1) || chr(97 + ((ascii(n[p]) - 97 + 1 + floor(u3 * 25)::INTEGER) % 26)) || substr(n, p + 1)
    WHEN u2 < 0.7 THEN left(n, p - 1) || substr(n, p + 1)
    ELSE left(n, p) || substr(n, p) END;
CREATE MACRO typo(n, u1, u2, u3) AS list_transform([list_filter(range(2, length(n) + 1), i -> n[i] BETWEEN 'a' AND 'z')],
    ps -> typo_at(n, ps[1 + floor(u1 * len(ps))::INTEGER], u2, u3))[1];
-- Timestamps (sec: epoch seconds UTC, off: the person's UTC offset in minutes then): ISO 8601 with the
-- local offset 35 %, ISO 8601 UTC with Z 15 %, "YYYY-MM-DD HH:MM:SS" 15 %, "MM/DD/YYYY HH:MM" 15 %,
-- "DD.MM.YYYY HH:MM" 10 % (those three without zone are UTC), epoch seconds 10 %.
CREATE MACRO offset_text(off) AS CASE WHEN off < 0 THEN '-' ELSE '+' END
    || lpad((abs(off) // 60)::VARCHAR, 2, '0') || ':' || lpad((abs(off) % 60)::VARCHAR, 2, '0');
CREATE MACRO utc_of(sec) AS make_timestamp(sec * 1000000);
CREATE MACRO ts_text(sec, off, u) AS CASE
    WHEN u < 0.35 THEN strftime(utc_of(sec + off * 60), '%Y-%m-%dT%H:%M:%S') || offset_text(off)
    WHEN u < 0.50 THEN strftime(utc_of(sec), '%Y-%m-%dT%H:%M:%SZ')
    WHEN u < 0.65 THEN strftime(utc_of(sec), '%Y-%m-%d %H:%M:%S')
    WHEN u < 0.80 THEN strftime(utc_of(sec), '%m/%d/%Y %H:%M')
    WHEN u < 0.90 THEN strftime(utc_of(sec), '%d.%m.%Y %H:%M')
    ELSE sec::VARCHAR END;
-- Dates: ISO 50 %, "DD.MM.YYYY" 20 %, "MM/DD/YYYY" 20 %, "YYYYMMDD" 10 %. The separator tells the
-- order: a slash is always month first, a dot always day first.
CREATE MACRO date_text(d, u) AS CASE WHEN u < 0.50 THEN strftime(d, '%Y-%m-%d') WHEN u < 0.70 THEN strftime(d, '%d.%m.%Y')
    WHEN u < 0.90 THEN strftime(d, '%m/%d/%Y') ELSE strftime(d, '%Y%m%d') END;
-- A letters-only form of a name, as the e-commerce generator builds e-mail addresses from it.
CREATE MACRO mail_name(n) AS regexp_replace(lower(strip_accents(n)), '[^a-z]', '', 'g');
-- A UUID-shaped identifier from key k and salt s.
CREATE MACRO uuid_of(k, s) AS printf('%08x-%04x-%04x-%04x-%012x',
    hash(k::BIGINT * 1000003 + s * 7919 + ${seed_offset}) >> 32, (hash(k::BIGINT * 1000003 + s * 7919 + ${seed_offset}) >> 16) & 65535,
    hash(k::BIGINT * 1000003 + s * 7919 + ${seed_offset}) & 65535, hash(k::BIGINT * 1000003 + (s + 1) * 7919 + ${seed_offset}) >> 48,
    hash(k::BIGINT * 1000003 + (s + 1) * 7919 + ${seed_offset}) & 281474976710655);
CREATE MACRO hex_of(k, s) AS printf('%016x', hash(k::BIGINT * 1000003 + s * 7919 + ${seed_offset}));
-- The record ids, from the rowid of each ordered table.
CREATE MACRO crm_id(r) AS 'CRM-' || lpad((r + 1)::VARCHAR, 7, '0');
CREATE MACRO loyalty_id(r) AS 'LY' || lpad((r + 1)::VARCHAR, 8, '0');
CREATE MACRO event_id(r) AS 'ev-' || (r + 1)::VARCHAR;
CREATE MACRO order_id(t) AS 'ORD-' || t::VARCHAR;
CREATE MACRO ticket_id(r) AS 'TCK-' || lpad((r + 1)::VARCHAR, 7, '0');
CREATE MACRO subscription_id(r) AS 'SUB-' || lpad((r + 1)::VARCHAR, 7, '0');

-- @step persons
-- Households: 10 % of the persons, cut per city, in a random order, into households of 2, 2, 3, 2, 4, 2
-- members (a lone leftover lives alone): the same street address; 70 % of households share a tablet
-- (its owner, the first member, and the second use it) and 8 % a family e-mail address named after the
-- first member's last name. Firms: 0.5 % of the persons, cut into groups of 3, 5, 2, 4 colleagues who
-- share a role address (info@, office@...) at a domain named after the first one's last name. Both are
-- cut without regard to anything rarer than a city, so their shares do not depend on the scale.
CREATE TABLE households AS
    WITH cand AS (
             SELECT c.customer_id AS pid, c.city, substr(c.name, length(split_part(c.name, ' ', 1)) + 2) AS last_name, ci.local_domain
             FROM customer_x c JOIN cities ci ON ci.city = c.city AND ci.country = c.country
             WHERE rnd(c.customer_id, 150) < 0.10),
         ranked AS (SELECT *, row_number() OVER (PARTITION BY city ORDER BY rnd(pid, 151), pid) - 1 AS r FROM cand),
         cut AS (SELECT *, r // 15 * 6 + [0, 0, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 4, 5, 5][1 + r % 15] AS hh FROM ranked),
         sized AS (
             SELECT pid, min(pid) OVER w AS hid, count(*) OVER w AS size, arg_min(last_name, pid) OVER w AS family_name,
                    local_domain, row_number() OVER (PARTITION BY city, hh ORDER BY pid) AS member_no
             FROM cut WINDOW w AS (PARTITION BY city, hh))
    SELECT pid, hid, size, member_no,
           CASE WHEN rnd(hid, 153) < 0.08 THEN
               CASE WHEN rnd(hid, 154) < 0.5 THEN mail_name(family_name) || 'family' || hid::VARCHAR
                    ELSE 'the.' || mail_name(family_name) || 's.' || hid::VARCHAR END
               || '@' || CASE WHEN rnd(hid, 159) < 0.6 THEN 'gmail.com' ELSE local_domain END
           END AS family_email
    FROM sized WHERE size >= 2;
CREATE TABLE firms AS
    WITH cand AS (
             SELECT c.customer_id AS pid, substr(c.name, length(split_part(c.name, ' ', 1)) + 2) AS last_name, k.tld
             FROM customer_x c JOIN country_info k ON k.country = c.country
             WHERE rnd(c.customer_id, 155) < 0.005),
         ranked AS (SELECT *, row_number() OVER (ORDER BY rnd(pid, 156), pid) - 1 AS r FROM cand),
         cut AS (SELECT *, r // 14 * 4 + [0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3][1 + r % 14] AS firm FROM ranked),
         sized AS (
             SELECT pid, min(pid) OVER w AS gid, arg_min(last_name, pid) OVER w AS firm_name, arg_min(tld, pid) OVER w AS firm_tld,
                    count(*) OVER w AS size
             FROM cut WINDOW w AS (PARTITION BY firm))
    SELECT pid, gid,
           ['info', 'office', 'contact', 'team', 'orders'][1 + floor(rnd(gid, 157) * 5)::INTEGER] || '@' || mail_name(firm_name) || '-'
               || ['consulting', 'design', 'studio', 'solutions', 'trading', 'services', 'partners', 'bau'][1 + floor(rnd(gid, 158) * 8)::INTEGER]
               || gid::VARCHAR || '.' || firm_tld AS role_email
    FROM sized WHERE size >= 2;

CREATE TABLE person_x AS
    WITH base AS (
             SELECT c.customer_id AS pid, c.segment, c.country, c.city, c.churner, c.device, c.registration_date,
                    c.active_to, c.email AS e1, split_part(c.email, '@', 2) AS d1,
                    split_part(c.name, ' ', 1) AS first_name,
                    substr(c.name, length(split_part(c.name, ' ', 1)) + 2) AS last_name
             FROM customer_x c),
         -- everything known about a city, in one small table: one join per person instead of five
         places AS (
             SELECT ci.city, ci.country, ci.culture, ci.local_domain, z.zone_no, i.area, i.postal, k.iso2, k.iso3,
                    k.local_name, k.aliases, k.cc, k.trunk, k.nsn_len, k.grp, k.heads1, k.heads2, k.currency, k.per_usd,
                    k.tld, s.names AS street_names, s.full_tpl, s.abbr_tpl
             FROM cities ci JOIN city_info i ON i.city = ci.city JOIN zones z ON z.tz = i.tz
             JOIN country_info k ON k.country = ci.country JOIN street_info s ON s.culture = ci.culture),
         joined AS (
             SELECT b.*, pl.* EXCLUDE (city, country), h.hid, h.member_no, h.family_email, f.gid, f.role_email,
                    coalesce(h.hid, b.pid) AS home
             FROM base b
             JOIN places pl ON pl.city = b.city AND pl.country = b.country
             LEFT JOIN households h ON h.pid = b.pid
             LEFT JOIN firms f ON f.pid = b.pid),
         drawn AS (
             SELECT j.*,
                    -- a second address: 12 % of persons, and 40 % of those who will be in the CRM twice
                    rnd(pid, 107) < 0.12 OR (rnd(pid, 120) < 0.03 AND rnd(pid, 108) < 0.40) AS has_e2,
                    rnd(pid, 109) < 0.08 AS has_p2,
                    -- the home's street: households share it
                    floor(rnd(home, 104) * len(street_names))::INTEGER AS street_no,
                    floor(rnd(home, 105) * len(full_tpl))::INTEGER AS tpl_no,
                    CASE WHEN culture = 'ja' THEN (1 + floor(rnd(home, 106) * 9)::INTEGER)::VARCHAR || '-'
                             || (1 + floor(rnd(home, 111) * 30)::INTEGER)::VARCHAR || '-' || (1 + floor(rnd(home, 112) * 20)::INTEGER)::VARCHAR
                         ELSE (1 + floor(pow(rnd(home, 106), 1.5) * 240)::INTEGER)::VARCHAR END AS house_no,
                    -- the number after the prefix: a bijection of pid modulo 10^k, so numbers never repeat
                    (nsn_len - length(area) - length(heads1[1]))::INTEGER AS k1,
                    (nsn_len - length(area) - length(heads2[1]))::INTEGER AS k2
             FROM joined j),
         p AS (
    SELECT pid, segment, country, city, churner, device, registration_date, active_to, culture, zone_no, iso2, iso3,
           local_name, aliases, cc, trunk, grp, currency, per_usd, first_name, last_name, e1, hid, member_no, gid,
           date_diff('day', DATE '1970-01-01', greatest(registration_date, DATE '2024-01-01'))::BIGINT * 86400 AS a_s,
           date_diff('day', DATE '1970-01-01', active_to)::BIGINT * 86400 AS b_s,
           CASE WHEN has_e2 THEN
               mail_name(last_name) || CASE WHEN rnd(pid, 113) < 0.5 THEN '.' ELSE '_' END || left(mail_name(first_name), 1)
                   || pid::VARCHAR || '@'
                   || CASE WHEN ['outlook.com', 'yahoo.com', 'icloud.com', 'gmail.com', local_domain][1 + floor(rnd(pid, 114) * 5)::INTEGER] <> d1
                           THEN ['outlook.com', 'yahoo.com', 'icloud.com', 'gmail.com', local_domain][1 + floor(rnd(pid, 114) * 5)::INTEGER]
                           WHEN local_domain <> d1 THEN local_domain ELSE 'proton.me' END
           END AS e2,
           -- the shared address: the firm's role address, else the household's family address
           coalesce(role_email, family_email) AS shared_email,
           hid IS NOT NULL AND rnd(hid, 152) < 0.70 AND member_no <= 2 AS shares_tablet,
           area || heads1[1 + floor(rnd(pid, 115) * len(heads1))::INTEGER]
               || lpad(((pid * 2654435761 + ${seed_offset} % 1000003) % (10 ** k1)::BIGINT)::VARCHAR, k1, '0') AS p1,
           CASE WHEN has_p2 THEN area || heads2[1 + floor(rnd(pid, 116) * len(heads2))::INTEGER]
               || lpad(((pid * 40503 + ${seed_offset} // 1000003 % 1000003) % (10 ** k2)::BIGINT)::VARCHAR, k2, '0') END AS p2,
           replace(replace(full_tpl[1 + tpl_no], '{s}', street_names[1 + street_no]), '{n}', house_no) AS street,
           replace(replace(abbr_tpl[1 + tpl_no], '{s}', street_names[1 + street_no]), '{n}', house_no) AS street_abbr,
           fill_pattern(postal, home * 1000003 + 103 * 7919 + ${seed_offset}) AS postal_code,
           -- born 1950-2005
           DATE '1950-01-01' + floor(rnd(pid, 117) * 20454)::INTEGER AS dob,
           1 + (rnd(pid, 118) < 0.25)::INTEGER + (rnd(pid, 118) < 0.05)::INTEGER AS n_devices,
           rnd(pid, 120) < 0.03 AS crm_dup,
           rnd(pid, 130) < CASE segment WHEN 'VIP' THEN 0.70 WHEN 'Premium' THEN 0.55 WHEN 'Regular' THEN 0.42
                                        WHEN 'New' THEN 0.35 ELSE 0.30 END AS loyalty,
           rnd(pid, 131) < CASE segment WHEN 'VIP' THEN 0.50 WHEN 'Premium' THEN 0.40 WHEN 'Regular' THEN 0.25
                                        WHEN 'New' THEN 0.20 ELSE 0.15 END AS subscriber,
           rnd(pid, 132) < 0.10 AS nested
    FROM drawn),
         -- Which of their identifiers each system shows, decided here, per person, so that it is known
         -- below which identifiers the CRM (with the shop id) anchors. The CRM record: the registered
         -- address; a shared one 70 % of the time for household and firm members; none 3 %; junk 1.5 %;
         -- the phone, none 4 %, junk 2 %. The duplicate: the shop id 50 %; the same address 55 %, the
         -- second 30 % (when there is one); the same phone 55 %, the second 25 % (when there is one).
         -- Loyalty: a shared address 50 % (members of households and firms), the second 35 % (when there
         -- is one), else the main one; phone only 20 %, e-mail only 25 %, both 55 %. Nested records: the
         -- main address 70 %, the second 20 % (when there is one), none otherwise.
         kinds AS (
             SELECT p.*,
                    CASE WHEN shared_email IS NOT NULL AND rnd(pid, 140) < 0.70 THEN 'shared' WHEN rnd(pid, 140) < 0.03 THEN 'none'
                         WHEN rnd(pid, 140) < 0.045 THEN 'junk' ELSE 'e1' END AS crm_email,
                    CASE WHEN rnd(pid, 141) < 0.04 THEN 'none' WHEN rnd(pid, 141) < 0.06 THEN 'junk' ELSE 'p1' END AS crm_phone,
                    crm_dup AND rnd(pid, 142) < 0.5 AS dup_has_id,
                    CASE WHEN rnd(pid, 143) < 0.55 THEN 'e1' WHEN rnd(pid, 143) < 0.85 AND e2 IS NOT NULL THEN 'e2' ELSE 'none' END AS dup_email,
                    CASE WHEN rnd(pid, 144) < 0.55 THEN 'p1' WHEN rnd(pid, 144) < 0.80 AND p2 IS NOT NULL THEN 'p2' ELSE 'none' END AS dup_phone,
                    CASE WHEN shared_email IS NOT NULL AND rnd(pid, 145) < 0.50 THEN 'shared'
                         WHEN e2 IS NOT NULL AND rnd(pid, 145) < 0.35 THEN 'e2' ELSE 'e1' END AS loyalty_email,
                    CASE WHEN rnd(pid, 146) < 0.20 THEN 'phone' WHEN rnd(pid, 146) < 0.45 THEN 'email' ELSE 'both' END AS loyalty_ids_drawn,
                    CASE WHEN rnd(pid, 147) < 0.70 THEN 'e1' WHEN rnd(pid, 147) < 0.90 AND e2 IS NOT NULL THEN 'e2' ELSE 'none' END AS nested_email
             FROM p),
         anchored AS (
             SELECT k.*, crm_email = 'e1' OR (dup_has_id AND dup_email = 'e1') AS e1_in_crm,
                    crm_phone = 'p1' OR (dup_has_id AND dup_phone = 'p1') AS p1_in_crm
             FROM kinds k),
         loyal AS (
             -- a loyalty member's second or shared address, or an identifier the CRM does not know, comes
             -- with the other identifier
             SELECT a.*,
                    CASE WHEN loyalty_email <> 'e1' OR (loyalty_ids_drawn = 'email' AND NOT e1_in_crm)
                              OR (loyalty_ids_drawn = 'phone' AND NOT p1_in_crm) THEN 'both' ELSE loyalty_ids_drawn END AS loyalty_ids
             FROM anchored a)
    SELECT l.*,
           -- the second phone only beside a main address the CRM knows
           CASE WHEN loyalty_ids = 'both' AND loyalty_email = 'e1' AND e1_in_crm AND p2 IS NOT NULL AND rnd(pid, 148) < 0.5
                THEN 'p2' ELSE 'p1' END AS loyalty_phone,
           -- the second address is known with a shop id or a phone the CRM knows; only then do tickets and
           -- guest checkouts use it
           e2 IS NOT NULL AND ((dup_has_id AND dup_email = 'e2') OR (nested AND nested_email = 'e2')
                               OR (loyalty AND loyalty_email = 'e2' AND p1_in_crm)) AS e2_known
    -- no ORDER BY: every table made from this one sorts, or aggregates in an order, on unique keys
    FROM loyal l;
DROP TABLE households;
DROP TABLE firms;

-- @step crm_customers
-- One record per person (the shop creates it at registration) and, for 3 % of persons, a second one
-- typed in later by hand: a one-edit typo in the first (40 %) or last name, the same home (street
-- abbreviated 40 %, 12 % on originals), and the birth date whenever it lacks the shop id; identifiers as
-- planned in person_x. National phone forms only in rows that name the country (99 %). Ids follow
-- creation time.
CREATE TABLE crm_x AS
    WITH people AS (
             SELECT pid, first_name, last_name, e1, e2, shared_email, p1, p2, cc, trunk, grp, street, street_abbr, postal_code,
                    city, country, iso2, iso3, local_name, aliases, dob, churner, segment, registration_date, zone_no, crm_dup,
                    crm_email, crm_phone, dup_email, dup_phone, dup_has_id
             FROM person_x),
         rec AS (
             SELECT p.*, 0 AS dup, p.pid * 2 AS k FROM people p
             UNION ALL
             SELECT p.*, 1 AS dup, p.pid * 2 + 1 AS k FROM people p WHERE p.crm_dup),
         drawn AS (
             SELECT r.*, rnd(k, 173) AS u_country,
                    date_diff('day', DATE '1970-01-01', r.registration_date)::BIGINT * 86400 + floor(rnd(k, 174) * 86400)::BIGINT
                        + CASE WHEN dup = 1 THEN floor(rnd(k, 175) * date_diff('day', r.registration_date, DATE '2025-01-31'))::BIGINT * 86400
                               ELSE 0 END AS created_s
             FROM rec r),
         timed AS (SELECT d.*, created_s + floor(rnd(k, 197) * (1738368000 - created_s))::BIGINT AS updated_s FROM drawn d),
         chosen AS (
             SELECT d.*,
                    CASE CASE WHEN dup = 0 THEN crm_email ELSE dup_email END
                         WHEN 'e1' THEN e1 WHEN 'e2' THEN e2 WHEN 'shared' THEN shared_email WHEN 'junk' THEN junk_email(rnd(k, 176))
                    END AS email_c,
                    CASE CASE WHEN dup = 0 THEN crm_phone ELSE dup_phone END
                         WHEN 'p1' THEN p1 WHEN 'p2' THEN p2 WHEN 'junk' THEN junk_phone(rnd(k, 177))
                    END AS phone_c,
                    CASE WHEN dup = 0 OR dup_has_id THEN pid END AS customer_id,
                    u_country < 0.99 AS has_country,
                    CASE WHEN dup = 1 AND rnd(k, 178) < 0.4 THEN typo(first_name, rnd(k, 179), rnd(k, 180), rnd(k, 181))
                         ELSE first_name END AS first_c,
                    CASE WHEN dup = 1 AND rnd(k, 178) >= 0.4 THEN typo(last_name, rnd(k, 179), rnd(k, 180), rnd(k, 181))
                         ELSE last_name END AS last_c
             FROM timed d),
         v AS (
             SELECT c.*, email_variant(email_c, k, 184) AS email_v, zc.off AS created_off, zu.off AS updated_off
             FROM chosen c
             JOIN zone_days zc ON zc.zone_no = c.zone_no AND zc.day = c.created_s // 86400
             JOIN zone_days zu ON zu.zone_no = c.zone_no AND zu.day = c.updated_s // 86400),
         w AS (SELECT v.*, email_cased(email_v, k, 184) AS email_w FROM v)
    SELECT k, pid, dup, created_s, customer_id,
           name_text(first_c, rnd(k, 182)) AS first_name,
           name_text(last_c, rnd(k, 183)) AS last_name,
           email_padded(email_w, k, 184) AS email,
           CASE WHEN phone_c = p1 OR phone_c = p2 THEN phone_text(cc, trunk, phone_c, grp, rnd(k, 188), has_country) ELSE phone_c END AS phone,
           CASE WHEN rnd(k, 189) < CASE WHEN dup = 1 THEN 0.40 ELSE 0.12 END THEN street_abbr ELSE street END AS street,
           postal_code,
           CASE WHEN rnd(k, 190) < 0.05 THEN upper(city) ELSE city END AS city,
           CASE WHEN has_country THEN country_text(country, iso2, iso3, local_name, aliases, rnd(k, 191)) END AS country,
           CASE WHEN rnd(k, 192) < 0.05 AND NOT (dup = 1 AND customer_id IS NULL) THEN NULL
                ELSE date_text(dob, rnd(k, 193)) END AS date_of_birth,
           CASE WHEN dup = 1 THEN CASE WHEN rnd(k, 194) < 0.6 THEN 'lead' ELSE 'prospect' END
                WHEN churner THEN CASE WHEN rnd(k, 194) < 0.8 THEN 'churned' ELSE 'inactive' END
                WHEN segment = 'New' THEN 'new'
                WHEN rnd(k, 194) < 0.9 THEN 'active' ELSE 'at_risk' END AS lifecycle_status,
           CASE WHEN rnd(k, 195) < 0.45 THEN 'yes' WHEN rnd(k, 195) < 0.80 THEN 'no' ELSE 'unknown' END AS opt_in,
           ts_text(created_s, created_off, rnd(k, 196)) AS created_at,
           ts_text(updated_s, updated_off, rnd(k, 198)) AS updated_at
    FROM w
    ORDER BY created_s, k;

-- @export crm_customers
SELECT crm_id(rowid) AS crm_id, customer_id, first_name, last_name, email, phone, street, postal_code, city, country,
       date_of_birth, lifecycle_status, opt_in, created_at, updated_at
FROM crm_x

-- @step loyalty_members
-- Members: VIP 70 %, Premium 55 %, Regular 42 %, New 35 %, Basic 30 % of persons; identifiers as
-- planned in person_x. The form takes phones with a country code (no national forms); 3 % of e-mail-only
-- members typed junk into the phone field. Ids follow the join date.
CREATE TABLE loyalty_x AS
    WITH m AS (
             SELECT p.*,
                    (date_diff('day', DATE '1970-01-01', greatest(registration_date, DATE '2020-01-01'))
                        + floor(rnd(pid, 202) * date_diff('day', greatest(registration_date, DATE '2020-01-01'), DATE '2025-02-01')))::INTEGER
                        AS joined_day,
                    CASE loyalty_email WHEN 'shared' THEN shared_email WHEN 'e2' THEN e2 ELSE e1 END AS email_c,
                    CASE loyalty_phone WHEN 'p2' THEN p2 ELSE p1 END AS phone_c,
                    loyalty_ids AS ids
             FROM person_x p WHERE p.loyalty),
         v AS (SELECT m.*, CASE WHEN ids <> 'phone' THEN email_variant(email_c, pid, 204) END AS email_v FROM m),
         w AS (SELECT v.*, email_cased(email_v, pid, 204) AS email_w FROM v)
    SELECT pid, joined_day,
           email_padded(email_w, pid, 204) AS email,
           CASE WHEN ids <> 'email' THEN phone_text(cc, trunk, phone_c, grp, rnd(pid, 208), false)
                WHEN rnd(pid, 209) < 0.03 THEN junk_phone(rnd(pid, 210)) END AS phone,
           CASE WHEN rnd(pid, 211) < 0.05 THEN left(first_name, 1) || '.' ELSE name_text(first_name, rnd(pid, 212)) END AS first_name,
           name_text(last_name, rnd(pid, 213)) AS last_name,
           CASE WHEN segment = 'VIP' THEN CASE WHEN rnd(pid, 214) < 0.5 THEN 'Platinum' ELSE 'Gold' END
                WHEN segment = 'Premium' THEN CASE WHEN rnd(pid, 214) < 0.6 THEN 'Gold' ELSE 'Silver' END
                WHEN segment = 'Regular' THEN CASE WHEN rnd(pid, 214) < 0.5 THEN 'Silver' ELSE 'Bronze' END
                ELSE CASE WHEN rnd(pid, 214) < 0.8 THEN 'Bronze' ELSE 'Silver' END END AS tier,
           floor(exp(6.5 + 1.1 * gauss(pid, 215)) * CASE segment WHEN 'VIP' THEN 4 WHEN 'Premium' THEN 2 ELSE 1 END)::INTEGER AS points,
           CASE WHEN rnd(pid, 216) < 0.10 THEN ((joined_day::BIGINT * 86400 + floor(rnd(pid, 217) * 86400)::BIGINT))::VARCHAR
                ELSE date_text(DATE '1970-01-01' + joined_day, rnd(pid, 218)) END AS joined_at
    FROM w
    ORDER BY joined_day, pid;

-- @export loyalty_members
SELECT loyalty_id(rowid) AS loyalty_id, email, phone, first_name, last_name, tier, points, joined_at FROM loyalty_x

-- @step web_events
-- Devices: 1 (75 %), 2 (20 %) or 3 (5 %) per person, the first of the customer's preferred kind; plus
-- the household tablet that its owner and one other member both use. A device's events come from the
-- app (60 % of phones, 30 % of the own tablets: a UUID device id in capitals, no cookie; 1.5 % of them
-- report the all-zero id of a phone that limits ad tracking) or the browser (a lower-case UUID and a
-- Google Analytics cookie, cleared after the first session on 20 % of devices). Each person's use of a
-- device has 1 (70 %), 2 (25 %) or 3 (5 %) sessions spread over their active months; the first always
-- logs in after 0-2 anonymous events, later ones are logged in throughout (60 %) or anonymous (40 %),
-- but never anonymous on a shared tablet or an all-zero device id, where nothing but the session would
-- tell who it was. Event names come in five SDK dialects, one per device.
CREATE TABLE usage_x AS
    WITH own AS (
             SELECT pid, pid AS owner, unnest(range(n_devices)) AS slot, device AS preferred, a_s, b_s, zone_no FROM person_x),
         tablet AS (
             SELECT p.pid, p.hid AS owner, 3 AS slot, 'tablet' AS preferred, p.a_s, p.b_s, p.zone_no
             FROM person_x p WHERE p.shares_tablet),
         u AS (SELECT * FROM own UNION ALL SELECT * FROM tablet),
         typed AS (
             SELECT u.*, u.owner * 4 + u.slot AS dkey, u.pid * 4 + u.slot AS ukey,
                    CASE WHEN u.slot = 0 OR u.slot = 3 THEN u.preferred
                         ELSE ['mobile', 'desktop', 'tablet', 'mobile'][1 + floor(rnd(u.owner * 4 + u.slot, 220) * 4)::INTEGER] END AS kind
             FROM u),
         flagged AS (
             SELECT t.*, t.slot = 3 AS shared,
                    (t.kind = 'mobile' AND rnd(dkey, 221) < 0.60) OR (t.kind = 'tablet' AND t.slot <> 3 AND rnd(dkey, 221) < 0.30) AS app
             FROM typed t),
         n AS (
             SELECT f.*, app AND NOT shared AND rnd(dkey, 222) < 0.015 AS zero_id,
                    1 + (rnd(ukey, 223) < 0.30)::INTEGER + (rnd(ukey, 223) < 0.05)::INTEGER AS n_sessions
             FROM flagged f)
    SELECT pid, slot, dkey, ukey, kind, shared, app, zero_id, n_sessions, a_s, b_s, zone_no,
           CASE WHEN zero_id THEN '00000000-0000-0000-0000-000000000000' WHEN app THEN upper(uuid_of(dkey, 224))
                ELSE uuid_of(dkey, 224) END AS device_id,
           NOT app AND NOT shared AND rnd(dkey, 226) < 0.20 AS cookie_reset,
           floor(rnd(dkey, 227) * 5)::INTEGER AS dialect,
           (sum(n_sessions) OVER (ORDER BY pid, slot) - n_sessions)::BIGINT AS session_base
    -- no ORDER BY here nor in session_x: the running sums have their own, and events are sorted by time
    FROM n;

CREATE TABLE session_x AS
    WITH s AS (SELECT u.*, unnest(range(u.n_sessions)) AS sno FROM usage_x u),
         k AS (
             SELECT s.*, s.session_base + s.sno AS skey,
                    CASE WHEN s.sno = 0 THEN 'login' WHEN rnd(s.session_base + s.sno, 240) < 0.60 OR s.shared OR s.zero_id
                         THEN CASE WHEN rnd(s.session_base + s.sno, 241) < 0.5 OR NOT (s.shared OR s.zero_id) THEN 'remembered' ELSE 'login' END
                         ELSE 'anonymous' END AS mode
             FROM s),
         c AS (
             SELECT k.*,
                    CASE mode WHEN 'login' THEN (rnd(skey, 242) < 0.60)::INTEGER + (rnd(skey, 242) < 0.25)::INTEGER
                              WHEN 'anonymous' THEN 1 + (rnd(skey, 242) < 0.5)::INTEGER + (rnd(skey, 242) < 0.2)::INTEGER
                              ELSE 0 END AS n_anon,
                    CASE mode WHEN 'login' THEN 1 + (rnd(skey, 243) < 0.50)::INTEGER + (rnd(skey, 243) < 0.20)::INTEGER + (rnd(skey, 243) < 0.05)::INTEGER
                              WHEN 'remembered' THEN 1 + (rnd(skey, 243) < 0.5)::INTEGER + (rnd(skey, 243) < 0.2)::INTEGER
                              ELSE 0 END AS n_known,
                    -- sessions of one use of a device follow each other over the active months
                    a_s + floor((sno + rnd(skey, 244)) / n_sessions * greatest(86400, b_s - a_s - 7200))::BIGINT AS start_s
             FROM k)
    SELECT skey, pid, dkey, device_id, app, zone_no, dialect, mode, n_anon, n_known, start_s,
           CASE WHEN app THEN NULL
                ELSE 'GA1.2.' || (100000000 + hash(dkey * 2 + (cookie_reset AND sno > 0)::INTEGER + ${seed_offset}) % 900000000)::VARCHAR
                     || '.' || (1704067200 + hash(dkey * 2 + (cookie_reset AND sno > 0)::INTEGER + 1 + ${seed_offset}) % 34000000)::VARCHAR
           END AS cookie_id,
           hex_of(skey, 245) AS session_id,
           (sum(n_anon + n_known) OVER (ORDER BY skey) - n_anon - n_known)::BIGINT AS event_base
    FROM c;

-- Events in time order; their ids follow it. Event types (codes into the dialect list): anonymous page
-- view 55 %, product view 30 %, search 15 %; logged in after the login: page view 35 %, product view
-- 25 %, add to cart 20 %, purchase 10 %, search 5 %, logout 5 %.
CREATE TABLE event_x AS
    WITH e AS (SELECT s.*, unnest(range(s.n_anon + s.n_known)) AS i FROM session_x s),
         t AS (
             SELECT e.*, e.event_base + e.i AS ekey, e.i < e.n_anon AS anonymous,
                    CASE WHEN e.i < e.n_anon THEN
                             CASE WHEN rnd(e.event_base + e.i, 250) < 0.55 THEN 0 WHEN rnd(e.event_base + e.i, 250) < 0.85 THEN 1 ELSE 2 END
                         WHEN e.i = e.n_anon AND e.mode = 'login' THEN 3
                         ELSE CASE WHEN rnd(e.event_base + e.i, 250) < 0.35 THEN 0 WHEN rnd(e.event_base + e.i, 250) < 0.60 THEN 1
                                   WHEN rnd(e.event_base + e.i, 250) < 0.80 THEN 4 WHEN rnd(e.event_base + e.i, 250) < 0.90 THEN 5
                                   WHEN rnd(e.event_base + e.i, 250) < 0.95 THEN 2 ELSE 6 END
                    END AS type,
                    -- about a minute apart, in order
                    e.start_s + e.i * 60 + floor(rnd(e.event_base + e.i, 251) * 50)::BIGINT AS ts_s
             FROM e),
         z AS (SELECT t.*, zd.off FROM t JOIN zone_days zd ON zd.zone_no = t.zone_no AND zd.day = t.ts_s // 86400)
    SELECT ts_s, ekey, pid, off, app, anonymous, (dialect * 7 + type)::TINYINT AS name_no, type::TINYINT AS type,
           device_id, cookie_id, session_id
    FROM z
    ORDER BY ts_s, ekey;

-- @export web_events
-- timestamp: from the browser ISO 8601 with the visitor's offset (85 %) or UTC with Z (15 %), with
-- milliseconds; from the app epoch milliseconds as a JSON number (60 %) or ISO UTC (40 %). What is
-- cheap to derive from ekey is derived here rather than carried through the sort by time.
SELECT event_id(rowid) AS event_id,
       CASE WHEN app AND rnd(ekey, 253) < 0.60 THEN to_json(ts_s * 1000 + floor(rnd(ekey, 252) * 1000)::INTEGER)
            WHEN NOT app AND rnd(ekey, 253) < 0.85
                THEN to_json(strftime(utc_of(ts_s + off * 60), '%Y-%m-%dT%H:%M:%S') || '.'
                             || lpad(floor(rnd(ekey, 252) * 1000)::INTEGER::VARCHAR, 3, '0') || offset_text(off))
            ELSE to_json(strftime(utc_of(ts_s), '%Y-%m-%dT%H:%M:%S') || '.'
                         || lpad(floor(rnd(ekey, 252) * 1000)::INTEGER::VARCHAR, 3, '0') || 'Z') END AS "timestamp",
           [ 'page_view', 'product_view', 'search', 'login', 'add_to_cart', 'purchase', 'logout',
             'Page View', 'Product Viewed', 'Search', 'Login', 'Add To Cart', 'Purchase', 'Logout',
             'pageview', 'productview', 'search', 'login', 'addtocart', 'purchase', 'logout',
             'Page Viewed', 'Product Viewed', 'Products Searched', 'Signed In', 'Product Added', 'Order Completed', 'Signed Out',
             'PAGE_VIEW', 'PRODUCT_VIEW', 'SEARCH', 'LOGIN', 'ADD_TO_CART', 'PURCHASE', 'LOGOUT'][1 + name_no] AS event_name,
           device_id, cookie_id, CASE WHEN NOT anonymous THEN pid::VARCHAR END AS user_id,
           CASE type WHEN 0 THEN ['/', '/deals', '/new-arrivals', '/account', '/help', '/stores'][1 + floor(rnd(ekey, 254) * 6)::INTEGER]
                     WHEN 1 THEN '/p/' || (1 + floor(rnd(ekey, 254) * ${products}))::BIGINT::VARCHAR
                     WHEN 2 THEN '/search?q=' || ['headphones', 'running+shoes', 'coffee', 'lego', 'jacket', 'gift', 'tent', 'watch'][1 + floor(rnd(ekey, 254) * 8)::INTEGER]
                     WHEN 3 THEN '/login' WHEN 4 THEN '/cart' WHEN 5 THEN '/checkout/confirmation' ELSE '/logout' END AS page,
           session_id
FROM event_x

-- @step orders
-- The order system holds a 20 % sample of the e-commerce transactions, one order each: order_id is
-- "ORD-" and the transaction_id, the amount the transaction's in the customer's currency (fixed rates),
-- ordered_at its timestamp. Of web and app orders 12 % are guest checkouts: no customer id, only an
-- e-mail (the second address 30 % when another system ties it to the person; 1 % junk). Other orders
-- carry the account e-mail 35 % of the time (a household or firm member's shared address 25 %, a second
-- address 15 %).
CREATE TABLE order_x AS
    WITH o AS (
             SELECT rowid + 1 AS transaction_id, customer_id AS pid, amount, ts, channel, status FROM tx
             WHERE rnd(rowid + 1, 270) < 0.20),
         g AS (
             SELECT o.*, p.e1, p.e2, p.e2_known, p.shared_email, p.currency, p.per_usd, zd.off,
                    o.channel <> 'store' AND rnd(o.transaction_id, 271) < 0.12 AS guest,
                    epoch(o.ts)::BIGINT AS ts_s
             FROM o JOIN person_x p USING (pid)
             JOIN zone_days zd ON zd.zone_no = p.zone_no AND zd.day = epoch(o.ts)::BIGINT // 86400),
         c AS (
             SELECT g.*,
                    CASE WHEN guest THEN CASE WHEN rnd(transaction_id, 272) < 0.01 THEN junk_email(rnd(transaction_id, 273))
                                              WHEN e2_known AND rnd(transaction_id, 274) < 0.30 THEN e2 ELSE e1 END
                         WHEN rnd(transaction_id, 275) < 0.35 THEN
                             CASE WHEN shared_email IS NOT NULL AND rnd(transaction_id, 276) < 0.25 THEN shared_email
                                  WHEN e2 IS NOT NULL AND rnd(transaction_id, 276) < 0.15 THEN e2 ELSE e1 END END AS email_c
             FROM g),
         v AS (SELECT c.*, email_variant(email_c, transaction_id, 277) AS email_v FROM c),
         w AS (SELECT v.*, email_cased(email_v, transaction_id, 277) AS email_w FROM v)
    SELECT transaction_id, pid, guest, amount AS amount_usd, ts_s,
           CASE WHEN NOT guest THEN pid END AS customer_id,
           email_padded(email_w, transaction_id, 277) AS email,
           round(amount * per_usd, CASE WHEN currency = 'JPY' THEN 0 ELSE 2 END)::DECIMAL(18, 2) AS amount,
           currency,
           ts_text(ts_s, off, rnd(transaction_id, 281)) AS ordered_at,
           CASE status WHEN 'completed' THEN 'fulfilled' WHEN 'refunded' THEN 'refunded' WHEN 'cancelled' THEN 'cancelled'
                       ELSE 'pending' END AS status,
           CASE channel WHEN 'web' THEN 'online' WHEN 'mobile_app' THEN 'app' ELSE 'pos' END AS channel
    FROM w
    ORDER BY transaction_id;

-- @export orders
SELECT order_id(transaction_id) AS order_id, customer_id, email, amount, currency, ordered_at, status, channel FROM order_x

-- @step support_tickets
-- Tickets: 0, 1, 2 or 3 per person (about 0.29 each), at any time of their active months. The e-mail
-- is missing on 1.5 % (a phone call logged without one: no usable identifier at all) and junk on 1 %;
-- household and firm members write from the shared address 50 % of the time and then always sign with
-- their name, which 60 % of the others do too; a second address is used 25 % of the time, if another
-- system ties it to the person (person_x.e2_known).
CREATE TABLE topic_info(topic INTEGER, subject VARCHAR, body VARCHAR, sentiment VARCHAR);
INSERT INTO topic_info VALUES
    (0, 'Where is my order?', 'Hi, I ordered a {item} two weeks ago and it still has not arrived. Can you tell me where it is?', 'negative'),
    (1, 'Refund not received', 'Hello, I sent the {item} back last month but I have not seen the refund yet. Please check.', 'negative'),
    (2, 'Damaged item', 'The {item} arrived damaged, the box was crushed. I would like a replacement.', 'negative'),
    (3, 'Cannot log in', 'I cannot log in to my account, the password reset e-mail never arrives.', 'negative'),
    (4, 'Change delivery address', 'Could you please change the delivery address of my last order? I moved last week.', 'neutral'),
    (5, 'Question about sizes', 'Does the {item} run small? I am between two sizes.', 'neutral'),
    (6, 'Invoice request', 'Please send me an invoice for my last order, I need it for my records.', 'neutral'),
    (7, 'Charged twice', 'I was charged twice for my subscription this month. Please refund one of the payments.', 'negative'),
    (8, 'Cancel subscription', 'Please cancel my subscription at the end of the billing period.', 'neutral'),
    (9, 'Thank you!', 'Just wanted to say thanks, the {item} is great and arrived really fast.', 'positive'),
    (10, 'Great service', 'Your support team solved my problem within minutes. Great job!', 'positive'),
    (11, 'Recommendation', 'I loved the {item}. Can you recommend something similar?', 'positive');
SET VARIABLE topic_subjects = (SELECT list(subject ORDER BY topic) FROM topic_info);
SET VARIABLE topic_bodies = (SELECT list(body ORDER BY topic) FROM topic_info);
SET VARIABLE topic_sentiments = (SELECT list(sentiment ORDER BY topic) FROM topic_info);
CREATE TABLE ticket_x AS
    WITH n AS (
             SELECT p.*, ((rnd(pid, 290) < 0.20)::INTEGER + (rnd(pid, 290) < 0.07)::INTEGER + (rnd(pid, 290) < 0.02)::INTEGER) AS n_tickets
             FROM person_x p),
         t AS (SELECT n.*, n.pid * 4 + unnest(range(n.n_tickets)) AS k FROM n WHERE n.n_tickets > 0),
         c AS (
             SELECT t.*, a_s + floor(rnd(k, 291) * (b_s - a_s))::BIGINT AS created_s,
                    floor(rnd(k, 292) * 12)::INTEGER AS topic,
                    CASE WHEN rnd(k, 293) < 0.015 THEN NULL WHEN rnd(k, 293) < 0.025 THEN junk_email(rnd(k, 294))
                         WHEN shared_email IS NOT NULL AND rnd(k, 295) < 0.50 THEN shared_email
                         WHEN e2_known AND rnd(k, 295) < 0.25 THEN e2 ELSE e1 END AS email_c
             FROM t),
         v AS (
             SELECT c.*, email_variant(email_c, k, 296) AS email_v, zd.off
             FROM c JOIN zone_days zd ON zd.zone_no = c.zone_no AND zd.day = c.created_s // 86400),
         w AS (SELECT v.*, email_cased(email_v, k, 296) AS email_w FROM v)
    SELECT k, pid, created_s, email_padded(email_w, k, 296) AS email,
           ts_text(created_s, off, rnd(k, 300)) AS created_at,
           CASE WHEN created_s >= 1737763200 THEN CASE WHEN rnd(k, 301) < 0.6 THEN 'open' ELSE 'pending' END
                WHEN rnd(k, 301) < 0.05 THEN 'open' WHEN rnd(k, 301) < 0.55 THEN 'solved' ELSE 'closed' END AS status,
           CASE WHEN rnd(k, 302) < 0.10 THEN 'neutral' ELSE getvariable('topic_sentiments')[1 + topic] END AS sentiment,
           CASE WHEN rnd(k, 303) < 0.50 THEN 'email' WHEN rnd(k, 303) < 0.75 THEN 'web_form' WHEN rnd(k, 303) < 0.95 THEN 'chat'
                ELSE 'phone' END AS channel,
           getvariable('topic_subjects')[1 + topic] AS subject,
           replace(getvariable('topic_bodies')[1 + topic], '{item}',
                   ['pair of headphones', 'jacket', 'coffee grinder', 'pair of sneakers', 'tent', 'novel', 'face cream',
                    'board game', 'watch', 'cordless drill'][1 + floor(rnd(k, 304) * 10)::INTEGER])
               || CASE WHEN (email_c = shared_email) OR rnd(k, 305) < 0.60
                       THEN chr(10) || chr(10) || CASE WHEN rnd(k, 306) < 0.5 THEN first_name ELSE first_name || ' ' || last_name END
                       ELSE '' END AS body
    FROM w
    ORDER BY created_s, k;

-- @export support_tickets
SELECT ticket_id(rowid) AS ticket_id, email, created_at, status, sentiment, channel, subject, body FROM ticket_x

-- @step subscriptions
-- Subscribers: VIP 50 %, Premium 40 %, Regular 25 %, New 20 %, Basic 15 % of persons; 15 % of them
-- switched plan once (the first subscription cancelled the day the second started). A churner's last
-- subscription is cancelled around the churn date; of the others, half of those started in the window's
-- last 16 days are trialing, 5 % past_due, the rest active. renews_at: the next monthly anniversary after
-- the window; mrr 0 once cancelled.
CREATE TABLE subscription_x AS
    WITH s AS (
             SELECT p.*, 1 + (rnd(pid, 310) < 0.15)::INTEGER AS n_subs,
                    a_s + floor(rnd(pid, 311) * 0.7 * (b_s - a_s))::BIGINT AS first_start,
                    floor(rnd(pid, 312) * CASE segment WHEN 'VIP' THEN 3 WHEN 'Premium' THEN 3 ELSE 2 END)::INTEGER AS plan_no
             FROM person_x p WHERE p.subscriber),
         e AS (SELECT s.*, unnest(range(s.n_subs)) AS i FROM s),
         t AS (
             SELECT e.*, e.pid * 2 + e.i AS k, e.i = e.n_subs - 1 AS last,
                    -- the switch: somewhere in the first half of what is left
                    e.first_start + floor(rnd(e.pid, 313) * 0.5 * (e.b_s - e.first_start))::BIGINT AS switch_s
             FROM e),
         d AS (
             SELECT t.*, CASE WHEN i = 0 THEN first_start ELSE switch_s END AS start_s,
                    CASE WHEN NOT last THEN switch_s
                         WHEN churner THEN greatest(CASE WHEN i = 0 THEN first_start ELSE switch_s END + 86400,
                                                    b_s - floor(rnd(k, 314) * 20 * 86400)::BIGINT) END AS cancel_s,
                    ['basic', 'plus', 'pro', 'family'][1 + least(3, plan_no + i)] AS plan
             FROM t)
    SELECT k, pid, plan, start_s, cancel_s,
           CASE WHEN cancel_s IS NOT NULL THEN 'cancelled' WHEN start_s >= 1736985600 AND rnd(k, 315) < 0.5 THEN 'trialing'
                WHEN rnd(k, 316) < 0.05 THEN 'past_due' ELSE 'active' END AS status,
           strftime(utc_of(start_s), '%Y-%m-%dT%H:%M:%SZ') AS started_at,
           CASE WHEN cancel_s IS NULL THEN
               strftime(CAST(utc_of(start_s) AS DATE)
                        + to_months(date_diff('month', CAST(utc_of(start_s) AS DATE), DATE '2025-02-01') + 1), '%Y-%m-%d') END AS renews_at,
           strftime(utc_of(cancel_s), '%Y-%m-%dT%H:%M:%SZ') AS cancelled_at,
           CASE WHEN cancel_s IS NOT NULL THEN 0 ELSE [4.99, 9.99, 19.99, 14.99][1 + least(3, plan_no + i)] END::DECIMAL(8, 2) AS mrr
    FROM d
    ORDER BY start_s, k;

-- @export subscriptions
SELECT subscription_id(rowid) AS subscription_id, pid AS customer_id, plan, status, started_at, renews_at, cancelled_at, mrr
FROM subscription_x

-- @step customers_nested
-- 10 % of persons as seed 003's nested CUSTOMER records: the shop id as "cust-<n>", an e-mail (main 70 %,
-- second 20 % when there is one, none otherwise), the current plan ("free" without one), and their
-- subscriptions, last five orders and tickets as nested arrays (empty when there are none).
CREATE TABLE nested_x AS
    WITH n AS (
             SELECT pid, CASE nested_email WHEN 'e1' THEN e1 WHEN 'e2' THEN e2 END AS email_c
             FROM person_x WHERE nested),
         v AS (SELECT n.*, email_variant(email_c, pid, 331) AS email_v FROM n),
         w AS (SELECT v.*, email_cased(email_v, pid, 331) AS email_w FROM v),
         subs AS (
             SELECT s.pid, list({'subscriptionId': subscription_id(s.rowid), 'status': s.status, 'renewsAt': s.renews_at} ORDER BY s.rowid) AS subs,
                    arg_max(s.plan, s.start_s) FILTER (s.cancel_s IS NULL) AS plan
             FROM subscription_x s JOIN n USING (pid) GROUP BY s.pid),
         ords AS (
             SELECT o.pid, list({'orderId': order_id(o.transaction_id), 'totalUsd': o.amount_usd::DOUBLE} ORDER BY o.transaction_id DESC)[1:5] AS ords
             FROM order_x o JOIN n USING (pid) GROUP BY o.pid),
         tickets AS (
             SELECT t.pid, list({'ticketId': ticket_id(t.rowid), 'status': t.status, 'sentiment': t.sentiment} ORDER BY t.rowid) AS tickets
             FROM ticket_x t JOIN n USING (pid) GROUP BY t.pid)
    SELECT n.pid, 'cust-' || n.pid::VARCHAR AS customer_id, email_padded(n.email_w, n.pid, 331) AS email,
           coalesce(s.plan, 'free') AS plan,
           coalesce(s.subs, []) AS subs, coalesce(o.ords, []) AS ords, coalesce(t.tickets, []) AS tickets
    FROM w n LEFT JOIN subs s USING (pid) LEFT JOIN ords o USING (pid) LEFT JOIN tickets t USING (pid)
    ORDER BY n.pid;

-- @export customers_nested
SELECT customer_id AS "customerId", email, plan, subs AS "SUBSCRIPTION", ords AS "ORDER", tickets AS "SUPPORT_TICKET"
FROM nested_x

-- @export ground_truth
SELECT 'crm_customers' AS source, crm_id(rowid) AS record_id, pid AS person_id FROM crm_x
UNION ALL SELECT 'loyalty_members', loyalty_id(rowid), pid FROM loyalty_x
UNION ALL SELECT 'web_events', event_id(rowid), pid FROM event_x
UNION ALL SELECT 'orders', order_id(transaction_id), pid FROM order_x
UNION ALL SELECT 'support_tickets', ticket_id(rowid), pid FROM ticket_x
UNION ALL SELECT 'subscriptions', subscription_id(rowid), pid FROM subscription_x
UNION ALL SELECT 'customers_nested', customer_id, pid FROM nested_x
