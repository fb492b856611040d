package org.c360.analytics.ml;

import java.time.LocalDate;

/**
 * Options of a lifetime-value run. The holdout is either the days after {@code calibrationEnd} or the last
 * {@code holdoutDays} of the data (0: no holdout check). The CLV horizon is in months of 30 days, discounted
 * at {@code monthlyDiscountRate} per month, as in {@code lifetimes}' customer_lifetime_value.
 */
public record LtvOptions(LocalDate calibrationEnd, int holdoutDays, int horizonMonths, double monthlyDiscountRate) {

    public static final int DEFAULT_HOLDOUT_DAYS = 90;
    public static final int DEFAULT_HORIZON_MONTHS = 12;
    public static final double DEFAULT_DISCOUNT_RATE = 0.01;
    public static final LtvOptions DEFAULTS = new LtvOptions(null, DEFAULT_HOLDOUT_DAYS, DEFAULT_HORIZON_MONTHS,
            DEFAULT_DISCOUNT_RATE);
    /** Days in a month of the horizon (lifetimes' factor for daily data). */
    public static final int DAYS_PER_MONTH = 30;

    public LtvOptions {
        if (holdoutDays < 0) {
            throw new IllegalArgumentException("holdout days must be 0 or more, not " + holdoutDays);
        }
        if (horizonMonths < 1 || horizonMonths > 120) {
            throw new IllegalArgumentException("the horizon must be 1 to 120 months, not " + horizonMonths);
        }
        if (!(monthlyDiscountRate >= 0 && monthlyDiscountRate < 1)) {
            throw new IllegalArgumentException("the monthly discount rate must be at least 0 and below 1, not "
                    + monthlyDiscountRate);
        }
    }

    public LtvOptions withCalibrationEnd(LocalDate end) {
        return new LtvOptions(end, holdoutDays, horizonMonths, monthlyDiscountRate);
    }

    public LtvOptions withHoldoutDays(int days) {
        return new LtvOptions(null, days, horizonMonths, monthlyDiscountRate);
    }

    public LtvOptions withHorizonMonths(int months) {
        return new LtvOptions(calibrationEnd, holdoutDays, months, monthlyDiscountRate);
    }

    public LtvOptions withDiscountRate(double rate) {
        return new LtvOptions(calibrationEnd, holdoutDays, horizonMonths, rate);
    }
}
