package org.c360.analytics.ml;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Customers drawn from known BG/NBD and Gamma-Gamma parameters, with a pinned seed. */
final class Simulation {

    /** One simulated customer; recency and T in the simulation's time unit; monetary NaN without repeats. */
    record Customer(int frequency, double recency, double age, double monetary, int holdoutPurchases) {
    }

    private final Random random;

    Simulation(long seed) {
        random = new Random(seed);
    }

    /**
     * {@code n} customers acquired at times spread so their ages run from {@code minAge} to {@code maxAge},
     * watched for a further {@code holdout} (purchases in it counted separately).
     */
    List<Customer> customers(int n, BgNbd bg, GammaGamma gg, double minAge, double maxAge, double holdout) {
        List<Customer> customers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double age = minAge + random.nextDouble() * (maxAge - minAge);
            double lambda = gamma(bg.r()) / bg.alpha();
            double p = beta(bg.a(), bg.b());
            double nu = gamma(gg.q()) / gg.v();
            int frequency = 0;
            int holdoutPurchases = 0;
            double last = 0;
            double spend = 0;
            double t = 0;
            boolean alive = true;
            while (alive) {
                t += -Math.log(1 - random.nextDouble()) / lambda;
                if (t > age + holdout) {
                    break;
                }
                if (t <= age) {
                    frequency++;
                    last = t;
                    spend += gamma(gg.p()) / nu;
                } else {
                    holdoutPurchases++;
                }
                alive = random.nextDouble() >= p;
            }
            customers.add(new Customer(frequency, last, age, frequency > 0 ? spend / frequency : Double.NaN, holdoutPurchases));
        }
        return customers;
    }

    /** One purchase of a simulated customer, {@code day} days after the start of the data. */
    record Purchase(int customer, double day, double amount) {
    }

    /**
     * Purchases of {@code n} customers acquired uniformly over the first {@code acquisitionDays} of a
     * {@code totalDays}-long history: the first purchase at acquisition, then BG/NBD repeat purchases with
     * Gamma-Gamma amounts.
     */
    List<Purchase> purchases(int n, BgNbd bg, GammaGamma gg, double acquisitionDays, double totalDays) {
        List<Purchase> purchases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double start = random.nextDouble() * acquisitionDays;
            double lambda = gamma(bg.r()) / bg.alpha();
            double p = beta(bg.a(), bg.b());
            double nu = gamma(gg.q()) / gg.v();
            purchases.add(new Purchase(i, start, gamma(gg.p()) / nu));
            double t = start;
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / lambda;
                if (t >= totalDays) {
                    break;
                }
                purchases.add(new Purchase(i, t, gamma(gg.p()) / nu));
                if (random.nextDouble() < p) {
                    break;
                }
            }
        }
        return purchases;
    }

    static RepeatData repeatData(List<Customer> customers) {
        int n = customers.size();
        int[] x = new int[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            Customer c = customers.get(i);
            x[i] = c.frequency();
            tx[i] = c.recency();
            age[i] = c.age();
            w[i] = 1;
        }
        return new RepeatData(x, tx, age, w);
    }

    static SpendData spendData(List<Customer> customers) {
        List<Customer> repeat = customers.stream().filter(c -> c.frequency() > 0).toList();
        int[] x = new int[repeat.size()];
        double[] m = new double[repeat.size()];
        double[] w = new double[repeat.size()];
        for (int i = 0; i < repeat.size(); i++) {
            x[i] = repeat.get(i).frequency();
            m[i] = repeat.get(i).monetary();
            w[i] = 1;
        }
        return new SpendData(x, m, w);
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the shape < 1 boost. */
    double gamma(double shape) {
        if (shape < 1) {
            return gamma(shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = Math.pow(1 + c * z, 3);
            if (v <= 0) {
                continue;
            }
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    double beta(double a, double b) {
        double x = gamma(a);
        return x / (x + gamma(b));
    }
}
