-- The seed-001 e-commerce model, generated entirely in DuckDB.
--
-- Determinism: no random()/setseed (their streams depend on thread scheduling). Every draw is
-- rnd(key, salt): a hash of the entity's own key, a salt naming the draw, and the seed. DuckDB's
-- hash(a, b, c) combines its arguments with XOR, so hash(seed, key, salt) for two salts differ by a
-- constant XOR and are strongly correlated (r = 0.59 measured); hashing one integer that mixes key,
-- salt and seed arithmetically avoids that (r ~ 0, 2-D chi-square normal). Sums that feed a later
-- draw are computed on integers or DECIMALs, never DOUBLEs, whose parallel sum order varies.
-- Weighted choices made per event are lookups in short constant lists (SET VARIABLE), not joins:
-- DuckDB does not keep the row order through a join, and the files must come out in one order.
--
-- Placeholders (a name in dollar-braces) are replaced by the generator with numbers it computed.
-- Sections start with a line "-- @step NAME" (statements that build internal tables) or
-- "-- @export TABLE" (one SELECT whose rows are written, in order, to that table's file).
--
-- The time window is fixed (not "now") so that the output depends on the seed only: 13 months, from
-- 2024-01-01 00:00 (day 0, epoch second 1704067200) to 2025-02-01 00:00 (day 397) exclusive.
--
-- Salts, one per independent draw (gauss uses salt and salt + 500):
--   customers 0-19, products 20-29, transactions 30-49, sessions 60-69, interactions 70-79.

-- @step model
CREATE MACRO rnd(k, s) AS (hash(k::BIGINT * 1000003 + s * 7919 + ${seed_offset}) >> 11) / 9007199254740992.0;
CREATE MACRO gauss(k, s) AS sqrt(-2 * ln(1 - rnd(k, s))) * cos(2 * pi() * rnd(k, s + 500));
-- The timestamp of second sec (0..86399) of window day d, from integers (cheaper than DATE + INTERVAL).
CREATE MACRO at_second(d, sec) AS make_timestamp((1704067200 + d::BIGINT * 86400 + sec) * 1000000);
-- Where an event falls on the calendar's cumulative weight (0..1): u in [0, 1) spread over the
-- customer's active days, whose ends are at fa and fb; a churner's activity fades out, its density
-- (1 - x)^2 falling to zero at the churn date. day_at turns the position into a day.
CREATE MACRO calendar_position(fa, fb, churner, u) AS
    fa + (CASE WHEN churner THEN 1 - cbrt(1 - u) ELSE u END) * (fb - fa);
-- Cheap items are sometimes bought by several (so no amount exceeds the $5,000 price ceiling).
CREATE MACRO quantity_of(price, u) AS CASE
    WHEN price < 100 THEN 1 + (u < 0.30)::INTEGER + (u < 0.10)::INTEGER + (u < 0.03)::INTEGER
    WHEN price < 300 THEN 1 + (u < 0.08)::INTEGER
    ELSE 1 END;
CREATE MACRO channel_of(preferred, u) AS CASE
    WHEN u < 0.70 THEN preferred WHEN u < 0.84 THEN 'web' WHEN u < 0.95 THEN 'mobile_app' ELSE 'store' END;
-- Orders of the last week are partly still pending; refunds depend on the category (clothes come back).
CREATE MACRO status_of(ts, u_recent, u, refund_rate) AS CASE
    WHEN ts >= TIMESTAMP '2025-01-25 00:00:00' AND u_recent < 0.5 THEN 'pending'
    WHEN u < refund_rate THEN 'refunded'
    WHEN u < refund_rate + 0.03 THEN 'cancelled'
    WHEN u < refund_rate + 0.035 THEN 'pending'
    ELSE 'completed' END;

-- Segments. The issue's four shares (8.3 + 16.6 + 32.2 + 42.9) already sum to 100 %, leaving nothing
-- for "New", so New (2.0 %) is carved out of Basic (42.9 -> 40.9 %): New customers registered in the
-- last 60 days of the window. Rates are relative (normalised later to the seed's per-customer means);
-- price_exponent < 1 pulls product choice towards the expensive end of a brand's range.
CREATE TABLE segments(segment VARCHAR, upper DOUBLE, tx_rate DOUBLE, interaction_rate DOUBLE,
                      price_exponent DOUBLE, value_shopper BOOLEAN);
INSERT INTO segments VALUES
    ('VIP',     0.083, 13.0, 42.0, 0.43, true),
    ('Premium', 0.249,  7.5, 33.0, 0.85, true),
    ('Regular', 0.571,  4.6, 26.0, 1.35, false),
    ('Basic',   0.980,  1.9, 19.0, 3.00, false),
    ('New',     1.000,  4.0, 40.0, 1.20, false);

-- Categories: share of the catalogue, purchase weight for mass and for value shoppers, refund rate.
CREATE TABLE categories(cat INTEGER, category VARCHAR, product_share DOUBLE, mass_weight DOUBLE,
                        value_weight DOUBLE, refund_rate DOUBLE);
INSERT INTO categories VALUES
    (0, 'Electronics',       0.12, 0.10, 0.20, 0.04),
    (1, 'Home & Kitchen',    0.14, 0.14, 0.16, 0.03),
    (2, 'Clothing',          0.16, 0.18, 0.10, 0.10),
    (3, 'Shoes',             0.08, 0.09, 0.07, 0.09),
    (4, 'Sports & Outdoors', 0.10, 0.09, 0.09, 0.04),
    (5, 'Books',             0.14, 0.12, 0.05, 0.01),
    (6, 'Beauty',            0.09, 0.12, 0.07, 0.02),
    (7, 'Toys & Games',      0.08, 0.08, 0.06, 0.03),
    (8, 'Jewelry & Watches', 0.04, 0.03, 0.12, 0.05),
    (9, 'Garden & Tools',    0.05, 0.05, 0.08, 0.03);

CREATE TABLE brand_list(cat INTEGER, brand VARCHAR, share DOUBLE);
INSERT INTO brand_list VALUES
    (0, 'Samsung', 28), (0, 'Apple', 24), (0, 'Sony', 16), (0, 'LG', 12), (0, 'Lenovo', 11), (0, 'Logitech', 9),
    (1, 'IKEA', 26), (1, 'Philips', 20), (1, 'KitchenAid', 16), (1, 'Tefal', 15), (1, 'Dyson', 12), (1, 'Le Creuset', 11),
    (2, 'Zara', 25), (2, 'H&M', 23), (2, 'Uniqlo', 17), (2, 'Levi''s', 14), (2, 'Patagonia', 11), (2, 'Ralph Lauren', 10),
    (3, 'Nike', 30), (3, 'Adidas', 25), (3, 'New Balance', 14), (3, 'Converse', 12), (3, 'Clarks', 10), (3, 'Dr. Martens', 9),
    (4, 'Decathlon', 27), (4, 'The North Face', 19), (4, 'Garmin', 16), (4, 'Wilson', 14), (4, 'Coleman', 13), (4, 'Yeti', 11),
    (5, 'Penguin', 30), (5, 'HarperCollins', 22), (5, 'O''Reilly', 14), (5, 'Lonely Planet', 13), (5, 'Marvel', 12), (5, 'Taschen', 9),
    (6, 'L''Oréal', 27), (6, 'Nivea', 22), (6, 'The Ordinary', 15), (6, 'Clinique', 14), (6, 'Braun', 12), (6, 'Lancôme', 10),
    (7, 'LEGO', 30), (7, 'Hasbro', 20), (7, 'Mattel', 17), (7, 'Nintendo', 14), (7, 'Ravensburger', 11), (7, 'Playmobil', 8),
    (8, 'Pandora', 24), (8, 'Casio', 21), (8, 'Swarovski', 17), (8, 'Fossil', 15), (8, 'Seiko', 13), (8, 'Tissot', 10),
    (9, 'Bosch', 26), (9, 'Makita', 20), (9, 'Gardena', 17), (9, 'Weber', 15), (9, 'Black+Decker', 12), (9, 'Husqvarna', 10);
CREATE TABLE brands AS
    SELECT cat, (row_number() OVER (PARTITION BY cat ORDER BY share DESC, brand) - 1)::INTEGER AS brand_no, brand,
           share / sum(share) OVER (PARTITION BY cat) AS share
    FROM brand_list;

-- Product types with a price range (log-uniform) and the type a buyer adds within days (laptop -> mouse).
CREATE TABLE type_list(cat INTEGER, type VARCHAR, price_lo DOUBLE, price_hi DOUBLE, complement VARCHAR);
INSERT INTO type_list VALUES
    (0, 'Laptop', 450, 3000, 'Wireless Mouse'), (0, 'Smartphone', 150, 1500, 'Phone Case'),
    (0, '4K TV', 350, 5000, 'Soundbar'), (0, 'Soundbar', 120, 1200, 'HDMI Cable'),
    (0, 'Tablet', 150, 1300, 'Headphones'), (0, 'Headphones', 30, 450, 'Phone Case'),
    (0, 'Wireless Mouse', 15, 120, 'Keyboard'), (0, 'Keyboard', 20, 200, 'Wireless Mouse'),
    (0, 'Phone Case', 10, 60, 'Headphones'), (0, 'HDMI Cable', 10, 40, 'Soundbar'),
    (1, 'Espresso Machine', 120, 1500, 'Coffee Grinder'), (1, 'Coffee Grinder', 30, 300, 'Milk Frother'),
    (1, 'Milk Frother', 20, 150, 'Coffee Grinder'), (1, 'Cookware Set', 80, 800, 'Knife Set'),
    (1, 'Knife Set', 40, 500, 'Cutting Board'), (1, 'Cutting Board', 15, 90, 'Knife Set'),
    (1, 'Bedding Set', 40, 400, 'Pillow'), (1, 'Pillow', 15, 120, 'Bedding Set'),
    (2, 'Jeans', 40, 250, 'Sneakers'), (2, 'T-Shirt', 12, 80, 'Jeans'), (2, 'Dress', 30, 600, 'Heels'),
    (2, 'Jacket', 80, 900, 'Scarf'), (2, 'Scarf', 15, 200, 'Jacket'), (2, 'Suit', 200, 2000, 'Dress Shoes'),
    (2, 'Sweater', 30, 300, 'Jeans'), (2, 'Socks', 10, 30, 'T-Shirt'),
    (3, 'Sneakers', 50, 250, 'Socks'), (3, 'Running Shoes', 60, 250, 'Socks'), (3, 'Heels', 40, 600, 'Shoe Care Kit'),
    (3, 'Dress Shoes', 90, 600, 'Shoe Care Kit'), (3, 'Boots', 80, 500, 'Shoe Care Kit'),
    (3, 'Sandals', 20, 150, 'T-Shirt'), (3, 'Shoe Care Kit', 10, 40, 'Socks'),
    (4, 'Tent', 80, 900, 'Sleeping Bag'), (4, 'Sleeping Bag', 40, 500, 'Camping Stove'),
    (4, 'Camping Stove', 30, 250, 'Water Bottle'), (4, 'Bicycle', 300, 4500, 'Bike Helmet'),
    (4, 'Bike Helmet', 40, 300, 'Water Bottle'), (4, 'Yoga Mat', 15, 150, 'Water Bottle'),
    (4, 'GPS Watch', 150, 900, 'Running Shoes'), (4, 'Water Bottle', 10, 50, 'Yoga Mat'),
    (4, 'Backpack', 30, 300, 'Water Bottle'),
    (5, 'Novel', 10, 35, 'Novel'), (5, 'Cookbook', 15, 60, 'Knife Set'), (5, 'Travel Guide', 12, 40, 'Backpack'),
    (5, 'Programming Book', 25, 90, 'Programming Book'), (5, 'Art Book', 25, 400, 'Art Book'),
    (5, 'Comic', 10, 30, 'Comic'), (5, 'Children''s Book', 10, 30, 'Puzzle'),
    (6, 'Perfume', 30, 400, 'Body Lotion'), (6, 'Body Lotion', 10, 60, 'Perfume'), (6, 'Face Cream', 15, 300, 'Serum'),
    (6, 'Serum', 15, 200, 'Face Cream'), (6, 'Shampoo', 10, 60, 'Conditioner'), (6, 'Conditioner', 10, 60, 'Shampoo'),
    (6, 'Electric Shaver', 50, 400, 'Shaving Gel'), (6, 'Shaving Gel', 10, 30, 'Body Lotion'),
    (7, 'Building Set', 15, 800, 'Building Set'), (7, 'Board Game', 20, 120, 'Puzzle'), (7, 'Puzzle', 10, 80, 'Board Game'),
    (7, 'Doll', 15, 150, 'Dollhouse'), (7, 'Dollhouse', 60, 400, 'Doll'), (7, 'Game Console', 250, 600, 'Video Game'),
    (7, 'Video Game', 20, 80, 'Video Game'), (7, 'Action Figure', 10, 100, 'Action Figure'),
    (8, 'Watch', 80, 5000, 'Watch Strap'), (8, 'Watch Strap', 20, 200, 'Jewelry Box'), (8, 'Necklace', 40, 3000, 'Earrings'),
    (8, 'Earrings', 30, 2000, 'Necklace'), (8, 'Ring', 50, 4000, 'Jewelry Box'), (8, 'Bracelet', 30, 1500, 'Charm'),
    (8, 'Charm', 20, 120, 'Bracelet'), (8, 'Jewelry Box', 25, 200, 'Necklace'),
    (9, 'Cordless Drill', 60, 600, 'Drill Bit Set'), (9, 'Drill Bit Set', 15, 90, 'Work Gloves'),
    (9, 'Lawn Mower', 150, 2500, 'Grass Trimmer'), (9, 'Grass Trimmer', 60, 400, 'Work Gloves'),
    (9, 'Grill', 150, 3000, 'Grill Tools'), (9, 'Grill Tools', 20, 120, 'Work Gloves'),
    (9, 'Garden Hose', 20, 150, 'Hose Nozzle'), (9, 'Hose Nozzle', 10, 40, 'Garden Hose'),
    (9, 'Work Gloves', 10, 40, 'Pruning Shears'), (9, 'Pruning Shears', 15, 90, 'Work Gloves');
CREATE TABLE types AS
    SELECT cat, (row_number() OVER (PARTITION BY cat ORDER BY type) - 1)::INTEGER AS type_no, type, price_lo, price_hi,
           complement, count(*) OVER (PARTITION BY cat)::INTEGER AS types_in_cat
    FROM type_list;

CREATE TABLE series(no INTEGER, word VARCHAR);
INSERT INTO series VALUES (0, 'Pro'), (1, 'Max'), (2, 'Lite'), (3, 'Classic'), (4, 'Plus'), (5, 'Air'), (6, 'Ultra'),
    (7, 'Mini'), (8, 'Neo'), (9, 'Prime'), (10, 'One'), (11, 'Go'), (12, 'Edge'), (13, 'Flex'), (14, 'Core'), (15, 'Studio');

-- Countries with their share of customers, name culture and local mail provider; real city coordinates.
CREATE TABLE countries(country VARCHAR, share DOUBLE, culture VARCHAR, local_domain VARCHAR);
INSERT INTO countries VALUES
    ('United States', 0.34, 'en', 'comcast.net'), ('United Kingdom', 0.12, 'en', 'btinternet.com'),
    ('Germany', 0.10, 'de', 'web.de'), ('France', 0.08, 'fr', 'orange.fr'), ('Canada', 0.07, 'en', 'rogers.com'),
    ('Australia', 0.05, 'en', 'bigpond.com'), ('Spain', 0.05, 'es', 'telefonica.net'), ('Italy', 0.05, 'it', 'libero.it'),
    ('Netherlands', 0.04, 'nl', 'ziggo.nl'), ('Brazil', 0.04, 'pt', 'uol.com.br'), ('Japan', 0.03, 'ja', 'yahoo.co.jp'),
    ('India', 0.03, 'in', 'rediffmail.com');
CREATE TABLE city_list(country VARCHAR, city VARCHAR, lat DOUBLE, lon DOUBLE, population DOUBLE);
INSERT INTO city_list VALUES
    ('United States', 'New York', 40.7128, -74.0060, 8.3), ('United States', 'Los Angeles', 34.0522, -118.2437, 3.9),
    ('United States', 'Chicago', 41.8781, -87.6298, 2.7), ('United States', 'Houston', 29.7604, -95.3698, 2.3),
    ('United States', 'Phoenix', 33.4484, -112.0740, 1.6), ('United States', 'Philadelphia', 39.9526, -75.1652, 1.6),
    ('United States', 'San Antonio', 29.4241, -98.4936, 1.5), ('United States', 'San Diego', 32.7157, -117.1611, 1.4),
    ('United States', 'Dallas', 32.7767, -96.7970, 1.3), ('United States', 'Austin', 30.2672, -97.7431, 1.0),
    ('United States', 'San Francisco', 37.7749, -122.4194, 0.8), ('United States', 'Seattle', 47.6062, -122.3321, 0.75),
    ('United States', 'Denver', 39.7392, -104.9903, 0.72), ('United States', 'Boston', 42.3601, -71.0589, 0.68),
    ('United States', 'Portland', 45.5152, -122.6784, 0.65), ('United States', 'Atlanta', 33.7490, -84.3880, 0.5),
    ('United States', 'Miami', 25.7617, -80.1918, 0.45), ('United States', 'Minneapolis', 44.9778, -93.2650, 0.43),
    ('United Kingdom', 'London', 51.5074, -0.1278, 9.0), ('United Kingdom', 'Birmingham', 52.4862, -1.8904, 1.1),
    ('United Kingdom', 'Leeds', 53.8008, -1.5491, 0.8), ('United Kingdom', 'Glasgow', 55.8642, -4.2518, 0.63),
    ('United Kingdom', 'Manchester', 53.4808, -2.2426, 0.55), ('United Kingdom', 'Edinburgh', 55.9533, -3.1883, 0.53),
    ('United Kingdom', 'Liverpool', 53.4084, -2.9916, 0.5), ('United Kingdom', 'Bristol', 51.4545, -2.5879, 0.47),
    ('Germany', 'Berlin', 52.5200, 13.4050, 3.6), ('Germany', 'Hamburg', 53.5511, 9.9937, 1.8),
    ('Germany', 'München', 48.1351, 11.5820, 1.5), ('Germany', 'Köln', 50.9375, 6.9603, 1.1),
    ('Germany', 'Frankfurt am Main', 50.1109, 8.6821, 0.75), ('Germany', 'Stuttgart', 48.7758, 9.1829, 0.63),
    ('Germany', 'Düsseldorf', 51.2277, 6.7735, 0.62), ('Germany', 'Leipzig', 51.3397, 12.3731, 0.6),
    ('France', 'Paris', 48.8566, 2.3522, 2.1), ('France', 'Marseille', 43.2965, 5.3698, 0.87),
    ('France', 'Lyon', 45.7640, 4.8357, 0.52), ('France', 'Toulouse', 43.6047, 1.4442, 0.49),
    ('France', 'Nice', 43.7102, 7.2620, 0.34), ('France', 'Nantes', 47.2184, -1.5536, 0.32),
    ('France', 'Bordeaux', 44.8378, -0.5792, 0.26), ('France', 'Lille', 50.6292, 3.0573, 0.23),
    ('Canada', 'Toronto', 43.6532, -79.3832, 2.8), ('Canada', 'Montréal', 45.5017, -73.5673, 1.8),
    ('Canada', 'Calgary', 51.0447, -114.0719, 1.3), ('Canada', 'Ottawa', 45.4215, -75.6972, 1.0),
    ('Canada', 'Edmonton', 53.5461, -113.4938, 1.0), ('Canada', 'Vancouver', 49.2827, -123.1207, 0.66),
    ('Australia', 'Sydney', -33.8688, 151.2093, 5.3), ('Australia', 'Melbourne', -37.8136, 144.9631, 5.1),
    ('Australia', 'Brisbane', -27.4698, 153.0251, 2.6), ('Australia', 'Perth', -31.9505, 115.8605, 2.1),
    ('Australia', 'Adelaide', -34.9285, 138.6007, 1.4),
    ('Spain', 'Madrid', 40.4168, -3.7038, 3.3), ('Spain', 'Barcelona', 41.3851, 2.1734, 1.6),
    ('Spain', 'Valencia', 39.4699, -0.3763, 0.8), ('Spain', 'Sevilla', 37.3891, -5.9845, 0.69),
    ('Spain', 'Zaragoza', 41.6488, -0.8891, 0.67), ('Spain', 'Málaga', 36.7213, -4.4214, 0.58),
    ('Italy', 'Roma', 41.9028, 12.4964, 2.8), ('Italy', 'Milano', 45.4642, 9.1900, 1.4),
    ('Italy', 'Napoli', 40.8518, 14.2681, 0.92), ('Italy', 'Torino', 45.0703, 7.6869, 0.85),
    ('Italy', 'Palermo', 38.1157, 13.3615, 0.63), ('Italy', 'Bologna', 44.4949, 11.3426, 0.39),
    ('Italy', 'Firenze', 43.7696, 11.2558, 0.37),
    ('Netherlands', 'Amsterdam', 52.3676, 4.9041, 0.9), ('Netherlands', 'Rotterdam', 51.9244, 4.4777, 0.65),
    ('Netherlands', 'Den Haag', 52.0705, 4.3007, 0.55), ('Netherlands', 'Utrecht', 52.0907, 5.1214, 0.36),
    ('Netherlands', 'Eindhoven', 51.4416, 5.4697, 0.24),
    ('Brazil', 'São Paulo', -23.5505, -46.6333, 12.3), ('Brazil', 'Rio de Janeiro', -22.9068, -43.1729, 6.7),
    ('Brazil', 'Brasília', -15.7975, -47.8919, 3.0), ('Brazil', 'Salvador', -12.9777, -38.5016, 2.9),
    ('Brazil', 'Belo Horizonte', -19.9167, -43.9345, 2.5), ('Brazil', 'Curitiba', -25.4284, -49.2733, 1.9),
    ('Japan', 'Tokyo', 35.6762, 139.6503, 14.0), ('Japan', 'Yokohama', 35.4437, 139.6380, 3.8),
    ('Japan', 'Osaka', 34.6937, 135.5023, 2.7), ('Japan', 'Nagoya', 35.1815, 136.9066, 2.3),
    ('Japan', 'Sapporo', 43.0618, 141.3545, 2.0), ('Japan', 'Fukuoka', 33.5904, 130.4017, 1.6),
    ('India', 'Mumbai', 19.0760, 72.8777, 12.5), ('India', 'Delhi', 28.7041, 77.1025, 11.0),
    ('India', 'Bengaluru', 12.9716, 77.5946, 8.4), ('India', 'Hyderabad', 17.3850, 78.4867, 6.8),
    ('India', 'Chennai', 13.0827, 80.2707, 4.6), ('India', 'Pune', 18.5204, 73.8567, 3.1);
CREATE TABLE cities AS
    SELECT (row_number() OVER (ORDER BY c.share DESC, c.country, l.population DESC, l.city) - 1)::INTEGER AS city_no,
           l.country, l.city, l.lat, l.lon, c.culture, c.local_domain,
           c.share * l.population / sum(l.population) OVER (PARTITION BY l.country) AS share
    FROM city_list l JOIN countries c USING (country);

CREATE TABLE name_list(culture VARCHAR, kind VARCHAR, names VARCHAR[]);
INSERT INTO name_list VALUES
    ('en', 'first', ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth',
        'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Daniel',
        'Emma', 'Matthew', 'Olivia', 'Anthony', 'Sophia', 'Mark', 'Emily', 'Andrew', 'Chloe', 'Joshua', 'Grace']),
    ('en', 'last', ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson',
        'Taylor', 'Thomas', 'Moore', 'Jackson', 'Martin', 'Lee', 'Thompson', 'White', 'Harris', 'Clark', 'Lewis',
        'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Hill', 'Green', 'Adams', 'O''Brien']),
    ('de', 'first', ['Lukas', 'Anna', 'Leon', 'Lena', 'Felix', 'Marie', 'Jonas', 'Sophie', 'Paul', 'Hannah', 'Maximilian',
        'Laura', 'Jürgen', 'Lea', 'Tobias', 'Julia', 'Stefan', 'Katrin', 'Matthias', 'Sabine', 'Andreas', 'Petra',
        'Florian', 'Jana']),
    ('de', 'last', ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann',
        'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun',
        'Krüger', 'Hofmann', 'Hartmann']),
    ('fr', 'first', ['Jean', 'Marie', 'Pierre', 'Camille', 'Louis', 'Léa', 'Lucas', 'Chloé', 'Hugo', 'Manon', 'Théo',
        'Inès', 'Nicolas', 'Élodie', 'Julien', 'Céline', 'Antoine', 'Amélie', 'François', 'Margaux', 'Mathieu',
        'Clémence', 'Guillaume', 'Aurélie']),
    ('fr', 'last', ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
        'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel',
        'Girard', 'André', 'Mercier']),
    ('es', 'first', ['José', 'María', 'Antonio', 'Carmen', 'Manuel', 'Lucía', 'Javier', 'Laura', 'David', 'Marta',
        'Daniel', 'Paula', 'Carlos', 'Sofía', 'Alejandro', 'Elena', 'Pablo', 'Isabel', 'Sergio', 'Cristina', 'Álvaro',
        'Ana', 'Jorge', 'Raquel']),
    ('es', 'last', ['García', 'Rodríguez', 'González', 'Fernández', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Gómez',
        'Martín', 'Jiménez', 'Ruiz', 'Hernández', 'Díaz', 'Moreno', 'Muñoz', 'Álvarez', 'Romero', 'Alonso', 'Gutiérrez',
        'Navarro', 'Torres', 'Domínguez', 'Vázquez']),
    ('it', 'first', ['Giuseppe', 'Maria', 'Giovanni', 'Anna', 'Antonio', 'Giulia', 'Marco', 'Francesca', 'Luca', 'Chiara',
        'Alessandro', 'Sara', 'Andrea', 'Martina', 'Francesco', 'Valentina', 'Matteo', 'Elena', 'Lorenzo', 'Alessia',
        'Davide', 'Federica', 'Simone', 'Giorgia']),
    ('it', 'last', ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco',
        'Bruno', 'Gallo', 'Conti', 'De Luca', 'Costa', 'Giordano', 'Mancini', 'Rizzo', 'Lombardi', 'Moretti', 'Barbieri',
        'Fontana', 'Santoro', 'Mariani']),
    ('nl', 'first', ['Daan', 'Emma', 'Sem', 'Julia', 'Lucas', 'Sophie', 'Levi', 'Tess', 'Finn', 'Anna', 'Milan', 'Sara',
        'Jesse', 'Eva', 'Bram', 'Lotte', 'Thijs', 'Fleur', 'Ruben', 'Noor', 'Jeroen', 'Sanne', 'Pieter', 'Anouk']),
    ('nl', 'last', ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'van Dijk', 'Bakker', 'Janssen', 'Visser', 'Smit',
        'Meijer', 'de Boer', 'Mulder', 'de Groot', 'Bos', 'Vos', 'Peters', 'Hendriks', 'van Leeuwen', 'Dekker', 'Brouwer',
        'de Wit', 'Dijkstra', 'Smits', 'de Graaf']),
    ('pt', 'first', ['João', 'Maria', 'Pedro', 'Ana', 'Lucas', 'Juliana', 'Gabriel', 'Fernanda', 'Rafael', 'Beatriz',
        'Mateus', 'Camila', 'Gustavo', 'Larissa', 'Felipe', 'Letícia', 'Thiago', 'Mariana', 'Bruno', 'Amanda', 'Diego',
        'Bruna', 'André', 'Vitória']),
    ('pt', 'last', ['Silva', 'Santos', 'Oliveira', 'Souza', 'Rodrigues', 'Ferreira', 'Alves', 'Pereira', 'Lima', 'Gomes',
        'Costa', 'Ribeiro', 'Martins', 'Carvalho', 'Almeida', 'Lopes', 'Soares', 'Fernandes', 'Vieira', 'Barbosa',
        'Rocha', 'Dias', 'Nascimento', 'Araújo']),
    ('ja', 'first', ['Haruto', 'Yui', 'Sota', 'Hina', 'Yuto', 'Aoi', 'Riku', 'Sakura', 'Haruki', 'Yuna', 'Takumi', 'Mio',
        'Kenta', 'Rin', 'Daiki', 'Saki', 'Ren', 'Miyu', 'Sho', 'Nanami', 'Kaito', 'Akari', 'Hiroshi', 'Yuki']),
    ('ja', 'last', ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi',
        'Kato', 'Yoshida', 'Yamada', 'Sasaki', 'Yamaguchi', 'Matsumoto', 'Inoue', 'Kimura', 'Hayashi', 'Shimizu',
        'Yamazaki', 'Mori', 'Abe', 'Ikeda', 'Hashimoto']),
    ('in', 'first', ['Aarav', 'Ananya', 'Vivaan', 'Diya', 'Aditya', 'Saanvi', 'Arjun', 'Priya', 'Rohan', 'Isha', 'Rahul',
        'Kavya', 'Vikram', 'Neha', 'Sanjay', 'Pooja', 'Amit', 'Sneha', 'Karan', 'Anjali', 'Rajesh', 'Meera', 'Nikhil',
        'Shreya']),
    ('in', 'last', ['Sharma', 'Verma', 'Gupta', 'Patel', 'Singh', 'Kumar', 'Reddy', 'Iyer', 'Nair', 'Mehta', 'Joshi',
        'Shah', 'Rao', 'Das', 'Chopra', 'Malhotra', 'Bhat', 'Kapoor', 'Agarwal', 'Mishra', 'Pillai', 'Menon', 'Banerjee',
        'Chatterjee']);
CREATE TABLE names AS
    SELECT culture, max(names) FILTER (kind = 'first') AS first_names, max(names) FILTER (kind = 'last') AS last_names
    FROM name_list GROUP BY culture;

CREATE TABLE email_domains(domain VARCHAR, share DOUBLE);
INSERT INTO email_domains VALUES ('gmail.com', 45), ('yahoo.com', 13), ('outlook.com', 12), ('hotmail.com', 11),
    ('icloud.com', 9), ('aol.com', 4), ('proton.me', 3), ('gmx.com', 3);

-- Weighted choices become equi-joins on small lookup tables: a uniform draw u picks row floor(u * N)
-- of a table that repeats each option in proportion to its weight.
CREATE TABLE city_pick AS
    WITH c AS (SELECT city_no, sum(share) OVER (ORDER BY city_no) - share AS lo FROM cities)
    SELECT k.i::INTEGER AS k, c.city_no FROM range(4096) k(i) ASOF JOIN c ON (k.i + 0.5) / 4096 >= c.lo;
CREATE TABLE domain_pick AS
    WITH d AS (SELECT domain, share / sum(share) OVER () AS p FROM email_domains),
         c AS (SELECT domain, sum(p) OVER (ORDER BY domain) - p AS lo FROM d)
    SELECT k.i::INTEGER AS k, c.domain FROM range(1024) k(i) ASOF JOIN c ON (k.i + 0.5) / 1024 >= c.lo;

-- Choices made per event are short constant lists instead (see the header): a draw u picks entry
-- floor(u * slots) of its group. A category for mass / value shoppers (256 slots each), a brand of a
-- category by brand share (64 slots each).
SET VARIABLE category_of_slot = (
    WITH w AS (SELECT false AS value_shopper, cat, mass_weight AS p FROM categories
               UNION ALL SELECT true, cat, value_weight FROM categories),
         c AS (SELECT value_shopper, cat, sum(p) OVER (PARTITION BY value_shopper ORDER BY cat) - p AS lo FROM w),
         k AS (SELECT v.value_shopper, i::INTEGER AS k FROM (VALUES (false), (true)) v(value_shopper), range(256) r(i))
    SELECT list(c.cat ORDER BY k.value_shopper, k.k)
    FROM k ASOF JOIN c ON k.value_shopper = c.value_shopper AND (k.k + 0.5) / 256 >= c.lo);
CREATE MACRO category_at(value_shopper, u) AS
    getvariable('category_of_slot')[1 + value_shopper::INTEGER * 256 + floor(u * 256)::INTEGER];
SET VARIABLE brand_of_slot = (
    WITH c AS (SELECT cat, brand_no, sum(share) OVER (PARTITION BY cat ORDER BY brand_no) - share AS lo FROM brands),
         k AS (SELECT cat, i::INTEGER AS k FROM categories, range(64) r(i))
    SELECT list(c.brand_no ORDER BY k.cat, k.k) FROM k ASOF JOIN c ON k.cat = c.cat AND (k.k + 0.5) / 64 >= c.lo);

-- Calendar: a weight per day (month-of-year seasonality with the Nov/Dec peak, Black Friday and
-- Cyber Monday, weekends, +15 % growth over the window) and per hour of the day. An event's day is
-- drawn from the customer's active days in proportion to these weights via the cumulative share F.
CREATE TABLE calendar AS
    WITH d AS (SELECT i::INTEGER AS d, (DATE '2024-01-01' + i::INTEGER) AS day FROM range(398) t(i)),
         w AS (SELECT d, day,
                      CASE WHEN d = 397 THEN 0.0 ELSE
                          [0.86, 0.80, 0.90, 0.92, 0.95, 0.93, 0.97, 0.95, 0.96, 1.05, 1.50, 1.75][month(day)]
                          * [1.00, 0.97, 0.98, 1.00, 1.06, 1.14, 1.09][isodow(day)]
                          * (1 + 0.15 * d / 396)
                          * CASE WHEN day IN (DATE '2024-11-29', DATE '2024-12-02') THEN 2.6
                                 WHEN day = DATE '2024-12-25' THEN 0.45 ELSE 1.0 END
                      END AS w
               FROM d)
    SELECT d, day, w, (sum(w) OVER (ORDER BY d) - w) / sum(w) OVER () AS f FROM w;
-- Exact inverse of a cumulative distribution with short lists: each bucket is narrower than any day
-- (1/1024 of the window) or hour (1/512 of the day), so the value at t is the one where t's bucket
-- starts (first_day) or the next one (day_at). *_starts: the cumulative share where each value starts,
-- plus a last entry 1.0. Two macros, so that the bucket's value is looked up once per event.
SET VARIABLE day_starts = (SELECT list(f ORDER BY d) FROM calendar);
SET VARIABLE day_of_bucket = (
    SELECT list(c.d ORDER BY k.i) FROM range(1024) k(i)
    ASOF JOIN (SELECT d, f FROM calendar WHERE w > 0) c ON k.i / 1024 >= c.f);
CREATE MACRO first_day(t) AS getvariable('day_of_bucket')[1 + least(1023, floor(t * 1024))::INTEGER];
CREATE MACRO day_at(t, first) AS first + (t >= getvariable('day_starts')[2 + first])::INTEGER;
CREATE TABLE hours AS
    WITH h AS (SELECT (i - 1)::INTEGER AS hour,
                      [0.35, 0.20, 0.12, 0.08, 0.07, 0.10, 0.25, 0.50, 0.75, 0.95, 1.05, 1.10, 1.25, 1.20, 1.05, 1.00,
                       1.00, 1.05, 1.15, 1.35, 1.45, 1.35, 1.00, 0.65][i] AS w
               FROM range(1, 25) t(i))
    SELECT hour, (sum(w) OVER (ORDER BY hour) - w) / sum(w) OVER () AS f FROM h
    UNION ALL SELECT 24, 1.0;
SET VARIABLE hour_starts = (SELECT list(f ORDER BY hour) FROM hours);
SET VARIABLE hour_of_bucket = (
    SELECT list(h.hour ORDER BY k.i) FROM range(512) k(i)
    ASOF JOIN (SELECT hour, f FROM hours WHERE hour < 24) h ON k.i / 512 >= h.f);
CREATE MACRO first_hour(u) AS getvariable('hour_of_bucket')[1 + floor(u * 512)::INTEGER];
CREATE MACRO hour_at(u, first) AS first + (u >= getvariable('hour_starts')[2 + first])::INTEGER;

-- @step products
-- The catalogue is laid out in blocks, one per (category, brand), each a contiguous id range sorted by
-- price: "a product of category c and brand b at price rank q" is first_id + floor(q * n).
CREATE TABLE blocks AS
    WITH b AS (SELECT b.cat, b.brand_no, c.product_share * b.share AS share FROM brands b JOIN categories c USING (cat)),
         c AS (SELECT cat, brand_no, (row_number() OVER (ORDER BY cat, brand_no) - 1)::INTEGER AS block_no,
                      sum(share) OVER (ORDER BY cat, brand_no) - share AS lo, sum(share) OVER (ORDER BY cat, brand_no) AS hi
               FROM b),
         spare AS (SELECT ${products} - count(*) AS spare FROM c)
    -- every block gets one product, the rest is shared out in proportion (cumulative rounding keeps the total exact)
    SELECT cat, brand_no, block_no, (1 + block_no + round(lo * spare))::BIGINT AS first_id,
           (1 + round(hi * spare) - round(lo * spare))::BIGINT AS n
    FROM c, spare;

-- An event's block: a brand of its category (brand_of_slot), then that block's id range.
SET VARIABLE first_block = (SELECT list(b ORDER BY cat) FROM (SELECT cat, min(block_no) AS b FROM blocks GROUP BY cat));
SET VARIABLE block_first = (SELECT list(first_id ORDER BY block_no) FROM blocks);
SET VARIABLE block_size = (SELECT list(n ORDER BY block_no) FROM blocks);
CREATE MACRO block_of(cat, u) AS
    getvariable('first_block')[1 + cat] + getvariable('brand_of_slot')[1 + cat * 64 + floor(u * 64)::INTEGER];
CREATE MACRO block_first(block) AS getvariable('block_first')[1 + block];
CREATE MACRO block_size(block) AS getvariable('block_size')[1 + block];

CREATE TABLE product_draft AS
    WITH raw AS (SELECT b.*, b.first_id + r.k AS key, r.k FROM blocks b, range(b.n) r(k)),
         typed AS (
             -- types cycle through the block from a random start, so every type exists as soon as the catalogue is tiny
             SELECT raw.*, ((raw.k + floor(rnd(raw.first_id, 20) * t.types_in_cat)) % t.types_in_cat)::INTEGER AS type_no
             FROM raw JOIN (SELECT DISTINCT cat, types_in_cat FROM types) t USING (cat))
    SELECT typed.block_no, typed.cat, typed.brand_no, typed.first_id, typed.key, t.type, t.complement,
           least(5000.0, greatest(10.0,
               round(exp(ln(t.price_lo) + rnd(typed.key, 21) * (ln(t.price_hi) - ln(t.price_lo)))) - 0.01)) AS price
    FROM typed JOIN types t USING (cat, type_no);

CREATE TABLE product_x AS
    WITH ranked AS (
             SELECT d.*, (d.first_id + row_number() OVER (PARTITION BY d.block_no ORDER BY d.price, d.key) - 1)::BIGINT AS product_id
             FROM product_draft d),
         by_type AS (
             SELECT product_id, type, (row_number() OVER (PARTITION BY type ORDER BY product_id) - 1)::BIGINT AS type_rank,
                    count(*) OVER (PARTITION BY type) AS type_n
             FROM ranked),
         type_n AS (SELECT DISTINCT type, type_n FROM by_type),
         -- each product's complement: a product of the complementary type, the same one for every buyer
         target AS (
             SELECT r.product_id, r.complement, floor(rnd(r.product_id, 22) * n.type_n)::BIGINT AS complement_rank
             FROM ranked r JOIN type_n n ON n.type = r.complement)
    SELECT r.product_id, r.block_no, r.cat, r.brand_no, r.type, r.price, c.category, b.brand, c.refund_rate,
           b.brand || ' ' || r.type || ' ' || s.word || ' ' || (100 + floor(rnd(r.key, 23) * 9900))::INTEGER AS name,
           -- 5 % sold out, the rest skewed towards small quantities
           CASE WHEN rnd(r.key, 24) < 0.05 THEN 0 ELSE 1 + floor(999 * pow(rnd(r.key, 25), 2)) END::INTEGER AS stock,
           -- launched before the window, more of them recently (no sale may precede a launch)
           (DATE '2016-01-01' + floor(pow(rnd(r.key, 26), 0.6) * (DATE '2023-12-31' - DATE '2016-01-01'))::INTEGER) AS launch_date,
           bt.product_id AS complement_id
    FROM ranked r
    JOIN categories c USING (cat)
    JOIN brands b USING (cat, brand_no)
    JOIN series s ON s.no = floor(rnd(r.key, 27) * 16)::INTEGER
    LEFT JOIN target t USING (product_id)
    LEFT JOIN by_type bt ON bt.type = t.complement AND bt.type_rank = t.complement_rank;
DROP TABLE product_draft;

-- @step customers
CREATE TABLE customer_draft AS
    WITH base AS (
             SELECT i + 1 AS customer_id, rnd(i + 1, 1) AS u_segment FROM range(${customers}) t(i)),
         seg AS (
             SELECT b.customer_id, s.* FROM base b
             ASOF JOIN (SELECT *, coalesce(lag(upper) OVER (ORDER BY upper), 0) AS lower FROM segments) s
                 ON b.u_segment >= s.lower),
         placed AS (
             SELECT seg.*, ci.country, ci.city, ci.culture, ci.local_domain,
                    round(ci.lat + 0.04 * gauss(seg.customer_id, 3), 5) AS lat,
                    round(ci.lon + 0.05 * gauss(seg.customer_id, 4), 5) AS lon
             FROM seg JOIN city_pick cp ON cp.k = floor(rnd(seg.customer_id, 2) * 4096)::INTEGER
             JOIN cities ci USING (city_no)),
         named AS (
             SELECT p.*, n.first_names[1 + floor(rnd(p.customer_id, 5) * len(n.first_names))::INTEGER] AS first_name,
                    n.last_names[1 + floor(rnd(p.customer_id, 6) * len(n.last_names))::INTEGER] AS last_name,
                    CASE WHEN rnd(p.customer_id, 7) < 0.2 THEN p.local_domain ELSE d.domain END AS domain
             FROM placed p JOIN names n USING (culture)
             JOIN domain_pick d ON d.k = floor(rnd(p.customer_id, 8) * 1024)::INTEGER),
         mailed AS (
             SELECT *,
                    regexp_replace(lower(strip_accents(first_name)), '[^a-z]', '', 'g') AS f,
                    regexp_replace(lower(strip_accents(last_name)), '[^a-z]', '', 'g') AS l,
                    rnd(customer_id, 9) AS u_mail
             FROM named)
    SELECT customer_id, segment, tx_rate, interaction_rate, price_exponent, value_shopper,
           country, city, lat, lon, first_name || ' ' || last_name AS name,
           -- the trailing customer number keeps every address unique, as a shop's login requires
           CASE WHEN u_mail < 0.40 THEN f || '.' || l WHEN u_mail < 0.60 THEN f || l
                WHEN u_mail < 0.75 THEN left(f, 1) || l WHEN u_mail < 0.90 THEN f || '_' || l
                ELSE f || left(l, 1) END || customer_id || '@' || domain AS email,
           CASE WHEN segment = 'New'
                -- New: registered in the last 60 days of the window
                THEN DATE '2024-12-03' + floor(rnd(customer_id, 10) * 60)::INTEGER
                -- the others since 2019, more of them recently (a growing shop)
                ELSE DATE '2019-01-01' + floor(sqrt(rnd(customer_id, 10)) * (DATE '2024-12-03' - DATE '2019-01-01'))::INTEGER
           END AS registration_date
    FROM mailed;

CREATE TABLE customer_x AS
    WITH active AS (
             SELECT d.*, greatest(d.registration_date, DATE '2024-01-01') AS active_from,
                    -- future churners: 18 % of those registered by 2024-09-01 stop well before the window ends
                    d.registration_date <= DATE '2024-09-01' AND rnd(d.customer_id, 11) < 0.18 AS churner
             FROM customer_draft d),
         spans AS (
             SELECT a.*,
                    CASE WHEN churner THEN a.active_from + 30
                             + floor(rnd(a.customer_id, 12) * (DATE '2024-11-02' - (a.active_from + 30)))::INTEGER
                         ELSE DATE '2025-02-01' END AS active_to,
                    -- how active this customer is compared with others of the segment (log-normal, mean 1)
                    exp(0.55 * gauss(a.customer_id, 13) - 0.15125) AS activity
             FROM active a),
         weighted AS (
             SELECT s.*, (s.active_from - DATE '2024-01-01')::INTEGER AS a_d, (s.active_to - DATE '2024-01-01')::INTEGER AS b_d,
                    ca.f AS fa, cb.f AS fb,
                    -- expected events before normalisation: rate x activity x seasonal mass of the active span;
                    -- a churner's activity fades out (density (1 - x)^2, see calendar_position): a third of the mass
                    s.tx_rate * s.activity * (cb.f - ca.f) * CASE WHEN s.churner THEN 1 / 3 ELSE 1 END AS tx_weight,
                    s.interaction_rate * pow(s.activity, 0.7) * (cb.f - ca.f) * CASE WHEN s.churner THEN 1 / 3 ELSE 1 END
                        AS interaction_weight
             FROM spans s
             JOIN calendar ca ON ca.d = s.active_from - DATE '2024-01-01'
             JOIN calendar cb ON cb.d = s.active_to - DATE '2024-01-01'),
         -- integer micro-units: an exact (order-independent) total
         totals AS (SELECT sum(round(tx_weight * 1e6)::BIGINT) AS tx_total,
                           sum(round(interaction_weight * 1e6)::BIGINT) AS interaction_total FROM weighted),
         counted AS (
             SELECT w.*,
                    -- ~7.3 transactions per customer in all: the basket follow-ups added later make 25 % of the
                    -- primary purchases, a little less as those after a churn date are dropped (x 1.245)
                    floor(round(tx_weight * 1e6) * (7.3 / 1.245 * ${customers}) / t.tx_total + rnd(customer_id, 14))::INTEGER AS n_tx,
                    floor(round(interaction_weight * 1e6) * (27.0 * ${customers}) / t.interaction_total
                          + rnd(customer_id, 15))::INTEGER AS n_interactions
             FROM weighted w, totals t),
         tastes AS (
             SELECT c.*, category_at(c.value_shopper, rnd(c.customer_id, 16)) AS fav_cat,
                    category_at(c.value_shopper, rnd(c.customer_id, 17)) AS second_cat,
                    CASE WHEN rnd(c.customer_id, 18) < 0.12 THEN 'store' END AS store_shopper,
                    CASE WHEN rnd(c.customer_id, 19) < 0.55 THEN 'mobile'
                         WHEN rnd(c.customer_id, 19) < 0.90 THEN 'desktop' ELSE 'tablet' END AS device
             FROM counted c),
         favourite AS (
             -- the favourite brand within the favourite category: its block
             SELECT t.*, block_of(t.fav_cat, rnd(t.customer_id, 0)) AS fav_block FROM tastes t)
    SELECT t.customer_id, t.segment, t.price_exponent, t.value_shopper, t.country, t.city, t.lat, t.lon, t.name, t.email,
           t.registration_date, t.churner, t.active_to, t.a_d, t.b_d, t.fa, t.fb, t.fav_cat, t.second_cat,
           t.fav_block, t.device,
           coalesce(t.store_shopper, CASE WHEN t.device = 'desktop' THEN 'web' ELSE 'mobile_app' END) AS channel,
           t.n_tx, t.n_interactions, greatest(1, round(t.n_interactions / 2.7))::INTEGER AS n_sessions,
           (sum(t.n_tx) OVER (ORDER BY t.customer_id) - t.n_tx)::BIGINT AS tx_base,
           (sum(t.n_interactions) OVER (ORDER BY t.customer_id) - t.n_interactions)::BIGINT AS interaction_base
    FROM favourite t;
DROP TABLE customer_draft;

-- @step transactions
-- Primary purchases: a third from the favourite brand, more from the favourite and the second category,
-- at a price rank the segment affords, on a day drawn from the seasonal calendar.
CREATE MACRO event_category(u, fav_cat, second_cat, value_shopper, u_any) AS
    CASE WHEN u < 0.55 THEN fav_cat WHEN u < 0.70 THEN second_cat ELSE category_at(value_shopper, u_any) END;
CREATE TABLE tx_primary AS
    WITH e AS (
             SELECT n.*,
                    CASE WHEN n.u_source < 0.33 THEN n.fav_block
                         ELSE block_of(event_category(n.u_source, n.fav_cat, n.second_cat, n.value_shopper,
                                                      rnd(n.key, 31)), rnd(n.key, 32)) END AS block,
                    calendar_position(n.fa, n.fb, n.churner, rnd(n.key, 35)) AS position, rnd(n.key, 36) AS u_hour
             FROM (SELECT u.*, rnd(u.key, 30) AS u_source
                   FROM (SELECT c.customer_id, c.tx_base + unnest(range(c.n_tx)) AS key, c.value_shopper, c.fav_cat,
                                c.second_cat, c.fav_block, c.price_exponent, c.channel AS preferred_channel,
                                c.churner, c.a_d, c.b_d, c.fa, c.fb, c.active_to
                         FROM customer_x c) u) n),
         placed AS (
             SELECT e.*, block_first(e.block) + floor(block_size(e.block) * pow(rnd(e.key, 34), e.price_exponent))::BIGINT
                             AS product_id,
                    first_day(e.position) AS first_day, first_hour(e.u_hour) AS first_hour
             FROM e)
    SELECT t.customer_id, t.key, t.product_id, p.price, p.refund_rate, p.complement_id, t.active_to, t.preferred_channel,
           at_second(greatest(t.a_d, least(t.b_d - 1, day_at(t.position, t.first_day))),
                     hour_at(t.u_hour, t.first_hour) * 3600 + floor(rnd(t.key, 37) * 3600)::INTEGER) AS ts,
           quantity_of(p.price, rnd(t.key, 38)) AS quantity,
           channel_of(t.preferred_channel, rnd(t.key, 39)) AS channel
    FROM placed t JOIN product_x p USING (product_id);

-- Basket pairs: a quarter of purchases are followed, 1 hour to 6 days later, by the product's complement
-- (laptop -> mouse), unless the customer has churned by then. The table is stored in time order, so
-- its row number is the transaction id, handed out in time order as an order system does.
CREATE TABLE tx AS
    WITH follow_ups AS (
             SELECT t.customer_id, t.key, 1 AS kind, p.product_id, p.price, p.refund_rate,
                    t.ts + to_seconds(floor(3600 + rnd(t.key, 41) * (6 * 86400 - 3600))::BIGINT) AS ts,
                    quantity_of(p.price, rnd(t.key, 42)) AS quantity,
                    CASE WHEN rnd(t.key, 43) < 0.8 THEN t.channel ELSE channel_of(t.preferred_channel, rnd(t.key, 44)) END AS channel,
                    t.active_to
             FROM tx_primary t JOIN product_x p ON p.product_id = t.complement_id
             WHERE rnd(t.key, 40) < 0.25),
         all_tx AS (
             SELECT customer_id, key, 0 AS kind, product_id, price, refund_rate, ts, quantity, channel FROM tx_primary
             UNION ALL
             SELECT customer_id, key, kind, product_id, price, refund_rate, ts, quantity, channel FROM follow_ups
             WHERE ts < active_to)
    SELECT customer_id, product_id, price::DECIMAL(18, 2) * quantity AS amount, quantity, ts, channel,
           status_of(ts, rnd(key, 45 + kind), rnd(key, 47 + kind), refund_rate) AS status
    FROM all_tx
    ORDER BY ts, customer_id, key, kind;
DROP TABLE tx_primary;

-- @export products
SELECT product_id, name, category, brand, price, stock, launch_date FROM product_x ORDER BY product_id

-- @export transactions
SELECT rowid + 1 AS transaction_id, customer_id, product_id, amount::DOUBLE AS amount, quantity, ts AS "timestamp",
       channel, status
FROM tx

-- @export customers
-- ltv: the customer's completed purchases in the window, summed exactly (DECIMAL), so analyses agree.
SELECT c.customer_id, c.email, c.name, c.segment, coalesce(l.ltv, 0)::DOUBLE AS ltv, c.registration_date,
       c.country, c.city, c.lat, c.lon
FROM customer_x c
LEFT JOIN (SELECT customer_id, sum(amount) AS ltv FROM tx WHERE status = 'completed' GROUP BY customer_id) l USING (customer_id)
ORDER BY c.customer_id

-- @export interactions
-- Streamed straight to the file, never materialised, and without joins (which would scramble the row
-- order). A customer's events are spread over sessions (about 2.7 events each); a session has a day
-- and hour from the calendar, a device, and a source of products chosen like a purchase's; its events
-- look at one focus product or at its neighbours in the same block.
WITH e AS (
         SELECT s.*, rnd(s.skey, 60) AS u_source
         FROM (SELECT n.*, n.interaction_base + floor(rnd(n.key, 70) * n.n_sessions)::BIGINT AS skey
         FROM (SELECT c.customer_id, c.interaction_base + unnest(range(c.n_interactions)) AS key, c.interaction_base,
                      c.n_sessions, c.value_shopper, c.fav_cat, c.second_cat, c.fav_block, c.price_exponent,
                      c.device AS preferred_device, c.churner, c.a_d, c.b_d, c.fa, c.fb
               FROM customer_x c) n) s),
     drawn AS (
         SELECT e.*,
                CASE WHEN e.u_source < 0.25 THEN e.fav_block
                     ELSE block_of(event_category(e.u_source, e.fav_cat, e.second_cat, e.value_shopper,
                                                  rnd(e.skey, 61)), rnd(e.skey, 62)) END AS block,
                CASE WHEN rnd(e.key, 72) < 0.55 THEN rnd(e.skey, 64) ELSE rnd(e.key, 73) END AS u_rank,
                calendar_position(e.fa, e.fb, e.churner, rnd(e.skey, 65)) AS position, rnd(e.skey, 66) AS u_hour,
                rnd(e.skey, 68) AS u_device, rnd(e.key, 71) AS u_type, rnd(e.key, 74) AS u_duration
         FROM e),
     placed AS (
         SELECT d.*, block_first(d.block) + floor(block_size(d.block) * pow(d.u_rank, d.price_exponent))::BIGINT AS product_id,
                first_day(d.position) AS first_day, first_hour(d.u_hour) AS first_hour,
                CASE WHEN d.u_type < 0.40 THEN 'view' WHEN d.u_type < 0.65 THEN 'cart'
                     WHEN d.u_type < 0.80 THEN 'wishlist' WHEN d.u_type < 0.90 THEN 'review' ELSE 'share' END AS type
         FROM drawn d)
SELECT key + 1 AS interaction_id, customer_id, product_id, type,
       -- a session starts in the first 45 minutes of its hour and its events follow within 15 minutes
       at_second(greatest(a_d, least(b_d - 1, day_at(position, first_day))),
                 hour_at(u_hour, first_hour) * 3600 + floor(rnd(skey, 67) * 2700)::INTEGER
                 + floor(rnd(key, 75) * 900)::INTEGER) AS "timestamp",
       -- seconds spent: log-logistic (a long tail of people who leave the tab open) around a median per
       -- type, reviews taking longest; one draw, cheaper than a log-normal's Box-Muller pair
       least(3600, greatest(1, round(CASE type WHEN 'view' THEN 35 WHEN 'cart' THEN 12 WHEN 'wishlist' THEN 8
                                               WHEN 'review' THEN 150 ELSE 15 END
                                     * pow(u_duration / (1 - u_duration), 0.4))))::INTEGER AS duration,
       CASE WHEN u_device < 0.75 THEN preferred_device WHEN u_device < 0.87 THEN 'mobile'
            WHEN u_device < 0.96 THEN 'desktop' ELSE 'tablet' END AS device,
       -- the session's key: unique (a customer's sessions are numbered within its own key range), and
       -- cheap to write, unlike a random token that neither compresses nor encodes fast
       's' || skey AS session_id
FROM placed
